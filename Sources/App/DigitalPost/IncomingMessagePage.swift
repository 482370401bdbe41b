import Foundation
import MeMo
import NIOPosix
import SQLKit

/// One message a resident sent through Digital Post, as staff read it: one statement for the
/// message with its sender, thread and case, in the reader's scope; its files are read from the
/// stored MeMo (on the thread pool, since a message may be tens of megabytes).
enum IncomingMessagePage {
    /// The message as the inbox lists it, and its raw MeMo.
    typealias Row = (message: IncomingLists.Row, xml: Data)

    /// The message, if it is in `scope` (mail not yet placed with an organisation is only in an
    /// administrator's).
    static func load(_ id: UUID, scope: StaffScope, on database: any SQLDatabase) async throws -> Row? {
        guard let query = query(id, scope: scope, withXML: true), let row = try await database.raw(query).first() else {
            return nil
        }
        return (try row.decode(model: IncomingLists.Row.self), try row.decode(column: "xml", as: Data.self))
    }

    /// The message without its MeMo, if it is in `scope`.
    static func row(_ id: UUID, scope: StaffScope, on database: any SQLDatabase) async throws -> IncomingLists.Row? {
        guard let query = query(id, scope: scope, withXML: false) else { return nil }
        return try await database.raw(query).first(decoding: IncomingLists.Row.self)
    }

    private static func query(_ id: UUID, scope: StaffScope, withXML: Bool) -> SQLQueryString? {
        scope.condition("m", "organisation_id").map {
            IncomingLists.selection(withXML: withXML) + " AND m.id = \(bind: id)" + $0
        }
    }

    /// A case the message may belong to (`senderCases`).
    struct SenderCase: Decodable, Sendable, CaseHeading {
        let number: String
        let title: String
        let title_en: String?
        let kind: String
        let status: String
        let opened_at: Date
    }

    /// The most of the sender's cases the message's page offers to put it on.
    static let maxSenderCases = 10

    /// The sender's open cases in the message's organisation, newest first, but the one it is on:
    /// where a message that answers none of our letters most likely belongs. None from a sender
    /// the register does not know.
    static func senderCases(of message: IncomingLists.Row, on database: any SQLDatabase) async throws -> [SenderCase] {
        guard let person = message.person_id, let organisation = message.organisation_id else { return [] }
        var query: SQLQueryString = """
            SELECT c.number, c.title, c.title_en, c.kind, c.status, c.opened_at FROM cases c
            WHERE c.organisation_id = \(bind: organisation) AND c.status = \(bind: CaseStatus.open.rawValue)
              AND EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.id AND p.person_id = \(bind: person))
            """
        if let current = message.case_id { query += " AND c.id <> \(bind: current)" }
        return try await database.raw(
            query + " ORDER BY c.opened_at DESC, c.id LIMIT \(unsafeRaw: String(maxSenderCases))"
        ).all(decoding: SenderCase.self)
    }

    /// A letter that answers the message (`Letter.answersMessageID`).
    struct Answer: Decodable, Sendable {
        let id: UUID
        let subject: String
        let created_at: Date
    }

    /// The most answers the message's page lists.
    static let maxAnswers = 10

    /// The latest `maxAnswers` letters that answer message `id`, oldest first; not one written
    /// again instead. (More are rare; the case's history lists them all.)
    static func answers(
        to id: UUID,
        limit: Int = maxAnswers,
        on database: any SQLDatabase
    ) async throws -> [Answer] {
        try await database.raw(
            """
            SELECT l.id, l.subject, l.created_at FROM letters l WHERE l.answers_message_id = \(bind: id)
            """ + LetterLists.neverSent
                + " ORDER BY l.created_at DESC, l.id DESC LIMIT \(unsafeRaw: String(limit))"
        ).all(decoding: Answer.self).reversed()
    }

    /// One file of a message, numbered from 1 in the message's order (main document first).
    struct File: Sendable {
        let number: Int
        /// The document it belongs to is the main one (not an attachment).
        let main: Bool
        let documentLabel: String?
        let filename: String
        let mime: String
        let bytes: Int
        /// Only when read with contents.
        let content: Data
    }

    /// The words' key of a message's status: unreadable, received, or on a case.
    static func statusKey(stored: Bool, caseID: UUID?) -> String {
        !stored ? "incomingInvalid" : caseID == nil ? "incomingStored" : "incomingState_paa-sag"
    }

    /// The most of a plain-text main document the message's page shows (its words; a longer
    /// one is a file to download, as every other).
    static let shownTextBytes = 20_000

    /// The main document's text, when it is one plain-text file of valid UTF-8 and at most
    /// `shownTextBytes`; line breaks as the sender wrote them. `files` as read without their
    /// contents: only such a message is read again, keeping them.
    static func shownText(of xml: Data, files: [File]) async throws -> String? {
        guard let file = mainText(files), file.bytes <= shownTextBytes else { return nil }
        return shownText(try await self.files(of: xml, contents: true))
    }

    /// The main document's text from files read with their contents (`shownText(of:files:)`).
    static func shownText(_ files: [File]) -> String? {
        guard let file = mainText(files), file.content.count <= shownTextBytes,
            let text = String(validating: file.content, as: UTF8.self)
        else { return nil }
        let trimmed = text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The main document's one file, when it is plain text.
    private static func mainText(_ files: [File]) -> File? {
        let main = files.filter(\.main)
        guard main.count == 1, let file = main.first, FileType(mime: file.mime) == .text else { return nil }
        return file
    }

    /// The files of a stored message; none when it cannot be read as MeMo. With `contents` false
    /// the files' bytes are counted, not kept.
    static func files(of xml: Data, contents: Bool) async throws -> [File] {
        try await NIOThreadPool.singleton.runIfActive {
            let memo: MeMoMessage
            do {
                memo = try MeMoParser(limits: MeMoValidationContext.incomingOptedIn.limits, keepsFileContents: contents)
                    .parse(xml)
            } catch {
                return []
            }
            guard let body = memo.body else { return [] }
            let documents: [(main: Bool, label: String?, files: [MeMoFile])] =
                [(true, body.mainDocument.label, body.mainDocument.files)]
                + body.additionalDocuments.map { (false, $0.label, $0.files) }
                + body.technicalDocuments.map { (false, $0.label, $0.files) }
            var files: [File] = []
            for document in documents {
                for file in document.files {
                    files.append(
                        File(
                            number: files.count + 1,
                            main: document.main,
                            documentLabel: document.label,
                            filename: file.filename,
                            mime: file.encodingFormat,
                            bytes: file.contentBytes,
                            content: file.content
                        )
                    )
                }
            }
            return files
        }
    }
}
