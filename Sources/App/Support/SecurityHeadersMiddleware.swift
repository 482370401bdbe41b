import Vapor

/// Security headers on every response: no inline script, no framing, no MIME sniffing, no
/// referrer to other sites; HSTS in production (which runs behind TLS).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let production: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers: [(String, String)] = [
            (
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
            ),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        ]
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if production {
            response.headers.replaceOrAdd(
                name: "Strict-Transport-Security",
                value: "max-age=31536000; includeSubDomains"
            )
        }
        return response
    }
}
