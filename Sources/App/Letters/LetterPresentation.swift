import AlmenDomain
import Foundation
import Vapor

/// Letters as pages show them: labels in the visitor's language, dates in Danish time.
enum LetterPresentation {
    struct Row: Encodable {
        let date: String
        let subject: String
        let kind: String
        let channel: String
        let status: String
        /// "1 side" / "3 sider", for the link's accessible name.
        let pages: String
        let href: String
        let recipient: String?
    }

    static func row(_ letter: Letter, language: Language, href: String, recipient: String? = nil) -> Row {
        row(
            createdAt: letter.createdAt, subject: letter.subject, kind: letter.kind, channel: letter.channel, status: letter.status,
            pageCount: letter.pageCount, language: language, href: href, recipient: recipient
        )
    }

    static func row(_ letter: LetterLists.Row, language: Language, href: String, recipient: String? = nil) -> Row {
        row(
            createdAt: letter.created_at, subject: letter.subject, kind: LetterKind(rawValue: letter.kind) ?? .general,
            channel: letter.channel.flatMap(AlmenDomain.Channel.init(rawValue:)), status: LetterStatus(rawValue: letter.status) ?? .awaitingChannel,
            pageCount: letter.page_count, language: language, href: href, recipient: recipient
        )
    }

    private static func row(
        createdAt: Date, subject: String, kind: LetterKind, channel: AlmenDomain.Channel?, status: LetterStatus, pageCount: Int,
        language: Language, href: String, recipient: String?
    ) -> Row {
        let strings = Strings.table(language)
        return Row(
            date: DateText.timestamp(createdAt, language), subject: subject, kind: label(kind, strings),
            channel: channelLabel(channel, strings), status: strings["letterStatus_\(status.rawValue)"] ?? "",
            pages: "\(pageCount) \(strings[pageCount == 1 ? "letterPage" : "letterPages"] ?? "")", href: href, recipient: recipient
        )
    }

    static func label(_ kind: LetterKind, _ strings: [String: String]) -> String {
        strings["letterKind_\(kind.rawValue)"] ?? ""
    }

    static func channelLabel(_ channel: AlmenDomain.Channel?, _ strings: [String: String]) -> String {
        channel.map { strings["channel_\($0.rawValue)"] ?? "" } ?? (strings["channel_pending"] ?? "")
    }

    /// The PDF as a download that is never cached (it holds personal data).
    static func pdfResponse(_ data: Data, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "application", subType: "pdf")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
