import FluentPostgresDriver
import PostgresKit
import Testing
import Vapor

@testable import App

/// `withLeasedConnection` answers the pool's error when there is no connection to lease: it
/// never hangs, and never leaves a promise behind (which stops a debug build, as these tests
/// run).
@Suite("Leasing a connection") struct PostgresLeaseTests {
    @Test func noServerIsThePoolsErrorEveryTime() async throws {
        let app = try await Application.make(.testing)
        // Nothing listens on port 1: every connection attempt is refused.
        var configuration = SQLPostgresConfiguration(
            hostname: "127.0.0.1",
            port: 1,
            username: "almen",
            password: nil,
            database: "almen",
            tls: .disable
        )
        configuration.coreConfiguration.options.connectTimeout = .seconds(1)
        app.databases.use(.postgres(configuration: configuration, connectionPoolTimeout: .seconds(2)), as: .psql)
        do {
            let postgres = try #require(app.db as? any PostgresDatabase)
            await #expect(throws: (any Error).self) {
                try await postgres.withLeasedConnection { _ in 1 }
            }
            // A second lease after the failure fails the same way, without waiting forever.
            await #expect(throws: (any Error).self) {
                try await postgres.withLeasedConnection { _ in 2 }
            }
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
