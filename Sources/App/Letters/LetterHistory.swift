import AlmenDomain
import DigitalPost
import Fluent
import Foundation

/// What happened to a letter (brevets historik): one history for the letter and its transport,
/// shown to staff in their language. The raw values are stored; words live in `Strings`
/// (`letterEvent_<code>`).
enum LetterEventKind: String, Codable, Sendable, CaseIterable {
    /// Typeset and stored with its template version.
    case created
    /// The channel was decided, with its reasons.
    case channel
    /// Waiting in the Digital Post outbox for the registration look-up and the send.
    case queued
    /// A transient failure; the letter's job tries again.
    case retry
    /// NgDP has the letter.
    case sent
    /// NgDP put it in the resident's mailbox (kommet frem).
    case delivered
    /// NgDP refused it for good (receipt INVALID or NOT_ALLOWED).
    case refused
    /// It could not be sent (its attempts used, a connection that cannot be used): a caseworker
    /// must act.
    case failed
    /// A final receipt came before the send was recorded: kept, and applied when it is.
    case receiptEarly = "receipt_early"
    /// NgDP delivered the letter after it had failed here: check before posting it.
    case deliveredLate = "delivered_late"
    case printBatch = "print_batch"
    /// Handed to the carrier, with the expected arrival.
    case dispatched
    /// A caseworker sent a refused letter on paper instead.
    case toPaper = "to_paper"
    /// A caseworker wrote the failed letter again in its case; the new one went instead.
    case replaced
    /// An event from before the history was typed, with its stored text.
    case note

    /// Where the event comes in a letter's life, for events of the same moment.
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// Why a letter could not be sent (now or for good), in words staff understand.
enum SendProblem: String, Codable, Sendable, CaseIterable {
    case unavailable
    case timeout
    case network
    /// NgDP refused the letter as invalid (its field errors are kept as technical detail).
    case invalidLetter = "invalid_letter"
    /// NgDP refused our system's access.
    case notAuthorised = "not_authorised"
    case unexpectedAnswer = "unexpected_answer"
    /// The organisation's own connection cannot be used until an administrator enters it again.
    case connectionUnusable = "connection_unusable"
    /// A fault here (database, file): nothing was sent.
    case internalError = "internal_error"
    /// The worker never came back with a result, attempt after attempt.
    case noResult = "no_result"
    /// The letter itself was sent and got no answer (it timed out, or the connection broke):
    /// NgDP may have it. The next attempt finds out (NgDP knows the message's UUID).
    case sendUnanswered = "send_unanswered"

    init(_ error: NgDPError) {
        switch error {
        case .unavailable: self = .unavailable
        case .timeout: self = .timeout
        case .transport: self = .network
        case .validation: self = .invalidLetter
        case .unauthorized, .forbidden: self = .notAuthorised
        case .notFound, .conflict, .invalidResponse, .acceptedWithoutReceipt: self = .unexpectedAnswer
        }
    }
}

/// How we know NgDP has a letter.
enum SentEvidence: String, Codable, Sendable, CaseIterable {
    /// NgDP's receipt to the send.
    case receipt
    /// NgDP already had the letter's messageUUID from an earlier attempt (409).
    case alreadyThere = "already_there"
    /// NgDP accepted it, but its receipt could not be read; the later receipt tells the arrival.
    case receiptUnreadable = "receipt_unreadable"
    /// A receipt for it came before the send was recorded; it was not sent again.
    case earlyReceipt = "early_receipt"
}

/// The typed facts of one event; which are set depends on the kind.
struct LetterEventFacts: Codable, Sendable, Equatable {
    var letterKind: LetterKind?
    var templateVersion: Int?
    var pages: Int?
    var channel: Channel?
    var reasons: [ChannelReason]?
    var attempt: Int?
    var problem: SendProblem?
    var evidence: SentEvidence?
    /// NgDP's receipt status, kept as evidence.
    var receipt: NgDPReceiptStatus?
    var transmission: String?
    /// When the letter arrived or is expected to (ISO date, Danish time).
    var arrival: String?
    var batch: Int?
    /// NgDP's own explanation (English, technical): kept for operators, never shown in the UI.
    var technical: String?
}

extension LetterEventFacts {
    /// A channel decision with its reasons.
    init(_ decision: ChannelDecision) {
        self.init(channel: decision.channel, reasons: decision.reasons)
    }
}

/// Writes a letter's history: every event of a letter, whoever causes it, goes through here.
enum LetterHistory {
    static func record(
        _ kind: LetterEventKind,
        _ facts: LetterEventFacts = LetterEventFacts(),
        letterID: UUID,
        on db: any Database,
        dependencies: AppDependencies
    ) async throws {
        try await LetterEvent(
            id: dependencies.uuid(),
            letterID: letterID,
            at: dependencies.now(),
            kind: kind,
            facts: facts
        ).create(on: db)
    }

    /// The same event for many letters (a print batch), in one statement.
    static func record(
        _ kind: LetterEventKind,
        _ facts: LetterEventFacts,
        letterIDs: [UUID],
        on db: any Database,
        dependencies: AppDependencies
    ) async throws {
        guard !letterIDs.isEmpty else { return }
        let now = dependencies.now()
        try await letterIDs.map {
            LetterEvent(id: dependencies.uuid(), letterID: $0, at: now, kind: kind, facts: facts)
        }.create(on: db)
    }
}
