import AlmenDomain
import DigitalPost
import Fluent
import Foundation
import Vapor

/// The receiving system (modtagesystem) that a public sender must run (digital-post.md): fetches
/// citizens' mail by pull, accepts it by push, stores each message durably before sending the
/// business receipt, then deletes it upstream. A message already stored is acknowledged again and
/// never stored twice. Replies are threaded to our letter by ReplyData/messageUUID.
struct ReceivingSystem: Sendable {
    let database: any Database
    let client: any NgDPClient
    let vault: CPRVault
    let dependencies: AppDependencies
    let logger: Logger
    /// NgDP deactivates a receiving system that receives nothing for 7 days; we warn at 5.
    static let warnAfter: TimeInterval = 5 * 86_400

    /// What happened to one message.
    enum Outcome: Equatable, Sendable {
        case stored
        case invalid
        case duplicate
    }

    /// Fetches everything waiting upstream; returns how many messages were handled.
    @discardableResult
    func pull(pageSize: Int = 50) async throws -> Int {
        var handled = 0
        // Each handled message is deleted upstream, so page 0 always holds what is left.
        for _ in 0..<1000 {
            let page = try await client.incoming(page: 0, size: pageSize)
            if page.content.isEmpty { break }
            for uuid in page.content {
                let xml = try await client.fetchIncoming(uuid)
                _ = try await receive(uuid: uuid, xml: xml, channel: "pull")
                handled += 1
            }
        }
        let now = String(dependencies.now().timeIntervalSince1970)
        try await AppSetting.upsert(AppSetting.Key.ngdpLastPoll, now, on: database)
        if try await AppSetting.find(AppSetting.Key.receivingSince, on: database) == nil {
            try await AppSetting.upsert(AppSetting.Key.receivingSince, now, on: database)
        }
        return handled
    }

    /// Stores, acknowledges and deletes one message upstream (pull), or stores and acknowledges it (push).
    func receive(uuid: UUID, xml: Data, channel: String) async throws -> Outcome {
        let outcome = try await store(uuid: uuid, xml: xml, channel: channel)
        let status: NgDPIncomingStatus = outcome == .invalid ? .invalid : .completed
        try await client.acknowledgeIncoming(uuid, status: status, transmissionID: dependencies.uuid(), at: dependencies.now())
        try await IncomingMessage.query(on: database).filter(\.$messageUUID == uuid.uuidString.lowercased())
            .set(\.$acknowledgedAt, to: dependencies.now()).update()
        if channel == "pull" {
            do {
                try await client.deleteIncoming(uuid)
            } catch .notFound {
                // Already gone upstream: nothing left to do.
            }
        }
        return outcome
    }

    /// Durably stores the raw message first; then reads what it can from it.
    func store(uuid: UUID, xml: Data, channel: String) async throws -> Outcome {
        let key = uuid.uuidString.lowercased()
        if try await IncomingMessage.query(on: database).filter(\.$messageUUID == key).first() != nil {
            logger.info("Digital Post: message received again", metadata: ["message": "\(key)"])
            return .duplicate
        }
        let message = IncomingMessage(id: dependencies.uuid(), messageUUID: key, receivedAt: dependencies.now(), channel: channel, xml: xml)
        // Parsing and validating up to 80 MB of XML is CPU work: keep it off the event loops.
        let read = try await NIOThreadPool.singleton.runIfActive { () -> (MeMoMessage?, String?) in
            do throws(MeMoParseError) {
                let memo = try MeMoParser(limits: MeMoValidationContext.incoming.limits).parse(xml)
                let problems = MeMoValidator.validate(memo, context: .incoming)
                return (memo, problems.isEmpty ? nil : problems.map(\.field).joined(separator: ", "))
            } catch {
                return (nil, error.description)
            }
        }
        switch read {
        case (nil, let problem):
            message.status = .invalid
            message.problem = problem
        case (let memo?, let problem):
            message.label = memo.header.label
            message.problem = problem
            if let reply = memo.header.replyData.first?.messageUUID.lowercased(),
               let letter = try await DigitalPostLetter.query(on: database).filter(\.$messageUUID == reply).first() {
                message.$replyTo.id = letter.id
                message.$organisation.id = letter.$organisation.id
                message.$person.id = letter.$recipient.id
            }
            if memo.header.sender.idType == .cpr, let cpr = try? CPRNumber(memo.header.sender.senderID),
               let person = try await Person.query(on: database).filter(\.$cprLookupHash == vault.lookupHash(cpr)).first() {
                message.$person.id = person.id
            }
            if message.$organisation.id == nil, memo.header.recipient.idType == .cvr,
               let organisation = try await HousingOrganisation.query(on: database).filter(\.$cvr == memo.header.recipient.recipientID).first() {
                message.$organisation.id = organisation.id
            }
        }
        do {
            try await message.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another worker stored the same message a moment ago.
            return .duplicate
        }
        logger.info("Digital Post: message stored", metadata: ["message": "\(key)", "status": "\(message.status.rawValue)"])
        return message.status == .invalid ? .invalid : .stored
    }

    /// When the last message arrived, and whether that is long enough ago to warn.
    static func freshness(on database: any Database, now: Date) async throws -> (lastReceived: Date?, warning: Bool) {
        let last = try await IncomingMessage.query(on: database).sort(\.$receivedAt, .descending).first()?.receivedAt
        let since = try await AppSetting.find(AppSetting.Key.receivingSince, on: database).flatMap { Double($0.value) }
            .map(Date.init(timeIntervalSince1970:))
        let reference = last ?? since
        return (last, reference.map { now.timeIntervalSince($0) > warnAfter } ?? false)
    }
}

extension AppSetting {
    static func upsert(_ key: String, _ value: String, on database: any Database) async throws {
        if let existing = try await AppSetting.find(key, on: database) {
            existing.value = value
            try await existing.update(on: database)
        } else {
            try await AppSetting(key: key, value: value).create(on: database)
        }
    }
}

extension Application {
    /// The receiving system, when Digital Post is configured.
    var receivingSystem: ReceivingSystem? {
        guard let client = ngdpClient else { return nil }
        return ReceivingSystem(database: db, client: client, vault: cprVault, dependencies: dependencies, logger: logger)
    }
}
