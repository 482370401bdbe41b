import Crypto
import Foundation
import PostgresKit
import PostgresNIO
import SQLKit

extension SQLQueryFetcher {
    /// Every row, as `rows(decoding:)` gives them, but on PostgreSQL as a named prepared
    /// statement, parsed and planned once per connection and named by a hash of its text. For a
    /// page's statements, which run on every request.
    ///
    /// PostgreSQL plans an unnamed statement on every execution, and for a page's wide joins that
    /// is most of the cost: a case's header (eleven tables) took 5.8 ms of PostgreSQL's CPU to plan
    /// and 0.4 ms to run. `PreparedQuery` does the same for statements written as fixed text with
    /// `$n`; this takes a statement as SQLKit writes it, `\(bind:)`s and all.
    ///
    /// Each distinct text stays prepared on each connection for the connection's life: use it for
    /// a page's few statements, whose text varies at most with a caseworker's organisations (an
    /// `IN` list) or a page's filters, never with text a user typed.
    func preparedRows<Row: Decodable & Sendable>(decoding _: Row.Type) async throws -> [Row] {
        guard let postgres = database as? any PostgresDatabase else { return try await all(decoding: Row.self) }
        var serializer = SQLSerializer(database: database)
        query.serialize(to: &serializer)
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        for bind in serializer.binds {
            guard PostgresBinds.append(bind, to: &bindings) else { return try await all(decoding: Row.self) }
        }
        let (name, sql) = (PreparedText.name(of: serializer.sql), serializer.sql)
        if let level = database.queryLogLevel {
            database.logger.log(level: level, "Executing prepared statement", metadata: ["sql": .string(sql)])
        }
        let statement = TextStatement<Row>(bindings: bindings)
        let logger = database.logger
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                // PostgresNIO reads a statement's name and text from its type when it starts the
                // execution, in this task: the task says which statement it is.
                try await PreparedText.$current.withValue((name, sql)) {
                    var rows: [Row] = []
                    for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
                    return rows
                }
            }
        }.get()
    }

    /// The first row, if any (the statement should ask for one).
    func preparedFirst<Row: Decodable & Sendable>(decoding _: Row.Type) async throws -> Row? {
        try await preparedRows(decoding: Row.self).first
    }
}

/// The name and text of the statement the running task executes (`preparedRows` sets them).
enum PreparedText {
    @TaskLocal static var current: (name: String, sql: String) = ("", "")

    /// "almen_t_" and the first 128 bits of the text's SHA-256: within PostgreSQL's 63 bytes.
    static func name(of sql: String) -> String {
        "almen_t_" + SHA256.hash(data: Data(sql.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// A statement whose name and text are the running task's.
private struct TextStatement<Row: Decodable & Sendable>: PostgresPreparedStatement {
    static var name: String { PreparedText.current.name }
    static var sql: String { PreparedText.current.sql }
    let bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try PostgresRowDecoder.decode(Row.self, from: row)
    }
}
