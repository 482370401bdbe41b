import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/admin/post/{id}`: one message a resident sent through Digital Post, and its files to open;
/// a message on no case yet gets one, new or existing. Staff see mail of their organisations
/// (administrators all, and mail not yet placed); every reading of a message and every file
/// opened is audited as a read of personal data.
enum IncomingMessageController {
    struct FileRow: Encodable {
        let name: String
        let href: String
        let document: String
        let kind: String
        let size: String
    }

    /// A letter that answers the message: its subject, linked, and when it was written.
    struct AnswerRow: Encodable {
        let subject: String
        let href: String
        let sent: String
    }

    struct Context: Encodable {
        let page: PageChrome
        let label: String
        let received: String
        let sender: String
        let contactPoint: String?
        let thread: String?
        let status: String
        let readable: Bool
        let caseNumber: String?
        let caseHref: String?
        /// The letters written in the case that answer the message.
        let answers: [AnswerRow]
        let openCaseAction: String?
        /// What the case is about, to choose when opening it.
        let kinds: [SelectOption]
        /// Where the message is put on a case that exists, or moved to another; the section's
        /// title, lead and buttons' words say which.
        let attachAction: String?
        let attachTitle: String
        let attachIntro: String
        let attachTo: String
        let attachButton: String
        /// The case the page shows the message on (empty for none): the move applies only if it
        /// is still there.
        let attachFrom: String
        /// The sender's open cases, each a button that puts the message on it.
        let senderCases: [CaseChoice]
        /// The case number typed, and its problem.
        let attachNumber: String
        let attachError: String?
        /// The message's own words, when its main document is plain text: shown on the page, so
        /// a caseworker reads a question without downloading it.
        let text: String?
        let files: [FileRow]
        let inboxHref: String
    }

    /// One of the sender's cases offered: "2026-000123", and what it is.
    struct CaseChoice: Encodable {
        let number: String
        let about: String
    }

    /// The case asked for (`sag`), and the one the page showed the message on (`fra`).
    struct AttachInput: Content {
        var sag: String?
        var fra: String?
    }

    /// What a caseworker typed to put the message on a case, and its problem.
    struct AttachForm {
        var number = ""
        var error: String?
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        try await page(req, attach: AttachForm())
    }

    private static func page(_ req: Request, attach: AttachForm) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("messageID", as: UUID.self) else { throw Abort(.notFound) }
        guard case let (message, xml)? = try await IncomingMessagePage.load(id, scope: scope, on: try req.sql) else {
            throw Abort(.notFound)
        }
        let files = message.stored ? try await IncomingMessagePage.files(of: xml, contents: false) : []
        // Mail placed with an organisation gets a case, new or existing, or moves to another.
        let movable = message.organisation_id != nil && message.stored
        let placeable = movable && message.case_id == nil
        let senderCases = movable ? try await IncomingMessagePage.senderCases(of: message, on: try req.sql) : []
        let moving = message.case_id != nil
        let text = try await IncomingMessagePage.shownText(of: xml, files: files)
        let answers = message.case_id == nil ? [] : try await IncomingMessagePage.answers(to: id, on: try req.sql)
        try await req.audit.record(
            .incomingMailRead,
            subjectKind: .incomingMessage,
            subjectID: id,
            dataSubjectID: message.person_id,
            purpose: AuditPurpose("incomingRead"),
            actor: principal
        )
        let strings = Strings.table(req.language)
        let label = message.label ?? (strings["incomingNoSubject"] ?? "")
        return try await req.view.render(
            "incoming-message",
            Context(
                page: await PageChrome.make(for: req, title: label),
                label: label,
                received: DateText.timestamp(message.received_at, req.language),
                sender: message.sender ?? (strings["incomingUnknownSender"] ?? ""),
                contactPoint: message.contactPointName,
                thread: message.thread,
                status: strings[IncomingMessagePage.statusKey(stored: message.stored, caseID: message.case_id)] ?? "",
                readable: message.stored,
                caseNumber: message.case_number,
                caseHref: message.case_id.map { SiteRoute.staffCase($0).path },
                answers: answers.map {
                    AnswerRow(
                        subject: $0.subject,
                        href: SiteRoute.letter($0.id).path,
                        sent: DateText.timestamp($0.created_at, req.language)
                    )
                },
                openCaseAction: placeable ? SiteRoute.incomingMailCase(id).path : nil,
                kinds: CaseKind.allCases.filter(\.opensFromMessage).map {
                    SelectOption(
                        value: $0.rawValue,
                        label: strings["caseKind_\($0.rawValue)"] ?? "",
                        selected: $0 == .general
                    )
                },
                attachAction: movable ? SiteRoute.incomingMailToCase(id).path : nil,
                attachTitle: strings[moving ? "incomingMoveTitle" : "incomingAttachTitle"] ?? "",
                attachIntro: moving
                    ? strings.filled("incomingMoveIntro", ["number": message.case_number ?? ""])
                    : strings["incomingAttachIntro"] ?? "",
                attachTo: strings[moving ? "incomingMoveTo" : "incomingAttachTo"] ?? "",
                attachButton: strings[moving ? "incomingMoveButton" : "incomingAttachButton"] ?? "",
                attachFrom: message.case_id?.lowercasedString ?? "",
                senderCases: senderCases.map {
                    CaseChoice(
                        number: $0.number,
                        about:
                            "\($0.title(in: req.language)) · \(strings["incomingAttachOpened"] ?? "") "
                            + DateText.short(LocalDate($0.opened_at, timeZone: danishTimeZone), req.language)
                    )
                },
                attachNumber: attach.number,
                attachError: attach.error,
                text: text,
                files: files.map { file in
                    FileRow(
                        name: file.filename,
                        href: SiteRoute.incomingFile(id, file.number).path,
                        document: file.documentLabel
                            ?? (strings[file.main ? "incomingMainDocument" : "incomingAttachment"] ?? ""),
                        kind: strings["fileType_\(FileType(mime: file.mime).rawValue)"] ?? "",
                        size: FileSize.text(file.bytes, req.language)
                    )
                },
                inboxHref: SiteRoute.incomingMail.path
            )
        )
    }

    /// `POST /admin/post/{id}/paa-sag`: puts a message on a case of its organisation that exists,
    /// by the case's number (`sag`), as a reply to one of the case's letters is put by itself, or
    /// moves it there from the case it is on (`fra`, as the page showed it). The sender does not
    /// become a party by it: a wrong number must not show them another's case (the case's page
    /// says when they are none). A problem comes back at the field; a message that was placed or
    /// moved meanwhile is left where it is, and its page shows where.
    @Sendable
    static func attach(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("messageID", as: UUID.self),
            let message = try await IncomingMessagePage.row(id, scope: scope, on: try req.sql),
            let organisationID = message.organisation_id
        else { throw Abort(.notFound) }
        guard message.stored else {
            throw RulesInputError(code: "unreadable_message", field: "message", key: "apiError_unreadableMessage")
        }
        let from = message.case_id
        let input = (try? req.content.decode(AttachInput.self)) ?? AttachInput()
        let typed = (input.sag ?? "").trimmingCharacters(in: .whitespaces)
        // Placed or moved since the page was read: on the case asked for (a second click), there
        // it is; elsewhere, its page shows where.
        guard (input.fra ?? "") == (from?.lowercasedString ?? "") else {
            if let from, CaseNumber(typed)?.description == message.case_number {
                return req.redirect(to: SiteRoute.staffCase(from).path, redirectType: .normal)
            }
            return req.redirect(to: SiteRoute.incomingMessage(id).path, redirectType: .normal)
        }
        func refused(_ key: String) async throws -> Response {
            let form = AttachForm(number: String(typed.prefix(40)), error: Strings.table(req.language)[key] ?? "")
            return try await page(req, attach: form).encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard !typed.isEmpty else { return try await refused("incomingAttachErrorEmpty") }
        guard typed.count <= 20, let number = CaseNumber(typed) else {
            return try await refused("incomingAttachErrorNumber")
        }
        guard
            let target = try await CaseFile.query(on: req.db).filter(\.$number == number.description)
                .filter(\.$organisation.$id == organisationID).scoped(\.$organisation.$id, to: scope).field(\.$id)
                .field(\.$status).first(),
            let caseID = target.id
        else { return try await refused("incomingAttachErrorNone") }
        // A closed case answers nothing: the message would leave the list of mail to handle unseen.
        guard target.status == .open || caseID == from else { return try await refused("incomingAttachErrorClosed") }
        // The case it is on already, typed in the move's field.
        if caseID == from { return try await refused("incomingAttachErrorSame") }
        let dependencies = req.application.dependencies
        let attached = try await req.db.transaction { db -> Bool in
            guard let sql = db as? any SQLDatabase else { throw CaseError.notSQL }
            struct Row: Decodable { let id: UUID }
            let where_: SQLQueryString = from.map { " AND case_id = \(bind: $0)" } ?? " AND case_id IS NULL"
            let claimed = try await sql.raw(
                "UPDATE incoming_messages SET case_id = \(bind: caseID) WHERE id = \(bind: id)" + where_
                    + " RETURNING id"
            ).first(decoding: Row.self)
            guard claimed != nil else { return false }
            let now = dependencies.now()
            try await CaseEvent(
                id: dependencies.uuid(),
                caseID: caseID,
                kind: .mailAdded,
                at: now,
                by: principal.id,
                detail: message.label
            ).create(on: db)
            // The case it left says where it went (staff only).
            if let from {
                try await CaseEvent(
                    id: dependencies.uuid(),
                    caseID: from,
                    kind: .mailMoved,
                    at: now,
                    by: principal.id,
                    detail: number.description
                ).create(on: db)
            }
            return true
        }
        guard attached else {
            return req.redirect(to: SiteRoute.incomingMessage(id).path, redirectType: .normal)
        }
        try await req.audit.record(
            .caseMailAdded,
            subjectKind: .`case`,
            subjectID: caseID,
            dataSubjectID: message.person_id,
            purpose: AuditPurpose("caseFromIncoming"),
            actor: principal
        )
        var party = false
        if let sender = message.person_id {
            party =
                try await CaseParty.query(on: req.db).filter(\.$caseFile.$id == caseID)
                .filter(\.$person.$id == sender).count() > 0
        }
        return req.redirect(
            to: SiteRoute.staffCase(caseID).path(query: [
                ("besked", (from == nil ? "post-lagt-paa" : "post-flyttet") + (party ? "" : "-ikke-part"))
            ]),
            redirectType: .normal
        )
    }

    /// `/admin/post/{id}/fil/{n}`: one file of a message, always as a download (never shown in
    /// the browser, whatever the sender called it), under a safe name, never cached.
    @Sendable
    static func file(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("messageID", as: UUID.self) else { throw Abort(.notFound) }
        guard let number = req.parameters.get("file", as: Int.self), number >= 1,
            case let (message, xml)? = try await IncomingMessagePage.load(id, scope: scope, on: try req.sql),
            message.stored,
            let file = try await IncomingMessagePage.files(of: xml, contents: true).first(where: {
                $0.number == number
            })
        else { throw Abort(.notFound) }
        try await req.audit.record(
            .incomingMailFile,
            subjectKind: .incomingMessage,
            subjectID: id,
            dataSubjectID: message.person_id,
            purpose: AuditPurpose("incomingFileOpened"),
            actor: principal
        )
        var headers = HTTPHeaders()
        headers.contentType = FileType(mime: file.mime).contentType
        headers.replaceOrAdd(name: .contentDisposition, value: SafeFilename.attachment(file.filename))
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        // Should a browser render it after all, it runs nothing.
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "sandbox; default-src 'none'")
        return Response(status: .ok, headers: headers, body: .init(data: file.content))
    }
}

/// What a file sent to us is, as far as staff need to know; anything else is just a file.
enum FileType: String, CaseIterable {
    case pdf
    case image
    case text
    case other

    init(mime: String) {
        switch mime.lowercased().split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespaces) }) ?? "" {
        case "application/pdf": self = .pdf
        case "image/png", "image/jpeg", "image/gif", "image/tiff": self = .image
        case "text/plain": self = .text
        default: self = .other
        }
    }

    /// The type it is served with: only a few known ones are named; the rest are bytes.
    var contentType: HTTPMediaType {
        switch self {
        case .pdf: HTTPMediaType(type: "application", subType: "pdf")
        case .text: HTTPMediaType(type: "text", subType: "plain", parameters: ["charset": "utf-8"])
        case .image, .other: HTTPMediaType(type: "application", subType: "octet-stream")
        }
    }
}

/// A file's size in words: "812 bytes", "12,3 kB", "4,1 MB".
enum FileSize {
    static func text(_ bytes: Int, _ language: Language) -> String {
        let separator = language == .da ? "," : "."
        func decimal(_ value: Double) -> String {
            String(format: "%.1f", value).replacingOccurrences(of: ".", with: separator)
        }
        if bytes < 1_000 {
            return Strings.table(language).counted(
                "fileSizeBytes",
                bytes,
                ["n": "\(bytes)"]
            )
        }
        if bytes < 1_000_000 { return "\(decimal(Double(bytes) / 1_000)) kB" }
        return "\(decimal(Double(bytes) / 1_000_000)) MB"
    }
}

/// A `Content-Disposition` for a name someone else chose: the name as it was (UTF-8, percent-
/// encoded) and a plain ASCII fallback, with no quotes, slashes or control characters in either.
enum SafeFilename {
    static func attachment(_ name: String) -> String {
        let cleaned = String(
            name.unicodeScalars.filter {
                !CharacterSet.controlCharacters.contains($0) && !"\"\\/".unicodeScalars.contains($0)
            }
        )
        .trimmingCharacters(in: .whitespaces)
        let usable = cleaned.isEmpty ? "fil" : String(cleaned.prefix(200))
        let ascii = String(usable.unicodeScalars.map { $0.isASCII ? Character($0) : "_" })
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_")
        let encoded = usable.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
