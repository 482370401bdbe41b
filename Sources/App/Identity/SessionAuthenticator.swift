import Fluent
import Vapor

/// Finds the session of the request's cookie, applies the idle and absolute timeouts, and sets
/// `request.principal`. An unknown or expired cookie is cleared.
struct SessionAuthenticator: AsyncMiddleware {
    /// `last_seen_at` is written at most this often, not on every request.
    static let touchInterval: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[SessionCookie.session]?.string, !token.isEmpty else {
            return try await next.respond(to: request)
        }
        let now = request.application.dependencies.now()
        var clear = false
        if let session = try await UserSession.query(on: request.db).filter(\.$tokenHash == PKCE.hash(token)).first() {
            if session.isExpired(at: now) {
                try await session.delete(on: request.db)
                clear = true
            } else if let principal = try await principal(for: session, on: request.db) {
                request.principal = principal
                if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
                    session.lastSeenAt = now
                    try await session.update(on: request.db)
                }
            } else {
                try await session.delete(on: request.db)
                clear = true
            }
        } else {
            clear = true
        }
        let response = try await next.respond(to: request)
        if clear, response.cookies[SessionCookie.session] == nil {
            response.cookies[SessionCookie.session] = SessionCookie.expired
        }
        return response
    }

    private func principal(for session: UserSession, on database: any Database) async throws -> Principal? {
        let sessionID = try session.requireID()
        switch session.principalKind {
        case .resident:
            guard let person = try await session.$person.get(on: database) else { return nil }
            return Principal(kind: .resident, id: try person.requireID(), name: person.fullName, sessionID: sessionID, authTime: session.authTime)
        case .staff:
            guard let staff = try await session.$staffUser.get(on: database), staff.active else { return nil }
            return Principal(kind: .staff, id: try staff.requireID(), name: staff.name, sessionID: sessionID, authTime: session.authTime)
        }
    }
}
