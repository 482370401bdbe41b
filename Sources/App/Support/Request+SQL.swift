import Fluent
import SQLKit
import Vapor

extension Request {
    /// The request's database for SQLKit queries. Both supported databases (SQLite and PostgreSQL)
    /// are SQL databases, so this fails only on a misconfiguration.
    var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "The database is not an SQL database.") }
            return sql
        }
    }
}

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
