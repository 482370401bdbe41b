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

    static func row(_ caseFile: CaseFile, language: Language, href: String, organisation: String? = nil) -> Row {
        row(
            number: caseFile.number,
            title: caseFile.title,
            kind: caseFile.kind,
            status: caseFile.status,
            openedAt: caseFile.openedAt,
            language: language,
            href: href,
            organisation: organisation
        )
    }

    static func row(_ caseFile: CaseLists.Row, language: Language, href: String, organisation: String? = nil) -> Row {
        row(
            number: caseFile.number,
            title: caseFile.title,
            kind: CaseKind(rawValue: caseFile.kind) ?? .general,
            status: CaseStatus(rawValue: caseFile.status) ?? .open,
            openedAt: caseFile.opened_at,
            language: language,
            href: href,
            organisation: organisation
        )
    }

    private static func row(
        number: String,
        title: String,
        kind: CaseKind,
        status: CaseStatus,
        openedAt: Date,
        language: Language,
        href: String,
        organisation: String?
    ) -> Row {
        let strings = Strings.table(language)
        return Row(
            number: number,
            title: title,
            kind: self.kind(kind, strings: strings),
            status: strings["caseStatus_\(status.rawValue)"] ?? "",
            opened: DateText.timestamp(openedAt, language),
            organisation: organisation,
            href: href
        )
    }

    static func kind(_ kind: CaseKind, strings: [String: String]) -> String {
        strings["caseKind_\(kind.rawValue)"] ?? ""
    }

    static func role(_ role: CasePartyRole, strings: [String: String]) -> String {
        strings["casePartyRole_\(role.rawValue)"] ?? ""
    }

    /// The history, oldest first: letters out and mail in, each with its time.
    static func history(
        _ events: [CasePage.Event],
        language: Language,
        letterHref: (UUID) -> String?,
        mailHref: (UUID) -> String? = { _ in nil }
    ) -> [Entry] {
        let strings = Strings.table(language)
        return events.map { event in
            Entry(
                at: DateText.timestamp(event.at, language),
                direction: strings[event.outgoing == 1 ? "caseLetterOut" : "caseMailIn"] ?? "",
                title: event.title ?? "—",
                who: event.who ?? (strings["incomingUnknownSender"] ?? ""),
                href: event.outgoing == 1 ? letterHref(event.id) : mailHref(event.id)
            )
        }
    }

    static func row(_ header: CasePage.Header, language: Language, href: String, organisation: String? = nil) -> Row {
        row(
            number: header.number,
            title: header.title,
            kind: header.caseKind,
            status: header.caseStatus,
            openedAt: header.opened_at,
            language: language,
            href: href,
            organisation: organisation
        )
    }
}
