import Foundation
import MeMo
import NIOPosix
import SQLKit

/// One message a resident sent through Digital Post, as staff read it: one statement for the
/// message with its sender, thread and case, in the reader's scope; its files are read from the
/// stored MeMo (on the thread pool, since a message may be tens of megabytes).
enum IncomingMessagePage {
    struct Row: Decodable, Sendable {
        let id: UUID
        let received_at: Date
        let label: String?
        let status: String
        let contact_point: String?
        let person_id: UUID?
        let organisation_id: UUID?
        let case_id: UUID?
        let given_name: String?
        let family_name: String?
        let thread: String?
        let case_number: String?
        let xml: Data

        var sender: String? { given_name.flatMap { given in family_name.map { "\(given) \($0)" } } }
        var stored: Bool { status == IncomingMessageStatus.stored.rawValue }
    }

    /// The message, if it is in `scope` (mail not yet placed with an organisation is only in an
    /// administrator's).
    static func load(_ id: UUID, scope: StaffScope, on database: any SQLDatabase) async throws -> Row? {
        guard let inScope = scope.condition("m", "organisation_id") else { return nil }
        let query: SQLQueryString =
            """
            SELECT m.id, m.received_at, m.label, m.status, m.contact_point, m.person_id, m.organisation_id, m.case_id,
              p.given_name, p.family_name, r.label AS thread, c.number AS case_number, m.xml
            FROM incoming_messages m
            LEFT JOIN people p ON p.id = m.person_id
            LEFT JOIN digital_post_letters r ON r.id = m.reply_to_letter_id
            LEFT JOIN cases c ON c.id = m.case_id
            WHERE m.id = \(bind: id)
            """ + inScope
        return try await database.raw(query).first(decoding: Row.self)
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
