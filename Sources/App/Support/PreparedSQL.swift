import Crypto
import Foundation
import NIOConcurrencyHelpers
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
    ///
    /// A statement with a NULL bind runs unprepared (PostgreSQL would fix the parameter's type
    /// from the first execution's binds), and so does one whose preparation or execution failed
    /// once in this process: PostgresNIO keeps a failed preparation on its connection and answers
    /// every later execution with that error, so the text is not prepared again.
    ///
    /// For a page's reads outside a transaction only: a statement PostgreSQL refuses is run again
    /// unprepared, which inside a transaction finds it aborted. A read that writes its audit
    /// (`AuditedRead`) may use it: a refused statement wrote nothing, so the second run writes
    /// the events once.
    func preparedRows<Row: Decodable & Sendable>(decoding _: Row.Type) async throws -> [Row] {
        guard let postgres = database as? any PostgresDatabase else { return try await all(decoding: Row.self) }
        var serializer = SQLSerializer(database: database)
        query.serialize(to: &serializer)
        let (name, sql) = (PreparedText.name(of: serializer.sql), serializer.sql)
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        for bind in serializer.binds {
            guard !PostgresBinds.isNull(bind), PostgresBinds.append(bind, to: &bindings) else {
                return try await rows(decoding: Row.self)
            }
        }
        guard !PreparedText.failed(name) else { return try await rows(decoding: Row.self) }
        if let level = database.queryLogLevel {
            database.logger.log(level: level, "Executing prepared statement", metadata: ["sql": .string(sql)])
        }
        let statement = TextStatement<Row>(bindings: bindings)
        let logger = database.logger
        do {
            return try await postgres.withLeasedConnection { connection in
                // PostgresNIO reads a statement's name and text from its type when it starts
                // the execution, in this task: the task says which statement it is.
                try await PreparedText.$current.withValue((name, sql)) {
                    var rows: [Row] = []
                    for try await row in try await connection.execute(statement, logger: logger) {
                        rows.append(row)
                    }
                    return rows
                }
            }
        } catch let error as PSQLError where error.code == .server {
            // PostgreSQL refused the statement (its preparation, or a plan gone stale): the text
            // runs unprepared from now on, and now (an error of the statement itself comes again).
            // Other errors (the pool, the connection, decoding) are thrown as they are.
            let state = error.serverInfo?[.sqlState] ?? ""
            // A value PostgreSQL refused (class 22, data) or a cancelled statement is this
            // request's, not the statement's: it is not run again, nor the text given up.
            if state.hasPrefix("22") || state == "57014" { throw error }
            PreparedText.fail(name)
            database.logger.warning(
                "A prepared statement was refused; its text runs unprepared from now on",
                metadata: ["statement": .string(name), "sqlstate": .string(state)]
            )
            return try await rows(decoding: Row.self)
        }
    }

    /// The first row, if any (the statement should ask for one).
    func preparedFirst<Row: Decodable & Sendable>(decoding _: Row.Type) async throws -> Row? {
        try await preparedRows(decoding: Row.self).first
    }
}

/// The name and text of the statement the running task executes (`preparedRows` sets them).
enum PreparedText {
    @TaskLocal static var current: (name: String, sql: String) = ("", "")

    /// The statements whose preparation or execution failed in this process.
    private static let failures = NIOLockedValueBox<Set<String>>([])

    static func failed(_ name: String) -> Bool { failures.withLockedValue { $0.contains(name) } }
    static func fail(_ name: String) { _ = failures.withLockedValue { $0.insert(name) } }

    /// "almen_t_" and the first 128 bits of the text's SHA-256: within PostgreSQL's 63 bytes.
    static func name(of sql: String) -> String {
        "almen_t_" + SHA256Hex.hex(SHA256.hash(data: Data(sql.utf8)).prefix(16))
    }
}

/// A statement whose name and text are the running task's.
private struct TextStatement<Row: Decodable & Sendable>: PostgresPreparedStatement {
    static var name: String {
        // Read only inside `preparedRows`; an empty name would be PostgreSQL's unnamed statement.
        precondition(!PreparedText.current.name.isEmpty, "a prepared statement's name read outside its task")
        return PreparedText.current.name
    }
    static var sql: String { PreparedText.current.sql }
    let bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try PostgresRowDecoder.decode(Row.self, from: row)
    }
}

extension SQLQueryString {
    /// `column` (constant SQL of ours) is one of `ids`. On PostgreSQL `= ANY` one array, so a
    /// prepared statement (`preparedRows`) has one text whatever the number of ids; elsewhere
    /// an `IN` list. `ids` must not be empty.
    static func oneOf(_ column: String, _ ids: [UUID], on database: any SQLDatabase) -> SQLQueryString {
        database.dialect.name == "postgresql"
            ? "\(unsafeRaw: column) = ANY(\(bind: ids))" : "\(unsafeRaw: column) IN (\(binds: ids))"
    }
}
