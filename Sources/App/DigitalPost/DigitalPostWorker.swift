import AlmenDomain
import DigitalPost
import Fluent
import Foundation
import SQLKit
import Vapor

/// Sends the outbox's letters (issue: Digital Post, "The outbox and workers").
///
/// A worker claims due letters with `FOR UPDATE SKIP LOCKED` (PostgreSQL) and a lease, so several
/// workers never hold the same letter and a crashed worker's letters return when the lease runs
/// out. Every change of a letter is conditional on still holding the lease. Transient failures are
/// retried with exponential back-off and jitter, always with the letter's one messageUUID.
struct DigitalPostWorker: Sendable {
    struct Settings: Sendable {
        var batchSize = 20
        var lease: TimeInterval = 120
        var backoffBase: TimeInterval = 5
        var backoffMax: TimeInterval = 3600
        var maxAttempts = 12
    }

    let id: String
    let database: any Database
    let connections: DigitalPostConnections
    let vault: CPRVault
    let dependencies: AppDependencies
    let settings: Settings
    let logger: Logger

    /// Claims and processes one batch; returns how many letters it handled.
    @discardableResult
    func runOnce() async throws -> Int {
        let claimed = try await claim()
        for letterID in claimed {
            try await process(letterID)
        }
        return claimed.count
    }

    /// Leases up to `batchSize` due letters to this worker.
    func claim() async throws -> [UUID] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let now = dependencies.now()
        let lockClause: SQLQueryString = sql.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
        struct Row: Decodable { let id: UUID }
        return try await sql.raw("""
            UPDATE digital_post_letters
            SET status = 'sending', lease_owner = \(bind: id), lease_expires_at = \(bind: now.addingTimeInterval(settings.lease)),
                attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM digital_post_letters
                WHERE (status IN ('queued', 'retrying') AND next_attempt_at <= \(bind: now))
                   OR (status = 'sending' AND lease_expires_at < \(bind: now))
                ORDER BY next_attempt_at
                LIMIT \(bind: settings.batchSize)
                \(lockClause)
            )
            RETURNING id
            """).all(decoding: Row.self).map(\.id)
    }

    func process(_ letterID: UUID) async throws {
        guard let letter = try await DigitalPostLetter.query(on: database).filter(\.$id == letterID)
            .filter(\.$leaseOwner == id).with(\.$organisation).with(\.$recipient).first()
        else { return }
        // The business letter this outbox row carries, if any: its kind, lease and PDF.
        let business = try await Letter.query(on: database).filter(\.$digitalPostLetter.$id == letterID).with(\.$lease).first()
        let organisation = letter.organisation
        let cpr = letter.recipient.cprCiphertext.flatMap { try? vault.open($0) }
        let client: (any NgDPClient)?
        do {
            client = try await connections.client(for: organisation, on: database)
        } catch let error as DigitalPostConnections.Unusable {
            // Not transient: retrying cannot help until an administrator fixes the connection.
            return try await finish(letter, .failed, event: "connection", detail: error.description)
        }
        let optedOut = try await business?.lease?.optedOut(letter.$recipient.id, on: database) ?? false
        var facts = ChannelFacts(
            kind: business?.kind ?? .general,
            organisationConnected: client != nil,
            recipientHasCPR: cpr != nil, leaseOptedOut: optedOut
        )
        do {
            if case .decided(let decision) = ChannelRules.decide(facts) {
                return try await finish(letter, .physical, event: "channel", detail: decision.summary, decision: decision)
            }
            guard let cpr, let client else { return }
            let registration = try await client.lookup(cpr: cpr.digits)
            letter.registrationStatus = registration.status.rawValue
            letter.registrationCheckedAt = dependencies.now()
            facts.registration = RecipientRegistration(rawValue: registration.status.rawValue) ?? .unknown
            // With the registration known the rules always decide.
            guard case .decided(let decision) = ChannelRules.decide(facts) else { return }
            guard decision.channel == .digitalPost else {
                return try await finish(letter, .physical, event: "channel", detail: decision.summary, decision: decision)
            }
            let document = letter.document.isEmpty ? business?.pdf ?? Data() : letter.document
            let memo = MeMoWriter.write(message(letter, cpr: cpr, document: document))
            let receipt = try await client.send(memo: memo, messageUUID: UUID(uuidString: letter.messageUUID)!)
            letter.receiptStatus = receipt.receiptStatus.rawValue
            letter.transmissionID = receipt.transmissionId.uuidString.lowercased()
            // Kommet frem is the COMPLETED receipt's time; RECEIVED only says NgDP has it.
            letter.receiptAt = receipt.receiptStatus == .completed ? receipt.timeStamp : nil
            switch receipt.receiptStatus {
            case .received, .completed:
                try await finish(
                    letter, .sent, event: "sent", detail: "Receipt \(receipt.receiptStatus.rawValue), transmission \(receipt.transmissionId.uuidString.lowercased())",
                    decision: decision
                )
            default:
                try await finish(letter, .failed, event: "refused", detail: "Receipt \(receipt.receiptStatus.rawValue) \(receipt.errorCode ?? "")")
            }
        } catch let error as NgDPError {
            try await handle(error, letter: letter)
        }
    }

    private func handle(_ error: NgDPError, letter: DigitalPostLetter) async throws {
        if case .conflict = error {
            // NgDP already has this messageUUID: an earlier attempt got through.
            return try await finish(letter, .sent, event: "sent", detail: "NgDP already had this messageUUID (409)")
        }
        guard error.isTransient, letter.attempts < settings.maxAttempts else {
            return try await finish(letter, .failed, event: "failed", detail: "\(error)")
        }
        let exponential = settings.backoffBase * pow(2, Double(max(0, letter.attempts - 1)))
        let delay = min(exponential, settings.backoffMax) * Double.random(in: 0.5...1.0)
        letter.nextAttemptAt = dependencies.now().addingTimeInterval(delay)
        letter.lastError = "\(error)"
        try await finish(letter, .retrying, event: "retry", detail: "\(error); attempt \(letter.attempts), next in \(Int(delay)) s")
    }

    /// Saves the letter's new state and an event, only if this worker still holds the lease.
    private func finish(
        _ letter: DigitalPostLetter, _ status: DigitalPostLetterStatus, event: String, detail: String, decision: ChannelDecision? = nil
    ) async throws {
        letter.status = status
        letter.leaseOwner = nil
        letter.leaseExpiresAt = nil
        let letterID = try letter.requireID()
        let now = dependencies.now()
        let eventID = dependencies.uuid()
        let owner = id
        try await database.transaction { db in
            let held = try await DigitalPostLetter.query(on: db).filter(\.$id == letterID).filter(\.$leaseOwner == owner).count()
            guard held == 1 else { return }
            try await letter.update(on: db)
            try await DigitalPostLetterEvent(id: eventID, letterID: letterID, at: now, event: event, detail: detail).create(on: db)
            try await LetterProgress.outboxFinished(
                outboxID: letterID, status: status, decision: decision, receiptAt: letter.receiptAt, detail: detail, on: db,
                dependencies: dependencies
            )
        }
        logger.info("Digital Post letter", metadata: ["letter": "\(letterID)", "event": "\(event)", "status": "\(status.rawValue)"])
    }

    /// The MeMo for a letter: sender the organisation (CVR), recipient the resident (CPR).
    func message(_ letter: DigitalPostLetter, cpr: CPRNumber, document: Data) -> MeMoMessage {
        MeMoMessage(
            header: MessageHeader(
                messageUUID: letter.messageUUID, messageID: letter.id?.uuidString.lowercased(), label: letter.label,
                notification: "Du har fået post fra \(letter.organisation.name).",
                mandatory: letter.mandatory, legalNotification: letter.legalNotification, postType: "MYNDIGHEDSPOST",
                sender: MeMoSender(senderID: letter.organisation.cvr, label: letter.organisation.name),
                recipient: MeMoRecipient(recipientID: cpr.digits, idType: .cpr, label: letter.recipient.fullName)
            ),
            body: MessageBody(
                createdDateTime: MeMoDateTime(letter.createdAt),
                mainDocument: MeMoMainDocument(
                    label: letter.label,
                    files: [MeMoFile(encodingFormat: letter.documentMIME, filename: letter.documentFilename, language: "da", content: document)]
                )
            )
        )
    }
}
