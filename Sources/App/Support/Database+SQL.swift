import Fluent
import SQLKit
import Vapor

/// Both supported databases (SQLite and PostgreSQL) are SQL databases; a query written in SQL
/// asks for that side of a database here, and a misconfiguration is one clear error.
struct NotAnSQLDatabase: Error {}

extension Database {
    /// This database for SQLKit queries.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw NotAnSQLDatabase() }
        return sql
    }
}

extension Request {
    /// The request's database for SQLKit queries.
    var sql: any SQLDatabase {
        get throws { try db.sql() }
    }
}

/// An update that takes effect once.
enum OnceUpdate {
    /// Runs `update` (an `UPDATE … WHERE id = … AND <what must still hold>`) and says whether it
    /// changed the row: a second request (a double click, a race) finds the condition gone and
    /// changes nothing.
    static func run(_ update: SQLQueryString, on db: any Database) async throws -> Bool {
        struct Updated: Decodable { let id: UUID }
        return try await db.sql().raw(update + " RETURNING id").first(decoding: Updated.self) != nil
    }
}

extension Database {
    /// Locks the rows of `table` where `column` is `value` until the transaction ends, so two
    /// requests doing the same thing at once take turns (PostgreSQL; SQLite has one writer at a
    /// time, so nothing to do there). `table` and `column` are ours, never input.
    func lockRows(of table: String, where column: String = "id", is value: some Encodable & Sendable) async throws {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM \(ident: table) WHERE \(ident: column) = \(bind: value) FOR UPDATE").run()
    }
}
