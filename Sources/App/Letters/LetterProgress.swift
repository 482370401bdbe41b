import AlmenDomain
import DigitalPost
import Fluent
import Foundation

/// What a transport (the Digital Post outbox) reports about the letter it carries.
enum TransportReport: Sendable {
    /// A transient failure on attempt `attempt`; the letter's job tries again.
    case retrying(attempt: Int, problem: SendProblem, technical: String?)
    /// NgDP has it; `arrivedAt` is the COMPLETED receipt's time when the send's answer carried it.
    case sent(ChannelDecision, evidence: SentEvidence, arrivedAt: Date?, transmission: String?)
    /// The registration look-up decided on paper.
    case physical(ChannelDecision)
    /// It cannot be sent: a caseworker must act.
    case failed(problem: SendProblem, attempts: Int, technical: String?)
    /// NgDP refused it for good (the send's receipt or a later one).
    case refused(NgDPReceiptStatus, technical: String?)
    /// A final receipt came before the send was recorded; it is applied when it is.
    case receiptBeforeSend(NgDPReceiptStatus)
    /// The COMPLETED receipt of a letter already sent: it arrived.
    case delivered(at: Date)
    /// NgDP delivered a letter that had failed here.
    case deliveredAfterFailing(at: Date)
}

/// Keeps a letter in step with its transport: the one way a transport reports back, called in
/// the transaction that records the transport's own state, so the two never disagree. Each
/// report is one event in the letter's history.
enum LetterProgress {
    static func report(
        _ report: TransportReport,
        outboxID: UUID,
        on db: any Database,
        dependencies: AppDependencies
    ) async throws {
        guard let letter = try await Letter.query(on: db).filter(\.$digitalPostLetter.$id == outboxID).first() else {
            return
        }
        let (kind, facts) = apply(report, to: letter)
        if letter.hasChanges { try await letter.update(on: db) }
        try await LetterHistory.record(
            kind,
            facts,
            letterID: try letter.requireID(),
            on: db,
            dependencies: dependencies
        )
    }

    /// The letter's new state and the event that says so.
    private static func apply(_ report: TransportReport, to letter: Letter) -> (LetterEventKind, LetterEventFacts) {
        switch report {
        case .retrying(let attempt, let problem, let technical):
            return (.retry, LetterEventFacts(attempt: attempt, problem: problem, technical: technical))
        case .sent(let decision, let evidence, let arrivedAt, let transmission):
            letter.record(decision)
            // Kommet frem: the moment NgDP made it available in the mailbox (rules.md §3). Until
            // the COMPLETED receipt says so, the letter is only sent.
            if let arrivedAt {
                letter.status = .delivered
                letter.arrival = LocalDate(arrivedAt, timeZone: danishTimeZone).iso
            } else {
                letter.status = .sent
            }
            var facts = LetterEventFacts(decision)
            facts.evidence = evidence
            facts.transmission = transmission
            facts.arrival = letter.arrival
            return (.sent, facts)
        case .physical(let decision):
            letter.record(decision)
            letter.status = .awaitingPrint
            return (.channel, LetterEventFacts(decision))
        case .failed(let problem, let attempts, let technical):
            letter.status = .failed
            return (.failed, LetterEventFacts(attempt: attempts, problem: problem, technical: technical))
        case .refused(let receipt, let technical):
            letter.status = .failed
            return (.refused, LetterEventFacts(receipt: receipt, technical: technical))
        case .receiptBeforeSend(let receipt):
            return (.receiptEarly, LetterEventFacts(receipt: receipt))
        case .delivered(let at):
            letter.status = .delivered
            letter.arrival = LocalDate(at, timeZone: danishTimeZone).iso
            return (.delivered, LetterEventFacts(receipt: .completed, arrival: letter.arrival))
        case .deliveredAfterFailing(let at):
            // The letter stays failed (a caseworker has it as a task); the evidence is kept.
            return (
                .deliveredLate,
                LetterEventFacts(receipt: .completed, arrival: LocalDate(at, timeZone: danishTimeZone).iso)
            )
        }
    }
}

extension ChannelDecision {
    /// Digital Post because the recipient is registered: what a letter NgDP already had (an
    /// earlier attempt got through) was decided on.
    static let registered = ChannelDecision(channel: .digitalPost, reasons: [.recipientRegistered])
}
