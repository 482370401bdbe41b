import AlmenDomain
import DigitalPost
import Fluent
import Foundation
import MeMo
import SQLKit
import Vapor

/// Sends the outbox's letters (issue: Digital Post, "The outbox and workers"): the handler of
/// `JobKind.sendDigitalPost`, one job per letter.
///
/// The job runner gives each letter to one worker at a time under a lease, and retries it with
/// back-off and jitter (never sooner than NgDP's Retry-After), always with the letter's one
/// messageUUID. Every outcome is recorded only while this worker still holds the job, in the
/// transaction that locks the job's row, so a worker whose lease ran out records nothing.
struct DigitalPostSender: Sendable {
    let database: any Database
    let connections: DigitalPostConnections
    let vault: CPRVault
    let dependencies: AppDependencies
    let logger: Logger

    /// A transient failure, recorded on the letter: the runner tries the job again.
    struct Retry: RetryAfterError {
        let retryAfter: TimeInterval?
    }

    /// Another worker holds the job now (this one's lease ran out): it records nothing.
    struct LeaseLost: Error {}

    /// The channel rules did not decide where they always do: a fault here, tried again like
    /// one, and in the end a letter for a caseworker rather than one stuck on its way.
    struct ChannelUndecided: Error {}

    /// Sends the job's letter, or decides that it goes on paper. A letter that is no longer on
    /// its way (a repeat of a job whose worker died after recording it) is left as it is.
    func send(_ context: JobContext) async throws {
        let letterID = try context.payload(as: OutboxJob.self).letter
        guard
            let letter = try await DigitalPostLetter.query(on: database).filter(\.$id == letterID)
                .filter(\.$status ~~ DigitalPostLetterStatus.onItsWay).with(\.$organisation).with(\.$recipient).first()
        else { return }
        // An attempt the runner abandoned (past its time limit) wakes here to nothing of its own:
        // checked in the transaction that marks the letter, with the job's row locked.
        letter.attempts = context.attempt
        letter.status = .sending
        let held = try await database.transaction { db in
            guard try await context.stillHeld(on: db) else { return false }
            try await letter.update(on: db)
            return true
        }
        guard held else { return }
        // A final receipt came while the letter waited for another attempt: NgDP has it, so it is
        // recorded as sent (with that receipt) and never sent again.
        if letter.earlyReceiptStatus != nil {
            return try await finish(
                letter,
                .sent,
                .sent(.registered, evidence: .earlyReceipt, arrivedAt: nil, transmission: nil),
                context: context
            )
        }
        do {
            try await deliver(letter, context: context)
        } catch let error as NgDPError {
            try await handle(error, letter: letter, context: context)
        } catch let unanswered as SendUnanswered {
            try await handle(unanswered.error, letter: letter, context: context, problem: .sendUnanswered)
        } catch is LeaseLost {
            logger.warning(
                "Digital Post: a letter's job was taken over before it was sent; left to that worker",
                metadata: ["letter": "\(letterID)"]
            )
        } catch {
            // A database or file error: not NgDP's answer, so nothing was sent. Tried again later
            // like a transient failure; its type is safe to store, its text may not be.
            logger.error(
                "Digital Post: sending a letter failed",
                metadata: ["letter": "\(letterID)", "error": "\(String(reflecting: type(of: error)))"]
            )
            try await retryOrFail(
                letter,
                problem: .internalError,
                technical: String(reflecting: type(of: error)),
                transient: true,
                retryAfter: nil,
                context: context
            )
        }
    }

    /// The letter's job is dead (its worker died on it on every attempt, or its last attempt
    /// could not be recorded): the letter stops for a caseworker like any other that has had its
    /// attempts.
    func gaveUp(_ context: JobContext, reason: String) async throws {
        let letterID = try context.payload(as: OutboxJob.self).letter
        guard
            let letter = try await DigitalPostLetter.query(on: database).filter(\.$id == letterID)
                .filter(\.$status ~~ DigitalPostLetterStatus.onItsWay).first()
        else { return }
        // Its worker died, or its last attempt hung past the time limit: it may have reached NgDP.
        let unknown = reason == JobRunner.leaseRanOut || reason == String(reflecting: JobRunner.TimeLimitExceeded.self)
        let problem: SendProblem = unknown ? .noResult : .internalError
        try await finish(
            letter,
            .failed,
            .failed(problem: problem, attempts: context.attempt, technical: reason),
            context: nil
        )
    }

    /// Sends one letter, or decides that it goes on paper.
    private func deliver(_ letter: DigitalPostLetter, context: JobContext) async throws {
        let letterID = try letter.requireID()
        // The business letter this outbox row carries, if any: its kind, lease and PDF.
        let business = try await Letter.query(on: database).filter(\.$digitalPostLetter.$id == letterID).with(\.$lease)
            .first()
        let organisation = letter.organisation
        let cpr = letter.recipient.cprCiphertext.flatMap { try? vault.open($0) }
        let client: (any NgDPClient)?
        do {
            client = try await connections.client(for: organisation, on: database)
        } catch let error as DigitalPostConnections.Unusable {
            // Not transient: retrying cannot help until an administrator fixes the connection.
            return try await finish(
                letter,
                .failed,
                .failed(problem: .connectionUnusable, attempts: context.attempt, technical: error.description),
                context: context
            )
        }
        // The facts the letter's channel was decided from when it was made; the transport only
        // adds what it finds now: whether it can reach NgDP, and (below) the registration.
        var facts: ChannelFacts
        if let stored = business?.channelFacts {
            facts = stored
        } else {
            // An outbox letter without stored facts (made before they were kept, or a bare
            // transport letter): gathered here as they were then.
            let optedOut = try await business?.lease?.optedOut(letter.$recipient.id, on: database) ?? false
            facts = ChannelFacts(
                kind: business?.kind ?? .general,
                organisationConnected: true,
                recipientHasCPR: cpr != nil,
                leaseOptedOut: optedOut
            )
        }
        facts.organisationConnected = facts.organisationConnected && client != nil
        facts.recipientHasCPR = facts.recipientHasCPR && cpr != nil
        if case .decided(let decision) = ChannelRules.decide(facts) {
            return try await finish(letter, .physical, .physical(decision), context: context)
        }
        // The rules ask for the look-up only with a connection and a CPR number.
        guard let cpr, let client else { throw ChannelUndecided() }
        guard try await context.stillHeld(on: database) else { throw LeaseLost() }
        let registration = try await client.lookup(cpr: cpr.digits)
        letter.registrationStatus = registration.status.rawValue
        letter.registrationCheckedAt = dependencies.now()
        facts.registration = RecipientRegistration(rawValue: registration.status.rawValue) ?? .unknown
        // With the registration known the rules always decide.
        guard case .decided(let decision) = ChannelRules.decide(facts) else { throw ChannelUndecided() }
        guard decision.channel == .digitalPost else {
            return try await finish(letter, .physical, .physical(decision), context: context)
        }
        let document = letter.document.isEmpty ? business?.pdf ?? Data() : letter.document
        let representative = try await connections.representative(of: organisation, sendingWith: client, on: database)
        let memo = MeMoWriter.write(message(letter, cpr: cpr, document: document, representative: representative))
        // The last moment to find out that another worker has taken the letter over.
        guard try await context.stillHeld(on: database) else { throw LeaseLost() }
        let receipt: NgDPReceipt
        do {
            receipt = try await client.send(memo: memo, messageUUID: UUID(uuidString: letter.messageUUID)!)
        } catch {
            switch error {
            case .acceptedWithoutReceipt: break
            // Sent, and no answer came back: NgDP may have the letter.
            case .timeout, .transport: throw SendUnanswered(error: error)
            default: throw error
            }
            // NgDP has it: sent, and the later receipt tells when it arrived.
            return try await finish(
                letter,
                .sent,
                .sent(decision, evidence: .receiptUnreadable, arrivedAt: nil, transmission: nil),
                context: context
            )
        }
        let transmission = receipt.transmissionId.lowercasedString
        letter.receiptStatus = receipt.receiptStatus
        letter.transmissionID = transmission
        // Kommet frem is the COMPLETED receipt's time; RECEIVED only says NgDP has it.
        letter.receiptAt = receipt.receiptStatus == .completed ? receipt.timeStamp : nil
        switch receipt.receiptStatus {
        case .received, .completed:
            try await finish(
                letter,
                .sent,
                .sent(decision, evidence: .receipt, arrivedAt: letter.receiptAt, transmission: transmission),
                context: context
            )
        default:
            try await finish(
                letter,
                .failed,
                .refused(receipt.receiptStatus, technical: receipt.errorCode),
                context: context
            )
        }
    }

    /// The letter was sent to NgDP and no answer came back (`SendProblem.sendUnanswered`).
    private struct SendUnanswered: Error {
        let error: NgDPError
    }

    private func handle(
        _ error: NgDPError,
        letter: DigitalPostLetter,
        context: JobContext,
        problem: SendProblem? = nil
    ) async throws {
        if case .conflict = error {
            // NgDP already has this messageUUID: an earlier attempt got through.
            return try await finish(
                letter,
                .sent,
                .sent(.registered, evidence: .alreadyThere, arrivedAt: nil, transmission: nil),
                context: context
            )
        }
        var retryAfter: TimeInterval?
        if case .unavailable(let after?) = error { retryAfter = TimeInterval(after.components.seconds) }
        try await retryOrFail(
            letter,
            problem: problem ?? SendProblem(error),
            technical: error.description,
            transient: error.isTransient,
            retryAfter: retryAfter,
            context: context
        )
    }

    /// Records a transient failure and hands the job back to the runner, which tries again after
    /// its back-off (and no sooner than NgDP's Retry-After); anything else, or the last attempt,
    /// fails the letter for a caseworker.
    private func retryOrFail(
        _ letter: DigitalPostLetter,
        problem: SendProblem,
        technical: String,
        transient: Bool,
        retryAfter: TimeInterval?,
        context: JobContext
    ) async throws {
        letter.lastError = technical
        guard transient, !context.isLastAttempt else {
            return try await finish(
                letter,
                .failed,
                .failed(problem: problem, attempts: context.attempt, technical: technical),
                context: context
            )
        }
        try await finish(
            letter,
            .retrying,
            .retrying(attempt: context.attempt, problem: problem, technical: technical),
            context: context
        )
        throw Retry(retryAfter: retryAfter)
    }

    /// Saves the letter's new state and reports it to the letter, only while this worker still
    /// holds the job (`context`; nil when the job is dead and nobody holds it) and the letter is
    /// on its way. A final receipt that came before the send was recorded is applied with it.
    private func finish(
        _ letter: DigitalPostLetter,
        _ status: DigitalPostLetterStatus,
        _ report: TransportReport,
        context: JobContext?
    ) async throws {
        letter.status = status
        let letterID = try letter.requireID()
        try await database.transaction { db in
            // Locked, so a receipt arriving now waits and then finds the letter sent.
            try await DigitalPostLetter.lock(id: letterID, on: db)
            if let context, try await !context.stillHeld(on: db) { return }
            guard
                let current = try await DigitalPostLetter.query(on: db).filter(\.$id == letterID)
                    .filter(\.$status ~~ DigitalPostLetterStatus.onItsWay).first()
            else { return }
            var reports = [report]
            // Only a send consumes a receipt that came first; any other outcome leaves it for the
            // next attempt (which then records the send without sending again).
            if case .sent(let decision, let evidence, _, let transmission) = report,
                let receiptStatus = current.earlyReceiptStatus, let at = current.earlyReceiptAt
            {
                letter.applyFinalReceipt(receiptStatus, at: at, error: current.earlyReceiptError)
                letter.earlyReceiptStatus = nil
                letter.earlyReceiptAt = nil
                letter.earlyReceiptError = nil
                reports =
                    receiptStatus == .completed
                    ? [.sent(decision, evidence: evidence, arrivedAt: at, transmission: transmission)]
                    : [report, .refused(receiptStatus, technical: letter.lastError)]
            }
            try await letter.update(on: db)
            for report in reports {
                try await LetterProgress.report(report, outboxID: letterID, on: db, dependencies: dependencies)
            }
        }
        logger.info("Digital Post letter", metadata: ["letter": "\(letterID)", "status": "\(letter.status.rawValue)"])
    }

    /// The MeMo for a letter: sender the organisation (CVR), recipient the resident (CPR).
    func message(
        _ letter: DigitalPostLetter,
        cpr: CPRNumber,
        document: Data,
        representative: MeMoRepresentative? = nil
    ) -> MeMoMessage {
        MeMoMessage(
            header: MessageHeader(
                messageUUID: letter.messageUUID,
                messageID: letter.id?.lowercasedString,
                label: letter.label,
                notification: "Du har fået post fra \(letter.organisation.name).",
                mandatory: letter.mandatory,
                legalNotification: letter.legalNotification,
                postType: "MYNDIGHEDSPOST",
                sender: MeMoSender(
                    senderID: letter.organisation.cvr,
                    label: letter.organisation.name,
                    representative: representative
                ),
                recipient: MeMoRecipient(recipientID: cpr.digits, idType: .cpr, label: letter.recipient.fullName),
                replyData: letter.replyToMessageUUID.map { [MeMoReplyData(messageUUID: $0)] } ?? []
            ),
            body: MessageBody(
                createdDateTime: MeMoDateTime(letter.createdAt),
                mainDocument: MeMoMainDocument(
                    label: letter.label,
                    files: [
                        MeMoFile(
                            encodingFormat: letter.documentMIME,
                            filename: letter.documentFilename,
                            language: "da",
                            content: document
                        )
                    ]
                )
            )
        )
    }
}
