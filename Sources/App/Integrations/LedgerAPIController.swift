import Foundation
import Vapor

/// `POST /api/v1/ledger/import?format=posteringer|bank`: the administration system (or the
/// bank's integration) sends an account file as `almen ledger import` reads it
/// (docs/ledger-import.md), with an API key of scope `ledger`. The same all-or-nothing import
/// answers with the same JSON report: 200 when it was imported (a file sent again adds nothing),
/// 422 with every problem and nothing stored when it was not.
enum LedgerAPIController {
    /// As much as the command line reads: 64 MB.
    static let maxBody = 64 * 1024 * 1024

    @Sendable
    static func importLines(_ req: Request) async throws -> Response {
        guard let token = req.apiToken else { throw Abort(.unauthorized) }
        guard let name = req.queryValue("format"), let format = LedgerCSV.Format(rawValue: name) else {
            throw RulesInputError(code: "invalid_format", field: "format", key: "apiError_ledgerFormat")
        }
        let body = try await req.body.collect(max: maxBody).get()
        guard let buffer = body, buffer.readableBytes > 0 else {
            throw RulesInputError(code: "empty_file", field: "body", key: "apiError_ledgerEmpty")
        }
        // Up to 64 MB: checked off the event loop, as the parse is.
        let validated = try await req.application.threadPool.runIfActive {
            String(validating: buffer.readableBytesView, as: UTF8.self)
        }
        guard let text = validated else {
            throw RulesInputError(code: "not_utf8", field: "body", key: "apiError_ledgerNotUTF8")
        }
        let report = try await LedgerImport(
            database: req.db,
            dependencies: req.application.dependencies,
            pool: req.application.threadPool
        )
        .run(text, format: format)
        // Every call with a key is in the audit log, refused files too.
        try await AuditEvent.byAPIKey(
            .ledgerImport,
            token,
            purpose: report.auditPurpose,
            request: req
        ).create(on: req.db)
        return try JSONResponse.make(report, status: report.succeeded ? .ok : .unprocessableEntity)
    }
}
