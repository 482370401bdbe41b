import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

/// What anyone may do without being known is braked per client: logins started, refused logins
/// written to the audit log, and wrong tokens on the Digital Post push endpoints.
@Suite("Per-client brakes")
struct ClientThrottlesTests {
    @Test func aClientStartsAHundredLoginsAMinuteAndTheRefusedOnesFillNoMoreThanTenAuditRows() async throws {
        // Running: a start reads the sandbox provider's discovery over HTTP.
        try await withTestApp(running: true) { app in
            let start = SiteRoute.loginStart(.resident).path
            for _ in 0..<100 {
                try await app.testing().test(.GET, start) { res async in #expect(res.status == .seeOther) }
            }
            try await app.testing().test(.GET, start) { res async in
                #expect(res.status == .tooManyRequests)
                #expect(res.body.string.contains("Der er startet for mange login fra din forbindelse"))
            }
            #expect(try await LoginAttempt.query(on: app.db).count() == 100)

            // Callbacks anyone can make fail: each is refused, a few are audited.
            for _ in 0..<12 {
                try await app.testing().test(.GET, SiteRoute.loginCallback(.resident).path + "?state=x&code=y") {
                    res async in #expect(res.status == .badRequest)
                }
            }
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.loginRefused.rawValue).count()
                    == 10
            )
        }
    }

    @Test func tenWrongPushTokensStopTheClientForTenMinutesEvenWithTheRightOne() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let token = try #require(app.almenConfig.digitalPost?.pushToken)
            let path = SiteRoute.digitalPostReceipt.path
            func push(_ authorization: String) async throws -> HTTPStatus {
                var status = HTTPStatus.ok
                try await app.testing().test(
                    .POST,
                    path,
                    headers: ["Authorization": authorization, "Content-Type": "application/json"],
                    body: ByteBuffer(string: "{not json")
                ) { res async in status = res.status }
                return status
            }
            // The right token passes (and the body is refused as it is).
            #expect(try await push("Basic \(token)") == .badRequest)
            for _ in 0..<10 { #expect(try await push("Basic guess") == .unauthorized) }
            #expect(try await push("Basic guess") == .tooManyRequests)
            #expect(try await push("Basic \(token)") == .tooManyRequests)
            clock.advance(by: 601)
            #expect(try await push("Basic \(token)") == .badRequest)
        }
    }
}
