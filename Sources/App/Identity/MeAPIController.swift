import Vapor

/// `GET /api/v1/me`: the signed-in identity and its roles; 401 when not signed in. Never the CPR
/// number.
enum MeAPIController {
    struct Me: Encodable {
        let kind: String
        /// Lower-case UUID, as in every link of the site.
        let id: String
        let name: String
        let roles: [String]
        let authenticatedAt: Date
    }

    @Sendable
    static func me(_ req: Request) async throws -> Response {
        guard let principal = req.principal else { throw LoginRequired(kind: .resident) }
        let roles = Role.allCases.filter(principal.has)
        return try JSONResponse.ok(
            Me(
                kind: principal.kind.rawValue,
                id: principal.id.lowercasedString,
                name: principal.name,
                roles: roles.map(\.rawValue),
                authenticatedAt: principal.authTime
            )
        )
    }

    /// `GET /api/v1/me/data`: everything held about the signed-in resident as JSON
    /// (`almen.personal-data/1`, docs/personal-data-export.md), for data portability. Residents
    /// only; the letters' PDFs come with the copy ordered in the portal.
    @Sendable
    static func data(_ req: Request) async throws -> Response {
        guard let principal = req.principal, principal.kind == .resident else { throw LoginRequired(kind: .resident) }
        let exporter = PersonalDataExport(database: req.db, vault: req.application.cprVault)
        guard let document = try await exporter.document(for: principal.id, now: req.application.dependencies.now())
        else { throw LoginRequired(kind: .resident) }
        try await req.audit.record(
            .dataExportDownload,
            subjectKind: .dataExport,
            dataSubjectID: principal.id,
            purpose: AuditPurpose("residentOwnDataJSON")
        )
        let response = Response(status: .ok, body: .init(data: try PersonalDataExport.json(document)))
        response.headers.contentType = HTTPMediaType.json
        response.headers.replaceOrAdd(name: HTTPHeaders.Name.cacheControl, value: "no-store")
        return response
    }
}
