import AlmenDomain
import Fluent
import PostgresKit
import SQLKit
import Vapor

/// What the resident's application forms share (partial and whole sub-letting, the swap): a
/// number as typed, an attached file checked by content, and what a send answers once the draft
/// is claimed or was claimed before.
enum RequestForms {
    /// The query of a draft's form reached from its preview ("Ret ansøgningen": `?ret=ja`).
    static let fromPreview = ("ret", "ja")

    /// The form was opened from its draft's preview: the tenant ticked the confirmation to see
    /// the preview, and it stays ticked while they correct the form, as the notice form's does.
    static func backFromPreview(_ req: Request) -> Bool {
        req.queryValue(fromPreview.0) == fromPreview.1
    }

    /// A whole number as typed, within `range`; nil for anything else.
    static func number(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard text.count <= 4, text.allSatisfy(\.isASCII), let value = Int(text), range.contains(value) else {
            return nil
        }
        return value
    }

    /// An attached file, when one was chosen: its bytes and type by content, or a problem at its
    /// field (too big, or not a PDF, JPEG or PNG).
    static func attachment(_ file: File?, field: String, into problems: inout [(String, String)]) -> (Data, String)? {
        guard let file, file.data.readableBytes > 0 else { return nil }
        let data = Data(buffer: file.data)
        if data.count > AttachmentType.maxBytes {
            problems.append((field, "wholeErrorFileSize"))
        } else if let type = AttachmentType.of(data) {
            return (data, type)
        } else {
            problems.append((field, "wholeErrorFileType"))
        }
        return nil
    }

    /// Inside a send's transaction: throws `AlreadyOpen` when the lease has an open case of
    /// `kind`. On PostgreSQL the lease's row is locked first (`FOR NO KEY UPDATE`: rows that merely refer to the lease are not held up), so two sends for one lease (a
    /// partial and a whole sub-letting from two tabs) take turns and the second finds the first's
    /// case; without the lock both could pass the check at READ COMMITTED. SQLite runs one write
    /// transaction at a time.
    static func noOpenCase(_ kind: CaseKind, of leaseID: UUID, on db: any Database) async throws {
        try await lockLease(leaseID, on: db)
        if let open = try await PartialSublettingController.openCase(kind, of: leaseID, on: db) {
            throw PartialSublettingController.AlreadyOpen(caseID: open)
        }
    }

    /// On PostgreSQL, locks the lease's row for the transaction (`FOR NO KEY UPDATE`); SQLite
    /// runs one write transaction at a time.
    static func lockLease(_ leaseID: UUID, on db: any Database) async throws {
        if db is any PostgresDatabase, let sql = db as? any SQLDatabase {
            try await sql.raw("SELECT id FROM leases WHERE id = \(bind: leaseID) FOR NO KEY UPDATE").run()
        }
    }

    /// A send whose draft is gone (a double click, the back button, another tab): the lease's open
    /// case of `kind`, which it became, or the form again.
    static func sentAlready(_ req: Request, _ kind: CaseKind, leaseID: UUID, form: SiteRoute) async throws -> Response {
        if let open = try await PartialSublettingController.openCase(kind, of: leaseID, on: req.db) {
            return req.redirect(to: SiteRoute.myCase(open).path, redirectType: .normal)
        }
        return req.redirect(to: form.path, redirectType: .normal)
    }

    /// Sends with `send` and answers: the code for the other party, shown once; or, when another
    /// request sent the draft or opened a case of the lease first, that case.
    static func send(
        _ req: Request,
        _ kind: CaseKind,
        leaseID: UUID,
        form: SiteRoute,
        otherParty: String,
        _ send: () async throws -> (caseID: UUID, code: String)?
    ) async throws -> Response {
        do {
            guard let (caseID, code) = try await send() else {
                return try await sentAlready(req, kind, leaseID: leaseID, form: form)
            }
            return try await SubtenantSigning.renderCode(req, caseID: caseID, code: code, subtenant: otherParty)
                .encodeResponse(for: req)
        } catch let open as PartialSublettingController.AlreadyOpen {
            return req.redirect(to: SiteRoute.myCase(open.caseID).path, redirectType: .normal)
        }
    }
}
