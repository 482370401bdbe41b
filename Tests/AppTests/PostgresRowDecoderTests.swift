import AlmenDomain
import Fluent
import Foundation
import PostgresKit
import PostgresNIO
import SQLKit
import Testing

@testable import App

/// Page queries' rows decode the same through `rows(decoding:)` as through SQLKit's decoder, on
/// both databases (on PostgreSQL the fast path, on SQLite SQLKit's own).
@Suite("Decoding page rows")
struct PostgresRowDecoderTests {
    struct Row: Decodable, Equatable, Sendable {
        let id: UUID
        let text: String
        let empty: String?
        let number: Int
        let flag: Bool
        let at: Date
        let status: CaseStatus
        let absent: String?
        let maybeNumber: Int?
    }

    @Test func aRowDecodesAsSQLKitDecodesIt() async throws {
        try await withTestApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let id = UUID()
            let at = Date(timeIntervalSince1970: 1_795_000_000)
            let nothing: String? = nil
            let query = sql.raw(
                """
                SELECT \(bind: id) AS id, \(bind: "Æblevej 3, st. tv.") AS text, \(bind: nothing) AS empty,
                  \(bind: 42) AS number, \(bind: true) AS flag, \(bind: at) AS at, 'open' AS status,
                  CAST(NULL AS BIGINT) AS "maybeNumber"
                """
            )

            let fast = try await query.rows(decoding: Row.self)
            let sqlKit = try await query.all(decoding: Row.self)

            #expect(fast == sqlKit)
            if let postgres = app.db as? any PostgresDatabase {
                // Decoded by the fast path itself, not by its fallback.
                let rows = try await postgres.query(
                    "SELECT gen_random_uuid() AS id, 'a' AS text, NULL AS empty, 42::bigint AS number, true AS flag, now() AS at, 'open' AS status"
                ).get().rows
                #expect(try rows.map { try PostgresRowDecoder.fast(Row.self, from: $0) }.count == 1)
            }
            #expect(
                fast == [
                    Row(
                        id: id,
                        text: "Æblevej 3, st. tv.",
                        empty: nil,
                        number: 42,
                        flag: true,
                        at: at,
                        status: .open,
                        absent: nil,
                        maybeNumber: nil
                    )
                ]
            )
        }
    }

    /// Fields are found by the next column's name, else by name anywhere: columns in another
    /// order than the fields, a column no field reads and a field with no column decode the same.
    @Test(arguments: [
        "SELECT \(Self.columns.joined(separator: ", "))",
        "SELECT \(Self.columns.reversed().joined(separator: ", "))",
        "SELECT 'x' AS unread, \([3, 0, 5, 1, 4, 2].map { Self.columns[$0] }.joined(separator: ", ")), 'y' AS \"alsoUnread\"",
    ])
    func columnsInAnyOrderDecodeTheSame(_ statement: String) async throws {
        try await withTestApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let query = sql.raw(SQLQueryString(statement))
            let fast = try await query.rows(decoding: Fields.self)
            #expect(fast == (try await query.all(decoding: Fields.self)))
            #expect(
                fast == [
                    Fields(text: "a", empty: nil, number: 42, flag: true, status: .open, absent: nil, maybeNumber: 7)
                ]
            )
            if let postgres = app.db as? any PostgresDatabase {
                let rows = try await postgres.query(statement).get().rows
                #expect(try rows.map { try PostgresRowDecoder.fast(Fields.self, from: $0) } == fast)
            }
        }
    }

    struct Fields: Decodable, Equatable, Sendable {
        let text: String
        let empty: String?
        let number: Int
        let flag: Bool
        let status: CaseStatus
        let absent: String?
        let maybeNumber: Int?
    }

    /// The columns of `Fields`, as both databases write them.
    static let columns = [
        "'a' AS text", "CAST(NULL AS TEXT) AS empty", "42 AS number", "1 = 1 AS flag", "'open' AS status",
        "7 AS \"maybeNumber\"",
    ]

    @Test func theBindsOfPageQueriesAreSentAsTheyAre() {
        var bindings = PostgresBindings()
        let nothing: String? = nil
        let binds: [any Encodable & Sendable] = [UUID(), "tekst", nothing, 7, true, Date(), [UUID()], Optional("x")]

        #expect(binds.allSatisfy { PostgresBinds.append($0, to: &bindings) })
        #expect(bindings.count == binds.count)
        let dictionary: [String: Int] = ["a": 1]
        #expect(!PostgresBinds.append(dictionary, to: &bindings), "left to PostgresKit")
    }

    @Test func aColumnOfTheWrongTypeIsAnErrorAsWithSQLKit() async throws {
        try await withTestApp { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let query = sql.raw("SELECT 'x' AS id, 'a' AS text, 1 AS number")
            struct Wrong: Decodable, Sendable { let id: UUID }

            await #expect(throws: (any Error).self) { try await query.rows(decoding: Wrong.self) }
        }
    }
}
