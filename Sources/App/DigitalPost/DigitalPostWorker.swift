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
        /// Longer than one call to NgDP may take (its connect and request time-outs, 10 + 120 s),
        /// since the lease is renewed before each call.
        var lease: TimeInterval = 300
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
        // A final receipt came while the letter waited for another attempt: NgDP has it, so it is
        // recorded as sent (with that receipt) and never sent again.
        if letter.earlyReceiptStatus != nil {
            return try await finish(letter, .sent, event: "sent", detail: "NgDP's receipt shows it already has this letter; not sent again")
        }
        // A letter that keeps coming back without an answer (a worker that dies on it each time)
        // stops for a caseworker like any other that has had its attempts.
        guard letter.attempts <= settings.maxAttempts else {
            return try await finish(letter, .failed, event: "failed", detail: "No result after \(letter.attempts - 1) attempts.")
        }
        do {
            try await deliver(letter)
        } catch let error as NgDPError {
            try await handle(error, letter: letter)
        } catch is LeaseLost {
            logger.warning("Digital Post: a letter's lease ran out before it was sent; left to the next worker", metadata: ["letter": "\(letterID)"])
        } catch {
            // A database or file error: not NgDP's answer, so nothing was sent. Tried again later
            // like a transient failure; its type is safe to store, its text may not be.
            logger.error("Digital Post: sending a letter failed", metadata: ["letter": "\(letterID)", "error": "\(String(reflecting: type(of: error)))"])
            try await retryOrFail(letter, reason: "Internal error (\(String(reflecting: type(of: error))))", transient: true, retryAfter: nil)
        }
    }

    /// Sends one leased letter, or decides that it goes on paper.
    private func deliver(_ letter: DigitalPostLetter) async throws {
        let letterID = try letter.requireID()
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
        if case .decided(let decision) = ChannelRules.decide(facts) {
            return try await finish(letter, .physical, event: "channel", detail: decision.summary, decision: decision)
        }
        guard let cpr, let client else { return }
        try await renewLease(letterID)
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
        let representative = try await connections.representative(of: organisation, sendingWith: client, on: database)
        let memo = MeMoWriter.write(message(letter, cpr: cpr, document: document, representative: representative))
        // The last moment to find out that another worker has taken the letter over.
        try await renewLease(letterID)
        let receipt: NgDPReceipt
        do {
            receipt = try await client.send(memo: memo, messageUUID: UUID(uuidString: letter.messageUUID)!)
        } catch {
            guard case .acceptedWithoutReceipt = error else { throw error }
            // NgDP has it: sent, and the later receipt tells when it arrived.
            return try await finish(letter, .sent, event: "sent", detail: error.description, decision: decision)
        }
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
    }

    /// The lease ran out and another worker took the letter over, or it is no longer leased.
    struct LeaseLost: Error {}

    /// Extends this worker's lease on a letter by a whole lease period before each call to NgDP,
    /// so a lease longer than one call's time-outs never runs out during a call. Throws
    /// `LeaseLost` when another worker has taken the letter over.
    func renewLease(_ letterID: UUID) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        struct Row: Decodable { let id: UUID }
        let renewed = try await sql.raw("""
            UPDATE digital_post_letters SET lease_expires_at = \(bind: dependencies.now().addingTimeInterval(settings.lease))
            WHERE id = \(bind: letterID) AND lease_owner = \(bind: id) AND status = 'sending'
            RETURNING id
            """).all(decoding: Row.self)
        guard !renewed.isEmpty else { throw LeaseLost() }
    }

    private func handle(_ error: NgDPError, letter: DigitalPostLetter) async throws {
        if case .conflict = error {
            // NgDP already has this messageUUID: an earlier attempt got through.
            return try await finish(letter, .sent, event: "sent", detail: "NgDP already had this messageUUID (409)")
        }
        var retryAfter: TimeInterval?
        if case .unavailable(let after?) = error { retryAfter = TimeInterval(after.components.seconds) }
        try await retryOrFail(letter, reason: "\(error)", transient: error.isTransient, retryAfter: retryAfter)
    }

    /// Retries a transient failure after exponential back-off with jitter (and no sooner than
    /// NgDP's Retry-After); anything else, or the last attempt, fails the letter for a caseworker.
    private func retryOrFail(_ letter: DigitalPostLetter, reason: String, transient: Bool, retryAfter: TimeInterval?) async throws {
        guard transient, letter.attempts < settings.maxAttempts else {
            return try await finish(letter, .failed, event: "failed", detail: reason)
        }
        let exponential = settings.backoffBase * pow(2, Double(max(0, letter.attempts - 1)))
        let delay = max(min(exponential, settings.backoffMax) * Double.random(in: 0.5...1.0), min(retryAfter ?? 0, settings.backoffMax))
        letter.nextAttemptAt = dependencies.now().addingTimeInterval(delay)
        letter.lastError = reason
        try await finish(letter, .retrying, event: "retry", detail: "\(reason); attempt \(letter.attempts), next in \(Int(delay)) s")
    }

    /// Saves the letter's new state and an event, only if this worker still holds the lease. A
    /// final receipt that came before the send was recorded is applied with it.
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
            // Locked, so a receipt arriving now waits and then finds the letter sent.
            try await DigitalPostLetter.lock(id: letterID, on: db)
            guard let current = try await DigitalPostLetter.query(on: db).filter(\.$id == letterID).filter(\.$leaseOwner == owner).first()
            else { return }
            var early: String?
            // Only a send consumes a receipt that came first; any other outcome leaves it for the
            // next attempt (which then records the send without sending again).
            if status == .sent, let receiptStatus = current.earlyReceiptStatus, let at = current.earlyReceiptAt {
                letter.applyFinalReceipt(receiptStatus, at: at, error: current.earlyReceiptError)
                early = "Receipt \(receiptStatus) that came before the send applied"
                letter.earlyReceiptStatus = nil
                letter.earlyReceiptAt = nil
                letter.earlyReceiptError = nil
            }
            try await letter.update(on: db)
            try await DigitalPostLetterEvent(id: eventID, letterID: letterID, at: now, event: event, detail: detail).create(on: db)
            if let early {
                try await DigitalPostLetterEvent(id: dependencies.uuid(), letterID: letterID, at: now, event: "receipt", detail: early).create(on: db)
            }
            try await LetterProgress.outboxFinished(
                outboxID: letterID, status: letter.status, decision: decision, receiptAt: letter.receiptAt,
                detail: early.map { "\(detail); \($0)" } ?? detail, on: db, dependencies: dependencies
            )
        }
        logger.info("Digital Post letter", metadata: ["letter": "\(letterID)", "event": "\(event)", "status": "\(letter.status.rawValue)"])
    }

    /// The MeMo for a letter: sender the organisation (CVR), recipient the resident (CPR).
    func message(_ letter: DigitalPostLetter, cpr: CPRNumber, document: Data, representative: MeMoRepresentative? = nil) -> MeMoMessage {
        MeMoMessage(
            header: MessageHeader(
                messageUUID: letter.messageUUID, messageID: letter.id?.uuidString.lowercased(), label: letter.label,
                notification: "Du har fået post fra \(letter.organisation.name).",
                mandatory: letter.mandatory, legalNotification: letter.legalNotification, postType: "MYNDIGHEDSPOST",
                sender: MeMoSender(senderID: letter.organisation.cvr, label: letter.organisation.name, representative: representative),
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
