import Vapor

/// The session and CSRF cookies: `__Host-` prefixed (Secure, path /, no domain), HttpOnly,
/// SameSite=Lax for the session so that the login redirect from the provider carries it.
enum SessionCookie {
    static let session = "__Host-almen-session"
    static let csrf = "__Host-almen-csrf"
    /// A MitID login waiting for its activation code (`PendingLink`).
    static let activation = "__Host-almen-activation"
    /// The OIDC `state` of the login this browser started: the callback must come back to the same
    /// browser, or someone could log a victim in as themselves (login CSRF).
    static let login = "__Host-almen-login"

    static func value(_ token: String, maxAge: Int?, sameSite: HTTPCookies.SameSitePolicy = .lax) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: token,
            maxAge: maxAge,
            path: "/",
            isSecure: true,
            isHTTPOnly: true,
            sameSite: sameSite
        )
    }

    /// A new CSRF token, set at login and logout so that a token from before does not carry over.
    static func freshCSRF(_ token: String) -> HTTPCookies.Value {
        value(token, maxAge: nil, sameSite: .strict)
    }

    static var expired: HTTPCookies.Value {
        HTTPCookies.Value(
            string: "",
            expires: Date(timeIntervalSince1970: 0),
            maxAge: 0,
            path: "/",
            isSecure: true,
            isHTTPOnly: true,
            sameSite: .lax
        )
    }
}
