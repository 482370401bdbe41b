import Fluent
import Foundation
import NIOConcurrencyHelpers
import PostgresKit
import PostgresNIO
import SQLKit

/// A statement a page runs on every request, written once with `$1`, `$2`, ... placeholders.
///
/// On PostgreSQL it is a named prepared statement, parsed and planned once per connection
/// (PostgresNIO keeps them by `name`): planning a five-table join cost PostgreSQL about 0.5 ms of
/// CPU each time, several times what running it costs. On SQLite, where planning is cheap, it runs
/// as an ordinary statement with the same text and binds.
protocol PreparedQuery: Sendable {
    associatedtype Row: Decodable & Sendable
    /// The SQL, with `$n` for the `n`-th bind (a bind may be used more than once).
    static var sql: String { get }
    /// The values, in order.
    var binds: [SQLValue] { get }
}

/// A value bound to a prepared statement.
enum SQLValue: Sendable {
    case uuid(UUID)
    case text(String)
    case bool(Bool)
    case int(Int)
}

extension PreparedQuery {
    /// Every row.
    func all(on database: any Database) async throws -> [Row] {
        if let postgres = database as? any PostgresDatabase {
            // PostgresNIO logs a prepared statement's execution, not its text: say which one ran.
            database.logger.debug("Executing prepared statement", metadata: ["sql": "\(Self.sql)"])
            let statement = PostgresStatement(query: self)
            let logger = database.logger
            return try await postgres.withLeasedConnection { connection in
                var rows: [Row] = []
                for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                return rows
            }
        }
        return try await database.sql().raw(Self.sqliteQuery(binds)).rows(decoding: Row.self)
    }

    /// The first row, if any.
    func first(on database: any Database) async throws -> Row? {
        try await all(on: database).first
    }

    /// The SQL with each `$n` replaced by its bind, as SQLKit writes binds for SQLite.
    private static func sqliteQuery(_ binds: [SQLValue]) -> SQLQueryString {
        var query = SQLQueryString("")
        var text = Substring(sql)
        while let dollar = text.firstIndex(of: "$") {
            let digits = text[text.index(after: dollar)...].prefix(while: \.isNumber)
            guard let number = Int(digits), (1...binds.count).contains(number) else {
                query.appendLiteral(String(text[...dollar]))
                text = text[text.index(after: dollar)...]
                continue
            }
            query.appendLiteral(String(text[..<dollar]))
            switch binds[number - 1] {
            case .uuid(let value): query.appendInterpolation(bind: value)
            case .text(let value): query.appendInterpolation(bind: value)
            case .bool(let value): query.appendInterpolation(bind: value)
            case .int(let value): query.appendInterpolation(bind: value)
            }
            text = text[digits.endIndex...]
        }
        query.appendLiteral(String(text))
        return query
    }
}

/// A `PreparedQuery` as PostgresNIO prepares it: one name per query type.
private struct PostgresStatement<Query: PreparedQuery>: PostgresPreparedStatement {
    typealias Row = Query.Row
    /// The query type's full name (`App.SessionLookup.Query`), so two nested `Query` types never
    /// share a statement on a connection.
    static var name: String { StatementNames.name(of: Query.self) }
    static var sql: String { Query.sql }
    let query: Query

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: query.binds.count)
        for value in query.binds {
            switch value {
            case .uuid(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            case .bool(let value): bindings.append(value)
            case .int(let value): bindings.append(value)
            }
        }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try PostgresRowDecoder.decode(Row.self, from: row)
    }
}

/// Each query type's statement name, worked out once: PostgresNIO asks for it on every
/// execution, and `String(reflecting:)` of a nested type demangles its name each time.
private enum StatementNames {
    private static let names = NIOLockedValueBox<[ObjectIdentifier: String]>([:])

    static func name(of query: any PreparedQuery.Type) -> String {
        let id = ObjectIdentifier(query)
        if let name = names.withLockedValue({ $0[id] }) { return name }
        let name = "almen_" + String(reflecting: query).map { $0.isLetter || $0.isNumber ? $0 : "_" }
        names.withLockedValue { $0[id] = name }
        return name
    }
}
