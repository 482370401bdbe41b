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
            letter.status = .delivered
            // Kommet frem: the moment NgDP made it available in the mailbox (rules.md §3).
            letter.arrival = LocalDate(receiptAt ?? dependencies.now(), timeZone: danishTimeZone).iso
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
