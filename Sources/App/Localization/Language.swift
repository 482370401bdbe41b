import Vapor

/// The UI language: Danish first, English second.
public enum Language: String, Codable, CaseIterable, Sendable {
    case da
    case en

    /// The other language, for the switch in the header.
    public var other: Language { self == .da ? .en : .da }

    /// Picks the language from `?lang=`, then the `lang` cookie, else Danish.
    static func of(_ request: Request) -> Language {
        if let query = request.query[String.self, at: "lang"], let language = Language(rawValue: query) {
            return language
        }
        if let cookie = request.cookies["lang"]?.string, let language = Language(rawValue: cookie) {
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
        if let query = request.query[String.self, at: "lang"], let language = Language(rawValue: query) {
            response.cookies["lang"] = HTTPCookies.Value(
                string: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
                isSecure: request.application.environment == .production,
                isHTTPOnly: true, sameSite: .lax
            )
        }
        return response
    }
}

extension Request {
    public var language: Language { Language.of(self) }
}
