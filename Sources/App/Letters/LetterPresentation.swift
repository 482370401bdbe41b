import AlmenDomain
import DigitalPost
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
            createdAt: letter.createdAt,
            subject: letter.subject,
            kind: letter.kind,
            channel: letter.channel,
            status: letter.status,
            pageCount: letter.pageCount,
            language: language,
            href: href,
            recipient: recipient
        )
    }

    static func row(_ letter: LetterLists.Row, language: Language, href: String, recipient: String? = nil) -> Row {
        row(
            createdAt: letter.created_at,
            subject: letter.subject,
            kind: LetterKind(rawValue: letter.kind) ?? .general,
            channel: letter.channel.flatMap(AlmenDomain.Channel.init(rawValue:)),
            status: LetterStatus(rawValue: letter.status) ?? .awaitingChannel,
            pageCount: letter.page_count,
            language: language,
            href: href,
            recipient: recipient
        )
    }

    static func row(
        createdAt: Date,
        subject: String,
        kind: LetterKind,
        channel: AlmenDomain.Channel?,
        status: LetterStatus,
        pageCount: Int,
        language: Language,
        href: String,
        recipient: String?
    ) -> Row {
        let strings = Strings.table(language)
        return Row(
            date: DateText.timestamp(createdAt, language),
            subject: subject,
            kind: label(kind, strings),
            channel: channelLabel(channel, strings),
            status: strings["letterStatus_\(status.rawValue)"] ?? "",
            pages: strings.counted("letterPageCount", pageCount, in: language),
            href: href,
            recipient: recipient
        )
    }

    static func label(_ kind: LetterKind, _ strings: [String: String]) -> String {
        strings["letterKind_\(kind.rawValue)"] ?? ""
    }

    static func channelLabel(_ channel: AlmenDomain.Channel?, _ strings: [String: String]) -> String {
        channel.map { strings["channel_\($0.rawValue)"] ?? "" } ?? (strings["channel_pending"] ?? "")
    }

    /// One event of a letter's history, in words.
    struct EventRow: Encodable {
        let at: String
        let event: String
        let detail: String
    }

    static func event(_ event: LetterEvent, language: Language) -> EventRow {
        let strings = Strings.table(language)
        return EventRow(
            at: DateText.timestamp(event.at, language),
            event: strings["letterEvent_\(event.kind.rawValue)"] ?? "",
            detail: event.kind == .note ? event.detail : detail(event.kind, event.facts, strings, language)
        )
    }

    /// Why a letter failed or was refused, in one sentence.
    static func failure(_ facts: LetterEventFacts, _ strings: [String: String]) -> String {
        if let problem = facts.problem { return strings["sendProblem_\(problem.rawValue)"] ?? "" }
        return strings[
            facts.receipt == .notAllowed
                ? "letterEventDetail_not_allowed" : "letterEventDetail_invalid"
        ] ?? ""
    }

    /// What the facts of an event say, as a sentence; empty when they say nothing more.
    static func detail(
        _ kind: LetterEventKind,
        _ facts: LetterEventFacts,
        _ strings: [String: String],
        _ language: Language
    ) -> String {
        func text(_ key: String, _ values: [String: String] = [:]) -> String { strings.filled(key, values) }
        func date(_ iso: String?) -> String {
            iso.flatMap(LocalDate.init(iso:)).map { DateText.short($0, language) } ?? ""
        }
        let problem = facts.problem.map { text("sendProblem_\($0.rawValue)") } ?? ""
        let attempts = ["n": facts.attempt.map(String.init) ?? ""]
        switch kind {
        case .created:
            let pages = facts.pages.map { strings.counted("letterPageCount", $0, in: language) } ?? ""
            return text(
                "letterEventDetail_created",
                [
                    "kind": facts.letterKind.map { label($0, strings) } ?? "",
                    "version": facts.templateVersion.map(String.init) ?? "", "pages": pages,
                ]
            )
        case .channel, .toPaper:
            let reasons = (facts.reasons ?? []).map { strings["channelReason_\($0.rawValue)"] ?? "" }.joined(
                separator: "; "
            )
            return facts.channel.map { "\(channelLabel($0, strings)): \(reasons)" } ?? ""
        case .queued, .receiptEarly:
            return text("letterEventDetail_\(kind.rawValue)")
        case .retry:
            return "\(problem) \(text("letterEventDetail_retry", attempts))"
        case .failed:
            return "\(problem) \(text("letterEventDetail_failed", attempts))"
        case .sent:
            let evidence = facts.evidence.map { text("sentEvidence_\($0.rawValue)") } ?? ""
            return facts.arrival == nil
                ? evidence : "\(evidence) \(text("letterEventDetail_delivered", ["date": date(facts.arrival)]))"
        case .delivered:
            return text("letterEventDetail_delivered", ["date": date(facts.arrival)])
        case .deliveredLate:
            return text("letterEventDetail_delivered_late", ["date": date(facts.arrival)])
        case .refused:
            return failure(facts, strings)
        case .printBatch:
            return text("letterEventDetail_print_batch", ["n": facts.batch.map(String.init) ?? ""])
        case .dispatched:
            return text("letterEventDetail_dispatched", ["date": date(facts.arrival)])
        case .note, .replaced:
            return ""
        }
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
