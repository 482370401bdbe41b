import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// `almen bench portal` drives the real "Mit hjem" page over HTTP with signed-in residents, counts
/// only 200 answers as successes, and leaves no session behind. (The figures themselves are the
/// command's output, never asserted here.)
@Suite("Portal benchmark")
struct PortalBenchmarkTests {
    @Test func everyRequestIsASignedInHomePageAndTheSessionsAreRemoved() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let result = try await PortalBenchmark.run(
                app: app,
                port: try freeLoopbackPort(),
                rate: 20,
                seconds: 1,
                warmUp: 0,
                sessions: 5
            )

            #expect(result.requests == 20)
            #expect(result.errors == 0)
            #expect(result.sessions == 5)
            #expect(result.homes == 20)
            #expect(result.p50 > 0 && result.p50 <= result.p99 && result.p99 <= result.max)
            #expect(try await UserSession.query(on: app.db).count() == 0)
        }
    }

    /// An answer other than 200 (here a resident sent to a staff page) counts as an error.
    @Test func anAnswerOtherThan200IsAnError() async throws {
        try await withTestApp(seedHomes: 20) { app in
            let result = try await PortalBenchmark.run(
                app: app,
                port: try freeLoopbackPort(),
                rate: 10,
                seconds: 1,
                warmUp: 0,
                sessions: 2,
                path: SiteRoute.letters.path
            )

            #expect(result.requests == 10)
            #expect(result.errors == 10)
        }
    }
}
