import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// Statements prepared by their text (`preparedRows`): the same rows as the unprepared
/// statement, on both databases, whatever the binds.
@Suite("Prepared statements by text")
struct PreparedSQLTests {
    struct Row: Decodable, Sendable, Equatable {
        let id: UUID
        let number: String
        let missing: String?
        let flag: Bool
    }

    static func query(_ organisation: UUID, missing: String?, after: Date) -> SQLQueryString {
        """
        SELECT o.id, o.cvr AS number, CAST(\(bind: missing) AS TEXT) AS missing, \(bind: true) AS flag
        FROM housing_organisations o
        WHERE o.id <> \(bind: organisation) AND \(bind: after) < \(bind: Date()) ORDER BY o.cvr LIMIT \(bind: 5)
        """
    }

    @Test func aPreparedStatementGivesTheRowsTheUnpreparedOneDoesEveryTime() async throws {
        try await withTestApp(seedHomes: 30) { app in
            let sql = try app.db.sql()
            let nobody = UUID()
            // No NULL bind: a statement with one runs unprepared.
            let query = Self.query(nobody, missing: "x", after: Date(timeIntervalSince1970: 0))
            let plain = try await sql.raw(query).rows(decoding: Row.self)
            #expect(!plain.isEmpty && plain.allSatisfy { $0.missing == "x" && $0.flag })
            // Again and again: on PostgreSQL the statement is prepared once per connection and reused.
            for _ in 0..<12 {
                #expect(try await sql.raw(query).preparedRows(decoding: Row.self) == plain)
            }
            // The same text with other binds: the same statement; with a NULL, unprepared.
            let other = Self.query(nobody, missing: "y", after: Date(timeIntervalSince1970: 0))
            #expect(try await sql.raw(other).preparedRows(decoding: Row.self).allSatisfy { $0.missing == "y" })
            let null = Self.query(nobody, missing: nil, after: Date(timeIntervalSince1970: 0))
            #expect(try await sql.raw(null).preparedRows(decoding: Row.self).allSatisfy { $0.missing == nil })
            #expect(try await sql.raw(query).preparedFirst(decoding: Row.self) == plain.first)
            // A statement that fails fails as an error, and the next one runs.
            await #expect(throws: (any Error).self) {
                try await sql.raw("SELECT no_such_column FROM housing_organisations").preparedRows(decoding: Row.self)
            }
            #expect(try await sql.raw(query).preparedRows(decoding: Row.self) == plain)
        }
    }

    @Test func eachTextHasItsOwnNameWithinPostgreSQLsLimit() {
        let one = PreparedText.name(of: "SELECT 1")
        #expect(one == PreparedText.name(of: "SELECT 1"))
        #expect(one != PreparedText.name(of: "SELECT 2"))
        #expect(one.hasPrefix("almen_t_") && one.utf8.count <= 63)
        // SHA-256("SELECT 1") begins e004ebd5 b5532a4b 85984a62 f8ad48a8.
        #expect(one == "almen_t_e004ebd5b5532a4b85984a62f8ad48a8")
    }
}
