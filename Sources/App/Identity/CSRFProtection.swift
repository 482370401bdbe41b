import Crypto
import Vapor

/// CSRF protection for every state-changing request: the form's `_csrf` field, or the
/// `X-CSRF-Token` header, must carry the browser's token, and a present `Origin` must be this site.
///
/// A signed-in browser's token is bound to its session: it is derived from the session cookie
/// (`token(forSession:)`), so a token from another session, or one planted in a cookie, is
/// refused, and every login and logout changes it. Before anyone is signed in (the login and
/// activation forms) it is a double-submit cookie, `__Host-almen-csrf`, new at login and logout.
/// Pages get the token from `request.csrfToken`, which also sets the cookie when an anonymous
/// browser has none.
struct CSRFProtection: AsyncMiddleware {
    /// Paths that are not ours to protect: the sandbox identity providers' own endpoints.
    let exemptPrefixes: [String]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Whatever the route (the sandbox mounted in the app too): nothing may hand Vapor's
        // multipart parser a body it traps on.
        try MultipartForms.refuseUnusable(request.headers)
        if [.POST, .PUT, .PATCH, .DELETE].contains(request.method),
            !exemptPrefixes.contains(where: { request.url.path.hasPrefix($0) })
        {
            try await verify(request)
        }
        let response = try await next.respond(to: request)
        if let issued = request.storage[IssuedCSRFKey.self] {
            response.cookies[SessionCookie.csrf] = SessionCookie.value(issued, maxAge: nil, sameSite: .strict)
        }
        return response
    }

    private func verify(_ request: Request) async throws {
        if let origin = request.headers.first(name: .origin), let host = request.headers.first(name: .host) {
            guard Self.authority(ofOrigin: origin)?.lowercased() == host.lowercased() else { throw CSRFFailure() }
        }
        guard let expected = request.expectedCSRFToken else { throw CSRFFailure() }
        var submitted = request.headers.first(name: "X-CSRF-Token")
        let contentType = request.headers.contentType
        let isForm =
            contentType == .urlEncodedForm || MultipartForms.isFormData(request.headers)
        if submitted == nil, isForm {
            // A form (no JavaScript, so no header): read its _csrf field. A large body may still
            // be streaming; collect it here with the route's own limit, so the route reads it too.
            if request.body.data == nil {
                let routeLimit = request.route?.maxBody ?? request.application.routes.defaultMaxBodySize.value
                // Nobody is known yet: a caller without a session cookie gets no more than an
                // anonymous form needs (the login forms), whatever the route takes from residents.
                let signedIn = request.sessionCookie != nil
                let limit = signedIn ? routeLimit : min(routeLimit, Self.anonymousLimit)
                _ = try await request.body.collect(max: limit).get()
            }
            if MultipartForms.isFormData(request.headers), let boundary = MultipartForms.boundary(of: request.headers),
                let body = request.body.data
            {
                // An upload: its first fields only; the route parses the files, once.
                submitted = MultipartForms.field("_csrf", of: body, boundary: boundary)
            } else {
                submitted = try? request.content.get(String.self, at: "_csrf")
            }
        }
        guard let submitted,
            Data(SHA256.hash(data: Data(submitted.utf8))) == Data(SHA256.hash(data: Data(expected.utf8)))
        else {
            throw CSRFFailure()
        }
    }
}

extension CSRFProtection {
    /// The token of the session whose cookie is `session`: an HMAC of a fixed label keyed with the
    /// session's secret. Only the browser holding the cookie (HttpOnly, so not even the page's
    /// scripts) and this server can make it; the database holds only the session's hash.
    static func token(forSession session: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Data("almen-csrf".utf8),
            using: SymmetricKey(data: Data(session.utf8))
        )
        return Data(code).base64URL
    }

    /// The most of a form read from a caller with no session: 64 kB.
    static let anonymousLimit = 64 * 1024

    /// `host[:port]` of an `Origin` header, as the browser writes it in `Host` for the same site;
    /// nil for `null` or anything that is not an origin.
    static func authority(ofOrigin origin: String) -> String? {
        guard let components = URLComponents(string: origin), let host = components.host, !host.isEmpty,
            ["http", "https"].contains(components.scheme ?? ""), components.path.isEmpty
        else { return nil }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}

/// A state-changing request without a valid CSRF token: 403 with a message that says what to do.
struct CSRFFailure: Error {}

private struct IssuedCSRFKey: StorageKey { typealias Value = String }

extension Request {
    /// The CSRF token for forms on this page: the session's own when signed in; before that the
    /// browser's cookie, or a new one set on the response. A session cookie that no longer opens
    /// a session is cleared on this response, so its form is one from before a login.
    var csrfToken: String {
        if principal != nil, let session = sessionCookie { return CSRFProtection.token(forSession: session) }
        if let existing = cookie(SessionCookie.csrf), !existing.isEmpty { return existing }
        if let issued = storage[IssuedCSRFKey.self] { return issued }
        let token = application.dependencies.token()
        storage[IssuedCSRFKey.self] = token
        return token
    }

    /// The session cookie's value, if the browser sends one.
    fileprivate var sessionCookie: String? {
        cookie(SessionCookie.session).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// What a state-changing request must carry: the session's token, or before a login the
    /// CSRF cookie; nil when there is neither.
    fileprivate var expectedCSRFToken: String? {
        if let session = sessionCookie { return CSRFProtection.token(forSession: session) }
        return cookie(SessionCookie.csrf).flatMap { $0.isEmpty ? nil : $0 }
    }
}
