import AlmenDomain
import Foundation

/// What a bulk run sends, as the caseworker typed it (plain text, stored as JSON with the run).
/// Only kinds whose content is the same for every recipient can be sent in bulk; letters with
/// per-lease figures (påkrav, settlement) come from their own workflows.
enum BulkContent: Codable, Sendable, Equatable {
    case general(subject: String, paragraphs: [String])
    case meetingNotice(
        meetingDate: String,
        meetingTime: String,
        place: String,
        agenda: [String],
        proposalDeadline: String,
        /// "to stemmer"; runs made before votes were set per meeting have none (two).
        votes: String? = nil
    )

    var kind: LetterKind {
        switch self {
        case .general: .general
        case .meetingNotice: .meetingNotice
        }
    }

    /// The typed template context.
    var content: any LetterContent {
        switch self {
        case .general(let subject, let paragraphs):
            GeneralLetter(subject: MarkupText(subject), paragraphs: paragraphs.map { MarkupText($0) })
        case .meetingNotice(let date, let time, let place, let agenda, let deadline, let votes):
            MeetingNoticeLetter(
                meetingDate: MarkupText(date),
                meetingTime: MarkupText(time),
                place: MarkupText(place),
                agenda: agenda.map { MarkupText($0) },
                proposalDeadline: MarkupText(deadline),
                votes: MarkupText(votes ?? "to stemmer")
            )
        }
    }

    /// Bulk kinds.
    static let kinds: [LetterKind] = [.general, .meetingNotice]

    /// What the letters are about, for the runs' list and a run's page: the subject, or the
    /// meeting's date as the caseworker wrote it.
    func about(_ strings: [String: String]) -> String {
        switch self {
        case .general(let subject, _): subject
        case .meetingNotice(let date, let time, _, _, _, _):
            strings.filled("bulkAboutMeeting", ["date": date, "time": time])
        }
    }

    /// `about` of a run's stored content; empty if it cannot be read.
    static func about(_ json: Data, _ strings: [String: String]) -> String {
        (try? JSONDecoder().decode(BulkContent.self, from: json))?.about(strings) ?? ""
    }
}
