import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Health")
struct HealthTests {
    @Test func liveAndReadyAnswerOKWithADatabase() async throws {
        try await withTestApp { app in
            try await app.testing().test(.GET, "/health/live") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string == #"{"status":"ok"}"#)
            }
            try await app.testing().test(.GET, "/health/ready") { res async in
                #expect(res.status == .ok)
                #expect(res.body.string == #"{"database":"ok","status":"ok"}"#)
            }
        }
    }
}
