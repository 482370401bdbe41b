import Vapor

extension Request {
    private struct ParsedCookiesKey: StorageKey { typealias Value = HTTPCookies }

    /// A cookie's value. Vapor parses the `Cookie` header on every read of `cookies`; a page reads
    /// several (session, CSRF, language), so the header is parsed once per request here.
    func cookie(_ name: String) -> String? {
        if let parsed = storage[ParsedCookiesKey.self] { return parsed[name]?.string }
        let parsed = cookies
        storage[ParsedCookiesKey.self] = parsed
        return parsed[name]?.string
    }
}
