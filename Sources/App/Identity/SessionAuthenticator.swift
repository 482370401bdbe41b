import Fluent
import Vapor

/// Finds the session of the request's cookie, applies the idle and absolute timeouts, and sets
/// `request.principal` with its roles: one statement (`SessionLookup`), and a second at most once
/// a minute to record that the session is in use. An unknown or expired cookie is cleared.
/// Responses to a signed-in request are never stored by a browser or proxy (`no-store`): they
/// show personal data.
struct SessionAuthenticator: AsyncMiddleware {
    /// `last_seen_at` is written at most this often, not on every request.
    static let touchInterval: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookie(SessionCookie.session), !token.isEmpty else {
            return try await next.respond(to: request)
        }
        let now = request.application.dependencies.now()
        var clear = false
        if let session = try await SessionLookup.Query(tokenHash: PKCE.hash(token), today: request.today.iso).first(
            on: request.db
        ) {
            if !session.isExpired(at: now), let principal = session.principal {
                request.principal = principal
                if principal.actingEnded {
                    try await UserSession.query(on: request.db).filter(\.$id == session.session_id).set(
                        \.$actingFor,
                        to: nil
                    ).update()
                }
                if now.timeIntervalSince(session.last_seen_at) > Self.touchInterval {
                    try await UserSession.query(on: request.db).filter(\.$id == session.session_id).set(
                        \.$lastSeenAt,
                        to: now
                    ).update()
                }
            } else {
                try await UserSession.query(on: request.db).filter(\.$id == session.session_id).delete()
                clear = true
            }
        } else {
            clear = true
        }
        let response = try await next.respond(to: request)
        if clear, response.cookies[SessionCookie.session] == nil {
            response.cookies[SessionCookie.session] = SessionCookie.expired
        }
        if request.principal != nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
