import AlmenDomain
import DigitalPost
import Fluent
import Foundation
import MeMo
import SQLKit
import Vapor

/// The receiving system (modtagesystem) that a public sender must run (digital-post.md): fetches
/// citizens' mail by pull from every connection (the shared one and each organisation's own),
/// accepts it by push, stores each message durably before sending the business receipt, then
/// deletes it upstream. A message already stored is acknowledged again and never stored twice.
/// A reply (ReplyData/messageUUID) is threaded to our letter and to that letter's case.
///
/// Messages are stored in batches of up to `batchBytes`: one look-up per kind (already stored, the
/// letters replied to, the senders, the organisations) and one multi-row INSERT for the batch, so
/// the cost per message is the parse and the bytes, not the round trips. The files' base64 is
/// checked and counted, not decoded into memory: the raw XML is what is kept.
struct ReceivingSystem: Sendable {
    let database: any Database
    let connections: DigitalPostConnections
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

    /// One message as NgDP handed it over: its messageUUID and the raw, untrusted XML.
    struct Delivery: Sendable {
        let uuid: UUID
        let xml: Data
    }

    /// Pulls from every connection; returns how many messages were handled. A connection that
    /// fails, for whatever reason, is logged and the others still run.
    @discardableResult
    func pullAll(pageSize: Int = 50) async throws -> Int {
        // The clock for the health warning starts with the first try, so a system whose polls
        // fail from the start is warned about too.
        try await markReceivingSince()
        var handled = 0
        var pulled = false
        for mailbox in try await connections.mailboxes(on: database, logger: logger) {
            do {
                handled += try await pull(from: mailbox.client, pageSize: pageSize)
                pulled = true
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.error(
                    "Digital Post: pulling mail failed",
                    metadata: [
                        "connection": "\(mailbox.name)",
                        "error": "\(error is NgDPError ? "\(error)" : String(reflecting: type(of: error)))",
                    ]
                )
            }
        }
        if pulled { try await recordPoll() }
        try await acknowledgePushed()
        return handled
    }

    /// How many bytes of MeMo are held in memory and stored in one statement: a page of 50
    /// messages of up to 80 MB each is stored in several batches.
    static let batchBytes = 32 * 1024 * 1024

    /// Fetches everything waiting at one connection, a page at a time, storing, acknowledging and
    /// deleting each batch of at most `batchBytes` before fetching more.
    @discardableResult
    func pull(from client: any NgDPClient, pageSize: Int = 50) async throws -> Int {
        var handled = 0
        var skipped = Set<UUID>()
        // Each handled message is deleted upstream, so page 0 always holds what is left.
        for _ in 0..<1000 {
            let page = try await client.incoming(page: 0, size: pageSize)
            let waiting = page.content.filter { !skipped.contains($0) }
            if waiting.isEmpty { break }
            var batch: [Delivery] = []
            var bytes = 0
            for uuid in waiting {
                let xml: Data?
                do {
                    xml = try await fetch(uuid, from: client)
                } catch {
                    // This message cannot be fetched now (too large to read, an error for it
                    // alone): the ones behind it are not held up, and it is tried at the next poll.
                    logger.error(
                        "Digital Post: fetching a message failed; skipped until the next poll",
                        metadata: [
                            "message": "\(uuid)", "error": "\(error)",
                        ]
                    )
                    skipped.insert(uuid)
                    continue
                }
                guard let xml else {
                    // Another worker took it a moment ago.
                    skipped.insert(uuid)
                    continue
                }
                batch.append(Delivery(uuid: uuid, xml: xml))
                bytes += xml.count
                if bytes >= Self.batchBytes {
                    handled += try await settle(batch, through: client, skipped: &skipped)
                    batch = []
                    bytes = 0
                }
            }
            handled += try await settle(batch, through: client, skipped: &skipped)
        }
        return handled
    }

    /// Stores a batch, then acknowledges and deletes what was stored. A batch the database
    /// refuses is stored one message at a time, so one bad message cannot hold up the rest; a
    /// message that cannot be stored at all stays upstream, unacknowledged, and is skipped.
    private func settle(
        _ batch: [Delivery],
        through client: any NgDPClient,
        skipped: inout Set<UUID>
    ) async throws -> Int {
        guard !batch.isEmpty else { return 0 }
        do {
            let outcomes = try await store(batch, channel: "pull")
            try await acknowledge(batch, outcomes, through: client, deleteUpstream: true)
            return batch.count
        } catch let error as any DatabaseError {
            logger.error(
                "Digital Post: storing a batch failed; storing one at a time",
                metadata: ["error": "\(String(reflecting: type(of: error)))"]
            )
        }
        var handled = 0
        for delivery in batch {
            do {
                let outcomes = try await store([delivery], channel: "pull")
                try await acknowledge([delivery], outcomes, through: client, deleteUpstream: true)
                handled += 1
            } catch let error as any DatabaseError {
                skipped.insert(delivery.uuid)
                logger.error(
                    "Digital Post: a message could not be stored; left upstream",
                    metadata: [
                        "message": "\(delivery.uuid)", "error": "\(String(reflecting: type(of: error)))",
                    ]
                )
            }
        }
        return handled
    }

    /// A message NgDP pushed to us, stored durably. Its business receipt follows our answer
    /// (`acknowledgePushed`).
    func receivePushed(uuid: UUID, xml: Data) async throws -> Outcome {
        try await store([Delivery(uuid: uuid, xml: xml)], channel: "push")[0]
    }

    /// Sends the business receipt for pushed messages that have none yet (or only `only`),
    /// through the connection of the organisation each was addressed to (the shared one when
    /// that organisation has none). One that cannot be acknowledged now waits for the next round.
    @discardableResult
    func acknowledgePushed(only uuid: UUID? = nil, again: Bool = false) async throws -> Int {
        var query = IncomingMessage.query(on: database).filter(\.$channel == "push")
        // A message pushed again (NgDP did not get our receipt) is acknowledged again.
        if !again { query = query.filter(\.$acknowledgedAt == nil) }
        if let uuid { query = query.filter(\.$messageUUID == uuid.lowercasedString) }
        let waiting = try await query.sort(\.$receivedAt).limit(100)
            .field(\.$id).field(\.$messageUUID).field(\.$status).field(\.$organisation.$id).all()
        var acknowledged = 0
        // One look-up per organisation, however many of its messages wait.
        var clients: [UUID?: (any NgDPClient)?] = [:]
        for message in waiting {
            guard let id = message.id, let messageUUID = UUID(uuidString: message.messageUUID) else { continue }
            let organisationID = message.$organisation.id
            if clients[organisationID] == nil {
                clients[organisationID] = .some(try await acknowledgingClient(for: organisationID))
            }
            guard let client = clients[organisationID] ?? nil else {
                logger.warning(
                    "Digital Post: a pushed message has no connection to acknowledge it through",
                    metadata: ["message": "\(messageUUID)"]
                )
                continue
            }
            do {
                try await client.acknowledgeIncoming(
                    messageUUID,
                    status: message.status == .invalid ? .invalid : .completed,
                    transmissionID: dependencies.uuid(),
                    at: dependencies.now()
                )
            } catch {
                logger.error(
                    "Digital Post: acknowledging a pushed message failed",
                    metadata: ["message": "\(messageUUID)", "error": "\(error)"]
                )
                continue
            }
            try await IncomingMessage.query(on: database).filter(\.$id == id).filter(\.$acknowledgedAt == nil)
                .set(\.$acknowledgedAt, to: dependencies.now()).update()
            acknowledged += 1
        }
        return acknowledged
    }

    /// The connection of the organisation a message was addressed to, or the shared one when it
    /// has none of its own (or its own cannot be opened).
    private func acknowledgingClient(for organisationID: UUID?) async throws -> (any NgDPClient)? {
        guard let organisationID, let organisation = try await HousingOrganisation.find(organisationID, on: database)
        else {
            return connections.shared
        }
        do {
            return try await connections.client(for: organisation, on: database) ?? connections.shared
        } catch let error as DigitalPostConnections.Unusable {
            logger.error(
                "Digital Post: a pushed message's own connection cannot be used",
                metadata: ["organisation": "\(error.organisationID)"]
            )
            return connections.shared
        }
    }

    /// Sends each business receipt (COMPLETED or INVALID), records it, and for pulled mail
    /// deletes the message upstream. A message received again gets the receipt its stored copy got.
    private func acknowledge(
        _ deliveries: [Delivery],
        _ outcomes: [Outcome],
        through client: any NgDPClient,
        deleteUpstream: Bool
    ) async throws {
        let keys = deliveries.map { $0.uuid.lowercasedString }
        let duplicates = zip(keys, outcomes).filter { $0.1 == .duplicate }.map(\.0)
        let storedInvalid =
            duplicates.isEmpty
            ? []
            : Set(
                try await IncomingMessage.query(on: database).filter(\.$messageUUID ~~ duplicates)
                    .filter(\.$status == .invalid).field(\.$id).field(\.$messageUUID).all().map(\.messageUUID)
            )
        for (delivery, (key, outcome)) in zip(deliveries, zip(keys, outcomes)) {
            let invalid = outcome == .invalid || (outcome == .duplicate && storedInvalid.contains(key))
            try await client.acknowledgeIncoming(
                delivery.uuid,
                status: invalid ? .invalid : .completed,
                transmissionID: dependencies.uuid(),
                at: dependencies.now()
            )
        }
        try await IncomingMessage.query(on: database).filter(\.$messageUUID ~~ keys).filter(\.$acknowledgedAt == nil)
            .set(\.$acknowledgedAt, to: dependencies.now()).update()
        guard deleteUpstream else { return }
        for delivery in deliveries { try await delete(delivery.uuid, at: client) }
    }

    /// The message's XML; nil when it is no longer there.
    private func fetch(_ uuid: UUID, from client: any NgDPClient) async throws -> Data? {
        do {
            return try await client.fetchIncoming(uuid)
        } catch .notFound {
            return nil
        }
    }

    private func delete(_ uuid: UUID, at client: any NgDPClient) async throws {
        do {
            try await client.deleteIncoming(uuid)
        } catch .notFound {
            // Already gone upstream: nothing left to do.
        }
    }

    private func recordPoll() async throws {
        try await AppSetting.upsert(
            AppSetting.Key.ngdpLastPoll,
            String(dependencies.now().timeIntervalSince1970),
            on: database
        )
    }

    private func markReceivingSince() async throws {
        if try await AppSetting.find(AppSetting.Key.receivingSince, on: database) == nil {
            try await AppSetting.upsert(
                AppSetting.Key.receivingSince,
                String(dependencies.now().timeIntervalSince1970),
                on: database
            )
        }
    }

    /// What a message yielded: the parsed MeMo (nil when it could not be read) and its problems,
    /// under the 10 MB limit and under the 60 MB one that an organisation may opt in to.
    private struct Reading: Sendable {
        let memo: MeMoMessage?
        let problem: String?
        let problemOptedIn: String?

        func problem(optedIn: Bool) -> String? { optedIn ? problemOptedIn : problem }
    }

    /// Durably stores a page of messages, raw XML first and what could be read from it beside it,
    /// in one statement; returns each message's outcome in order.
    func store(_ deliveries: [Delivery], channel: String) async throws -> [Outcome] {
        guard !deliveries.isEmpty else { return [] }
        let keys = deliveries.map { $0.uuid.lowercasedString }
        let known = Set(
            try await IncomingMessage.query(on: database).filter(\.$messageUUID ~~ keys).field(\.$messageUUID).all()
                .map(\.messageUUID)
        )
        var outcomes = [Outcome](repeating: .duplicate, count: deliveries.count)
        var seen = Set<String>()
        let fresh = keys.indices.filter { !known.contains(keys[$0]) && seen.insert(keys[$0]).inserted }
        for key in known { logger.info("Digital Post: message received again", metadata: ["message": "\(key)"]) }
        guard !fresh.isEmpty else { return outcomes }

        let readings = try await read(fresh.map { deliveries[$0].xml })
        let links = try await Links(readings.compactMap(\.memo), database: database, vault: vault)

        let now = dependencies.now()
        var rows = TableRows(
            IncomingMessage.schema,
            [
                "id", "message_uuid", "received_at", "channel", "xml", "status", "label", "problem",
                "person_id", "organisation_id", "reply_to_letter_id", "case_id", "contact_point",
                "contact_point_label",
            ]
        )
        var contactPoints: [(message: String, point: IncomingContactPoints.Noted)] = []
        for (index, reading) in zip(fresh, readings) {
            let memo = reading.memo
            let person = memo.flatMap { links.sender(of: $0) }
            // A reply joins our letter's thread (and case) only when it comes from the letter's
            // recipient or another party of its case: knowing a messageUUID is not enough.
            let thread = memo.flatMap { memo in person.flatMap { links.thread(of: memo, from: $0) } }
            let organisation =
                thread?.organisationID ?? memo.flatMap { links.organisation(addressedBy: $0) }
                ?? memo.flatMap { links.letter(repliedToBy: $0) }?.organisationID
            let contactPoint = memo?.header.recipient.contactPoint?.contactPointID
            // The sender's name for it; a blank one is none.
            let contactPointLabel = memo?.header.recipient.contactPoint?.label
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
            rows.append([
                dependencies.uuid(), keys[index], now, channel, deliveries[index].xml,
                (memo == nil ? IncomingMessageStatus.invalid : .stored).rawValue, memo?.header.label,
                reading.problem(optedIn: organisation.map(links.receivesLargeMail) ?? false),
                person, organisation, thread?.letterID, thread?.caseID, contactPoint, contactPointLabel,
            ])
            if let contactPoint {
                contactPoints.append(
                    (
                        keys[index],
                        IncomingContactPoints.Noted(
                            contactPoint: contactPoint,
                            label: contactPointLabel,
                            organisationID: organisation,
                            receivedAt: now
                        )
                    )
                )
            }
            outcomes[index] = memo == nil ? .invalid : .stored
        }
        guard let sql = database as? any SQLDatabase else {
            throw Abort(.internalServerError, reason: "The receiving system needs an SQL database.")
        }
        struct Inserted: Decodable { let message_uuid: String }
        let insert = sql.insert(into: rows.table).columns(rows.columns).ignoringConflicts(with: ["message_uuid"])
        for row in rows.rows { insert.values(row) }
        let inserted = Set(try await insert.returning("message_uuid").rows(decoding: Inserted.self).map(\.message_uuid))
        for index in fresh where !inserted.contains(keys[index]) {
            // Another worker stored the same message a moment ago.
            outcomes[index] = .duplicate
        }
        // The messages are stored: a contact point not noted now is noted by the next message
        // to it, and the inbox still lists its mail.
        do {
            try await IncomingContactPoints.note(
                contactPoints.filter { inserted.contains($0.message) }.map(\.point),
                on: sql
            )
        } catch {
            logger.error(
                "Digital Post: noting contact points failed",
                metadata: ["error": "\(String(reflecting: error))"]
            )
        }
        for index in fresh where inserted.contains(keys[index]) {
            logger.info(
                "Digital Post: message stored",
                metadata: ["message": "\(keys[index])", "outcome": "\(outcomes[index])"]
            )
        }
        return outcomes
    }

    /// Parses and validates each message on the thread pool, in parallel: up to 80 MB of XML is
    /// CPU work that must stay off the event loops.
    private func read(_ documents: [Data]) async throws -> [Reading] {
        try await withThrowingTaskGroup(of: (Int, Reading).self) { group in
            for (index, xml) in documents.enumerated() {
                group.addTask {
                    let reading = try await NIOThreadPool.singleton.runIfActive { () -> Reading in
                        do throws(MeMoParseError) {
                            // The raw XML is what is stored; the files' bytes are checked and counted, not
                            // kept. Read within the larger limit: who it is for decides which one applies.
                            let memo = try MeMoParser(
                                limits: MeMoValidationContext.incomingOptedIn.limits,
                                keepsFileContents: false
                            ).parse(xml)
                            func problems(_ context: MeMoValidationContext) -> String? {
                                let problems = MeMoValidator.validate(memo, context: context)
                                return problems.isEmpty ? nil : problems.map(\.field).joined(separator: ", ")
                            }
                            return Reading(
                                memo: memo,
                                problem: problems(.incoming),
                                problemOptedIn: problems(.incomingOptedIn)
                            )
                        } catch {
                            return Reading(memo: nil, problem: error.description, problemOptedIn: error.description)
                        }
                    }
                    return (index, reading)
                }
            }
            var readings = [Reading?](repeating: nil, count: documents.count)
            for try await (index, reading) in group { readings[index] = reading }
            return readings.map { $0! }
        }
    }

    /// When the last message arrived, and whether that is long enough ago to warn.
    static func freshness(on database: any Database, now: Date) async throws -> (lastReceived: Date?, warning: Bool) {
        // The newest message and when receiving began: one statement.
        struct Row: Decodable {
            let last: Date?
            let since: String?
        }
        let row = try await database.sql().raw(
            """
            SELECT (SELECT m.received_at FROM incoming_messages m ORDER BY m.received_at DESC LIMIT 1) AS last,
              (SELECT s.value FROM app_settings s WHERE s.key = \(bind: AppSetting.Key.receivingSince)) AS since
            """
        ).first(decoding: Row.self)
        let last = row?.last
        let since = row?.since.flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
        let reference = last ?? since
        return (last, reference.map { now.timeIntervalSince($0) > warnAfter } ?? false)
    }
}

extension ReceivingSystem {
    /// What a page of messages points at, looked up once per page: the letters they reply to
    /// (with each letter's case), the residents who sent them, and the organisations addressed.
    struct Links {
        struct Thread {
            let letterID: UUID
            let organisationID: UUID
            let recipientID: UUID
            let caseID: UUID?
        }

        private var threads: [String: Thread] = [:]
        private var senders: [String: UUID] = [:]
        private var organisations: [String: UUID] = [:]
        /// The parties of the replied-to letters' cases.
        private var parties: [UUID: Set<UUID>] = [:]
        /// The organisations among these that receive mail of up to 60 MB.
        private var largeMail: Set<UUID> = []
        private let vault: CPRVault

        init(_ messages: [MeMoMessage], database: any Database, vault: CPRVault) async throws {
            self.vault = vault
            let replies = Set(messages.flatMap { $0.header.replyData.map { $0.messageUUID.lowercased() } })
            if !replies.isEmpty {
                let letters = try await DigitalPostLetter.query(on: database).filter(\.$messageUUID ~~ Array(replies))
                    .all()
                let cases = try await Letter.query(on: database).filter(
                    \.$digitalPostLetter.$id ~~ letters.compactMap(\.id)
                ).all()
                let caseOf = Dictionary(
                    cases.compactMap { letter in letter.$digitalPostLetter.id.map { ($0, letter.$caseFile.id) } },
                    uniquingKeysWith: { first, _ in first }
                )
                for letter in letters {
                    guard let id = letter.id else { continue }
                    threads[letter.messageUUID] = Thread(
                        letterID: id,
                        organisationID: letter.$organisation.id,
                        recipientID: letter.$recipient.id,
                        caseID: caseOf[id] ?? nil
                    )
                }
                let caseIDs = Set(threads.values.compactMap(\.caseID))
                if !caseIDs.isEmpty {
                    for party in try await CaseParty.query(on: database).filter(\.$caseFile.$id ~~ Array(caseIDs)).all()
                    {
                        parties[party.$caseFile.id, default: []].insert(party.$person.id)
                    }
                }
            }
            let hashes = Set(messages.compactMap { Self.senderHash($0, vault: vault) })
            if !hashes.isEmpty {
                for person in try await Person.query(on: database).filter(\.$cprLookupHash ~~ Array(hashes)).all() {
                    if let hash = person.cprLookupHash, let id = person.id { senders[hash] = id }
                }
            }
            let cvrs = Set(messages.filter { $0.header.recipient.idType == .cvr }.map(\.header.recipient.recipientID))
            if !cvrs.isEmpty {
                for organisation in try await HousingOrganisation.query(on: database).filter(\.$cvr ~~ Array(cvrs))
                    .all()
                {
                    if let id = organisation.id { organisations[organisation.cvr] = id }
                }
            }
            let involved = Set(organisations.values).union(threads.values.map(\.organisationID))
            if !involved.isEmpty {
                largeMail = Set(
                    try await HousingOrganisation.query(on: database).filter(\.$id ~~ Array(involved))
                        .filter(\.$largeIncomingMail == true).all().compactMap(\.id)
                )
            }
        }

        private static func senderHash(_ memo: MeMoMessage, vault: CPRVault) -> String? {
            guard memo.header.sender.idType == .cpr, let cpr = try? CPRNumber(memo.header.sender.senderID) else {
                return nil
            }
            return vault.lookupHash(cpr)
        }

        /// The first of our letters the message's ReplyData points at.
        func letter(repliedToBy memo: MeMoMessage) -> Thread? {
            memo.header.replyData.lazy.compactMap { threads[$0.messageUUID.lowercased()] }.first
        }

        /// The first of our letters the message answers whose thread `person` may join: as the
        /// letter's recipient, or as a party of its case.
        func thread(of memo: MeMoMessage, from person: UUID) -> Thread? {
            memo.header.replyData.lazy.compactMap { threads[$0.messageUUID.lowercased()] }.first { thread in
                person == thread.recipientID || thread.caseID.map { parties[$0]?.contains(person) == true } == true
            }
        }

        func sender(of memo: MeMoMessage) -> UUID? {
            Self.senderHash(memo, vault: vault).flatMap { senders[$0] }
        }

        func receivesLargeMail(_ organisationID: UUID) -> Bool {
            largeMail.contains(organisationID)
        }

        func organisation(addressedBy memo: MeMoMessage) -> UUID? {
            memo.header.recipient.idType == .cvr ? organisations[memo.header.recipient.recipientID] : nil
        }
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
    /// The receiving system over every configured connection.
    var receivingSystem: ReceivingSystem {
        ReceivingSystem(
            database: db,
            connections: digitalPostConnections,
            vault: cprVault,
            dependencies: dependencies,
            logger: logger
        )
    }
}
