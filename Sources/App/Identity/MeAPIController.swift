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
                id: principal.id.uuidString.lowercased(),
                name: principal.name,
                roles: roles.map(\.rawValue),
                authenticatedAt: principal.authTime
            )
        )
    }
}
