import Fluent
import SQLKit
import Vapor

/// Liveness and readiness for load balancers and orchestrators.
enum HealthController {
    struct Status: Encodable {
        let status: String
        let database: String?
    }

    /// The process is up.
    @Sendable
    static func live(_ req: Request) async throws -> Response {
        try JSONResponse.ok(Status(status: "ok", database: nil))
    }

    /// The process can serve: the database answers.
    @Sendable
    static func ready(_ req: Request) async throws -> Response {
        do {
            guard let sql = req.db as? any SQLDatabase else { throw Abort(.internalServerError) }
            _ = try await sql.raw("SELECT 1 AS ok").first()
            return try JSONResponse.ok(Status(status: "ok", database: "ok"))
        } catch {
            req.logger.warning("Readiness check: database unavailable")
            return try JSONResponse.make(
                Status(status: "unavailable", database: "unavailable"),
                status: .serviceUnavailable
            )
        }
    }
}
