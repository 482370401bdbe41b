import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// SQLite in one process with several apps, as the test suite runs it: connections waiting for
/// the write lock never keep the connection that holds it from committing (`sqliteThreadPool`).
@Suite struct SQLiteContentionTests {
    /// In each of two apps one connection holds the write lock for a moment while every other
    /// connection of the app tries to write. On the process-wide pool, a thread per core, the
    /// waiters took every thread, the holders never committed, and the suite stopped for good.
    @Test(.timeLimit(.minutes(1)))
    func writersWaitingForTheLockLetItsHolderCommit() async throws {
        async let first = Self.contend()
        async let second = Self.contend()
        let rows = try await [first, second]
        for (written, expected) in rows {
            #expect(written == expected)
        }
    }

    /// Every connection of the app waits for the lock by sleeping, for a bounded time, instead of
    /// sqlite-nio's endless busy loop that burnt a core per waiter; readers do not wait at all.
    @Test(.enabled(if: TestDatabase.postgresURL == nil, "SQLite's settings"))
    func everyConnectionWaitsForTheLockBySleepingAndTheFileKeepsAWriteAheadLog() async throws {
        try await withTestApp { app in
            struct Timeout: Decodable { let timeout: Int }
            struct Journal: Decodable { let journal_mode: String }
            for loop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(
                    app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase
                )
                let timeout = try await sql.raw("PRAGMA busy_timeout").first(decoding: Timeout.self)
                let journal = try await sql.raw("PRAGMA journal_mode").first(decoding: Journal.self)
                #expect(timeout?.timeout == 10000)
                #expect(journal?.journal_mode == "wal")
            }
        }
    }

    /// One holder and a waiter per other event loop; the rows written and the rows expected.
    private static func contend() async throws -> (Int, Int) {
        let app = try await Application.make(.testing)
        do {
            try useDatabase(app, config: AppConfig(database: .sqlite(path: ":memory:"), cprKeys: .demo))
            let loops = Array(app.eventLoopGroup.makeIterator())
            @Sendable func sql(_ loop: any EventLoop) throws -> any SQLDatabase {
                guard let sql = app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase else {
                    throw Abort(.internalServerError, reason: "no SQLite database")
                }
                return sql
            }
            try await sql(loops[0]).raw("CREATE TABLE contention (n INTEGER)").run()
            let holder = try #require(app.databases.database(.sqlite, logger: app.logger, on: loops[0]))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await holder.transaction { transaction in
                        let sql = try #require(transaction as? any SQLDatabase)
                        try await sql.raw("INSERT INTO contention VALUES (0)").run()
                        try await Task.sleep(for: .seconds(1))
                        try await sql.raw("INSERT INTO contention VALUES (0)").run()
                    }
                }
                try await Task.sleep(for: .milliseconds(200))
                for loop in loops.dropFirst() {
                    group.addTask { try await sql(loop).raw("INSERT INTO contention VALUES (1)").run() }
                }
                try await group.waitForAll()
            }
            struct Count: Decodable { let n: Int }
            let written = try await sql(loops[0]).raw("SELECT COUNT(*) AS n FROM contention").first(
                decoding: Count.self
            )
            try await app.asyncShutdown()
            return (written?.n ?? 0, loops.count + 1)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
