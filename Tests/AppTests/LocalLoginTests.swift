import Fluent
import Foundation
import SQLKit
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

    @Test func failuresLockTheAccountForTheirClientOnlyAndOnlyATrustedProxyNamesTheClient() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock, running: true) { app in
            let credentials = try await LocalAccounts.provision(
                email: "mads@admin.example",
                name: "Mads Holm",
                role: .administrator,
                on: app.db,
                keys: app.almenConfig.cprKeys
            )
            let secret = try await Self.secret(credentials, on: app)
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            _ = try await browser.get("/log-ind/konto")
            func login(from client: String, password: String) async throws -> Int {
                clock.advance(by: 30)
                let code = LocalAccounts.code(secret: secret, step: LocalAccounts.step(clock.now))
                let page = try await browser.post(
                    "/log-ind/konto",
                    form: [("email", credentials.email), ("password", password), ("code", code)],
                    headers: [("X-Forwarded-For", client)]
                )
                if page.status == 303 { _ = try await browser.post("/log-ud") }
                return page.status
            }
            // Not behind a trusted proxy: X-Forwarded-For is the client's own word and is ignored,
            // so five failures "from" five addresses lock this one connection's address.
            for client in ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"] {
                #expect(try await login(from: client, password: "wrong") == 400)
            }
            #expect(try await login(from: "198.51.100.9", password: credentials.password) == 400)
            clock.advance(by: 16 * 60)
            #expect(try await login(from: "198.51.100.9", password: credentials.password) == 303)

            // Behind a trusted proxy, the client is the address the proxy saw: someone failing on
            // purpose locks the account for themselves, not for the administrator elsewhere.
            app.almenConfig.trustedProxies = ["127.0.0.1"]
            for _ in 0..<5 {
                #expect(try await login(from: "10.0.0.1, 203.0.113.66", password: "wrong") == 400)
            }
            #expect(try await login(from: "203.0.113.66", password: credentials.password) == 400)
            #expect(try await login(from: "198.51.100.9", password: credentials.password) == 303)
            // A forged left-hand entry does not move the guesser to another client.
            #expect(try await login(from: "198.51.100.9, 203.0.113.66", password: credentials.password) == 400)
            clock.advance(by: 16 * 60)
            #expect(try await login(from: "203.0.113.66", password: credentials.password) == 303)
        }
    }

    @Test func parallelFailuresAreEachCountedAndOldOnesArePurged() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let credentials = try await LocalAccounts.provision(
                email: "lis@admin.example",
                name: "Lis Dal",
                role: .caseworker,
                on: app.db,
                keys: app.almenConfig.cprKeys
            )
            let staff = try #require(
                try await StaffUser.query(on: app.db).filter(\.$email == credentials.email).first()
            ).requireID()
            let failures = LoginFailures(database: app.db)
            let now = clock.now
            let locked = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<(LocalAccounts.maxFailures * 2) {
                    group.addTask { try await failures.record(staff: staff, client: "203.0.113.7", now: now) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            // Ten failures in parallel are two full rounds of five: each locked once.
            #expect(locked == 2)
            // Locked for the guessing client for 15 minutes; ten failures in an hour also slow the
            // account down for a minute for everyone.
            let minuteLater = now.addingTimeInterval(LoginFailures.slowDown + 1)
            #expect(try await failures.lockedUntil(staff: staff, client: "203.0.113.7", now: minuteLater) != nil)
            #expect(try await failures.lockedUntil(staff: staff, client: "198.51.100.1", now: minuteLater) == nil)
            try await failures.record(staff: staff, client: "198.51.100.1", now: now)

            guard let sql = app.db as? any SQLDatabase else { return }
            struct Count: Decodable { let n: Int }
            func rows() async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM login_failures").first(decoding: Count.self)?.n ?? -1
            }
            try await LoginFailures.purge(now: now.addingTimeInterval(2 * 60 * 60), on: sql)
            #expect(try await rows() == 2)
            try await LoginFailures.purge(now: now.addingTimeInterval(25 * 60 * 60), on: sql)
            #expect(try await rows() == 0)
        }
    }

    @Test(
        "A client is its address without port or brackets, and an IPv6 address its /64",
        arguments: [
            ("203.0.113.7", "203.0.113.7"),
            ("203.0.113.7:5678", "203.0.113.7"),
            (" 203.0.113.7 ", "203.0.113.7"),
            ("::ffff:203.0.113.7", "203.0.113.7"),
            ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
            ("2001:DB8:1:2::9", "2001:db8:1:2::/64"),
            ("[2001:db8:0001:0002:ffff::1]:443", "2001:db8:1:2::/64"),
            ("2001:db8::1", "2001:db8:0:0::/64"),
            ("::1", "0:0:0:0::/64"),
        ]
    )
    func clientKeys(address: String, key: String) {
        #expect(ClientAddress.key(address) == key)
    }

    @Test func guessingFromManyClientsSlowsTheAccountDownForAMinute() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let credentials = try await LocalAccounts.provision(
                email: "eva@admin.example",
                name: "Eva Lund",
                role: .administrator,
                on: app.db,
                keys: app.almenConfig.cprKeys
            )
            let staff = try #require(
                try await StaffUser.query(on: app.db).filter(\.$email == credentials.email).first()
            ).requireID()
            let failures = LoginFailures(database: app.db)
            for client in 0..<(LoginFailures.accountFailures - 1) {
                try await failures.record(staff: staff, client: "198.51.100.\(client)", now: clock.now)
            }
            #expect(try await failures.lockedUntil(staff: staff, client: "203.0.113.1", now: clock.now) == nil)
            try await failures.record(staff: staff, client: "198.51.100.99", now: clock.now)
            // The tenth failure within the hour: every client waits a minute, no longer.
            #expect(try await failures.lockedUntil(staff: staff, client: "203.0.113.1", now: clock.now) != nil)
            clock.advance(by: LoginFailures.slowDown + 1)
            #expect(try await failures.lockedUntil(staff: staff, client: "203.0.113.1", now: clock.now) == nil)
            clock.advance(by: 3600)
            try await failures.record(staff: staff, client: "198.51.100.1", now: clock.now)
            #expect(try await failures.lockedUntil(staff: staff, client: "203.0.113.1", now: clock.now) == nil)
        }
    }

    @Test func theThrottleForgetsClientsWhoseWindowHasPassed() async {
        let throttle = ClientThrottle(limit: 2, window: 60)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for client in 0...ClientThrottle.pruneAbove {
            #expect(await throttle.allow(key: "10.0.\(client / 256).\(client % 256)", now: start))
        }
        #expect(await throttle.clients == ClientThrottle.pruneAbove + 1)
        #expect(await throttle.allow(key: "late", now: start.addingTimeInterval(61)))
        #expect(await throttle.clients == 1)
        #expect(await throttle.allow(key: "late", now: start.addingTimeInterval(62)))
        #expect(await !throttle.allow(key: "late", now: start.addingTimeInterval(63)))
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
