import AlmenDomain
import Fluent
import Foundation

/// Keeps a letter in step with its Digital Post outbox row: called by the worker inside the
/// transaction that finishes the row, so the two never disagree.
enum LetterProgress {
    static func outboxFinished(
        outboxID: UUID, status: DigitalPostLetterStatus, decision: ChannelDecision?, receiptAt: Date?, detail: String,
        on db: any Database, dependencies: AppDependencies
    ) async throws {
        guard let letter = try await Letter.query(on: db).filter(\.$digitalPostLetter.$id == outboxID).first() else { return }
        switch status {
        case .sent:
            letter.record(decision ?? ChannelDecision(channel: .digitalPost, reasons: [.recipientRegistered]))
            // Kommet frem: the moment NgDP made it available in the mailbox (rules.md §3). Until
            // the COMPLETED receipt says so, the letter is only sent.
            if let receiptAt {
                letter.status = .delivered
                letter.arrival = LocalDate(receiptAt, timeZone: danishTimeZone).iso
            } else {
                letter.status = .sent
            }
        case .physical:
            if let decision { letter.record(decision) }
            letter.status = .awaitingPrint
        case .failed:
            letter.status = .failed
        case .queued, .sending, .retrying:
            return
        }
        try await letter.update(on: db)
        try await LetterEvent(id: dependencies.uuid(), letterID: try letter.requireID(), at: dependencies.now(), event: status.rawValue, detail: detail)
            .create(on: db)
    }
}

extension LetterProgress {
    /// A later receipt for the outbox row `outboxID` (pulled or pushed): COMPLETED gives the
    /// arrival, INVALID and NOT_ALLOWED stop the letter for a caseworker.
    static func receiptArrived(
        outboxID: UUID, completed: Bool, at: Date, detail: String, on db: any Database, dependencies: AppDependencies
    ) async throws {
        guard let letter = try await Letter.query(on: db).filter(\.$digitalPostLetter.$id == outboxID).first() else { return }
        if completed {
            letter.status = .delivered
            letter.arrival = LocalDate(at, timeZone: danishTimeZone).iso
        } else {
            letter.status = .failed
        }
        try await letter.update(on: db)
        try await LetterEvent(id: dependencies.uuid(), letterID: try letter.requireID(), at: dependencies.now(), event: "receipt", detail: detail)
            .create(on: db)
    }
}
