import Vapor

/// The UI language: Danish first, English second.
public enum Language: String, Codable, CaseIterable, Sendable {
    case da
    case en

    /// The other language, for the switch in the header.
    public var other: Language { self == .da ? .en : .da }

    /// Picks the language from `?lang=`, then the `lang` cookie, else Danish.
    static func of(_ request: Request) -> Language {
        if request.url.query != nil, let query = request.query[String.self, at: "lang"],
            let language = Language(rawValue: query)
        {
            return language
        }
        if let cookie = request.cookie("lang"), let language = Language(rawValue: cookie) {
            return language
        }
        return .da
    }
}

/// Remembers a language chosen with `?lang=` in a cookie, so that the switch works without
/// JavaScript and survives navigation.
struct LanguageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.url.query != nil, let query = request.query[String.self, at: "lang"],
            let language = Language(rawValue: query)
        {
            response.cookies["lang"] = Self.cookie(language, for: request)
        }
        return response
    }

    /// The cookie that keeps `language` for a year: set by the switch, by a member of staff's
    /// choice in "Mine indstillinger", and at their login from that choice.
    static func cookie(_ language: Language, for request: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: language.rawValue,
            maxAge: 365 * 24 * 3600,
            path: "/",
            isSecure: request.application.environment == .production,
            isHTTPOnly: true,
            sameSite: .lax
        )
    }
}

extension Request {
    private struct LanguageKey: StorageKey { typealias Value = Language }

    /// The visitor's language, worked out once per request (a page asks for it many times, and
    /// reading the query string decodes it each time).
    public var language: Language {
        if let known = storage[LanguageKey.self] { return known }
        let language = Language.of(self)
        storage[LanguageKey.self] = language
        return language
    }
}
