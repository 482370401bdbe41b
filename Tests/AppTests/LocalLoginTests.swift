import Fluent
import Foundation
import Testing
import Vapor

@testable import App

/// Local staff accounts: password and TOTP, lock-out, no replay of a code, CSRF.
@Suite("Local staff login")
struct LocalLoginTests {
    static func secret(_ credentials: LocalAccounts.Credentials, on app: Application) async throws -> Data {
        let staff = try #require(try await StaffUser.query(on: app.db).filter(\.$email == credentials.email).first())
        return try SecretBox(keys: app.almenConfig.cprKeys, purpose: "totp").open(try #require(staff.totpSecret))
    }

    @Test func passwordAndOneTimeCodeLogIn() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock, running: true) { app in
            let credentials = try await LocalAccounts.provision(
                email: "Karen@Admin.example",
                name: "Karen Holm",
                role: .administrator,
                on: app.db,
                keys: app.almenConfig.cprKeys
            )
            let code = LocalAccounts.code(
                secret: try await Self.secret(credentials, on: app),
                step: LocalAccounts.step(clock.now)
            )
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            _ = try await browser.get("/log-ind/konto")

            let response = try await browser.post(
                "/log-ind/konto",
                form: [("email", "karen@admin.example"), ("password", credentials.password), ("code", code)]
            )

            #expect(response.status == 303)
            let me = try await browser.get("/api/v1/me")
            #expect(me.body.contains(#""administrator""#))
            #expect(credentials.otpauthURI.hasPrefix("otpauth://totp/Almen:karen@admin.example?secret="))
        }
    }

    @Test func aCodeWorksOnceAndFiveFailuresLockTheAccount() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock, running: true) { app in
            let credentials = try await LocalAccounts.provision(
                email: "ole@admin.example",
                name: "Ole Bach",
                role: .caseworker,
                on: app.db,
                keys: app.almenConfig.cprKeys
            )
            let secret = try await Self.secret(credentials, on: app)
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            _ = try await browser.get("/log-ind/konto")
            let code = LocalAccounts.code(secret: secret, step: LocalAccounts.step(clock.now))
            #expect(
                try await browser.post(
                    "/log-ind/konto",
                    form: [("email", credentials.email), ("password", credentials.password), ("code", code)]
                ).status == 303
            )
            _ = try await browser.post("/log-ud")

            let replay = try await browser.post(
                "/log-ind/konto",
                form: [("email", credentials.email), ("password", credentials.password), ("code", code)]
            )
            #expect(replay.status == 400)
            #expect(replay.body.contains("E-mail, adgangskode eller engangskode er forkert."))

            for _ in 0..<4 {
                _ = try await browser.post(
                    "/log-ind/konto",
                    form: [("email", credentials.email), ("password", "wrong"), ("code", "000000")]
                )
            }
            clock.advance(by: 60)
            let fresh = LocalAccounts.code(secret: secret, step: LocalAccounts.step(clock.now))
            let whileLocked = try await browser.post(
                "/log-ind/konto",
                form: [("email", credentials.email), ("password", credentials.password), ("code", fresh)]
            )
            #expect(whileLocked.status == 400)
            #expect(try await browser.get("/api/v1/me").status == 401)

            clock.advance(by: 16 * 60)
            let later = LocalAccounts.code(secret: secret, step: LocalAccounts.step(clock.now))
            #expect(
                try await browser.post(
                    "/log-ind/konto",
                    form: [("email", credentials.email), ("password", credentials.password), ("code", later)]
                ).status == 303
            )
            let refusals = try await AuditEvent.query(on: app.db).filter(\.$action == "login.refused").count()
            #expect(refusals >= 5)
        }
    }

    @Test func anUnknownAddressGetsTheSameAnswerAsAWrongPassword() async throws {
        try await withTestApp(running: true) { app in
            _ = try await LocalAccounts.provision(
                email: "a@admin.example",
                name: "A",
                role: .caseworker,
                on: app.db,
                keys: app.almenConfig.cprKeys
            )
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            _ = try await browser.get("/log-ind/konto")

            let unknown = try await browser.post(
                "/log-ind/konto",
                form: [("email", "nobody@admin.example"), ("password", "x"), ("code", "123456")]
            )
            let wrong = try await browser.post(
                "/log-ind/konto",
                form: [("email", "a@admin.example"), ("password", "x"), ("code", "123456")]
            )
            let noToken = try await browser.post(
                "/log-ind/konto",
                form: [("email", "a@admin.example"), ("password", "x"), ("code", "123456")],
                csrf: ""
            )

            #expect(unknown.status == wrong.status)
            #expect(unknown.body.contains("E-mail, adgangskode eller engangskode er forkert."))
            #expect(wrong.body.contains("E-mail, adgangskode eller engangskode er forkert."))
            #expect(noToken.status == 403)
        }
    }
}
