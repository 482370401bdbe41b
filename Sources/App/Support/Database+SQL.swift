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
