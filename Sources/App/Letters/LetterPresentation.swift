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
        let pageCount: Int
        let href: String
        let recipient: String?
    }

    static func row(_ letter: Letter, strings: [String: String], href: String, recipient: String? = nil) -> Row {
        Row(
            date: timestamp(letter.createdAt), subject: letter.subject, kind: label(letter.kind, strings),
            channel: channelLabel(letter.channel, strings), status: strings["letterStatus_\(letter.status.rawValue)"] ?? letter.status.rawValue,
            pageCount: letter.pageCount, href: href, recipient: recipient
        )
    }

    static func label(_ kind: LetterKind, _ strings: [String: String]) -> String {
        strings["letterKind_\(kind.rawValue)"] ?? kind.rawValue
    }

    static func channelLabel(_ channel: AlmenDomain.Channel?, _ strings: [String: String]) -> String {
        channel.map { strings["channel_\($0.rawValue)"] ?? $0.rawValue } ?? (strings["channel_pending"] ?? "")
    }

    /// "2026-11-23 14:05" in Danish time.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = danishTimeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
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
