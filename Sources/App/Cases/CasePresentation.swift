import AlmenDomain
import Foundation

/// How cases look in lists and on their pages, for staff and residents alike.
enum CasePresentation {
    struct Row: Encodable {
        let number: String
        let title: String
        let kind: String
        let status: String
        let opened: String
        let organisation: String?
        let href: String
    }

    /// One entry of a case's history: a letter we sent, or mail a party sent us.
    struct Entry: Encodable {
        let at: String
        let direction: String
        let title: String
        let who: String
        let href: String?
    }

    static func row(_ caseFile: CaseFile, strings: [String: String], href: String, organisation: String? = nil) -> Row {
        Row(
            number: caseFile.number, title: caseFile.title, kind: kind(caseFile.kind, strings: strings),
            status: strings["caseStatus_\(caseFile.status.rawValue)"] ?? caseFile.status.rawValue,
            opened: LetterPresentation.timestamp(caseFile.openedAt), organisation: organisation, href: href
        )
    }

    static func kind(_ kind: CaseKind, strings: [String: String]) -> String {
        strings["caseKind_\(kind.rawValue)"] ?? kind.rawValue
    }

    static func role(_ role: CasePartyRole, strings: [String: String]) -> String {
        strings["casePartyRole_\(role.rawValue)"] ?? role.rawValue
    }

    /// The history, oldest first: letters out and mail in, each with its time.
    static func history(letters: [Letter], mail: [IncomingMessage], strings: [String: String], letterHref: (Letter) -> String?) -> [Entry] {
        let out = letters.map { letter in
            (letter.createdAt, Entry(
                at: LetterPresentation.timestamp(letter.createdAt), direction: strings["caseLetterOut"] ?? "",
                title: letter.subject, who: letter.$recipient.value?.fullName ?? "", href: letterHref(letter)
            ))
        }
        let incoming = mail.map { message in
            (message.receivedAt, Entry(
                at: LetterPresentation.timestamp(message.receivedAt), direction: strings["caseMailIn"] ?? "",
                title: message.label ?? "—", who: message.$person.value??.fullName ?? (strings["incomingUnknownSender"] ?? ""), href: nil
            ))
        }
        return (out + incoming).sorted { $0.0 < $1.0 }.map(\.1)
    }
}
