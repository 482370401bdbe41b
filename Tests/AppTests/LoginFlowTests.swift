import AlmenDomain
import AlmenSandbox
import Fluent
import Foundation
import Testing
import Vapor

@testable import App
@testable import Sandbox

/// The whole login over real HTTP: the app's OIDC client talks to the sandbox MitID exactly as to
/// a real broker (discovery, authorize, token, JWKS).
@Suite("Login over HTTP")
struct LoginFlowTests {
    /// Logs in through the sandbox as the first person whose chooser row contains `role`.
    /// Returns the browser (signed in) and the chosen subject.
    static func logIn(
        _ browser: TestBrowser,
        audience: OIDCConfiguration.Audience = .resident,
        role: String = "Lejer,"
    ) async throws -> String {
        let (callback, subject) = try await approve(browser, start: SiteRoute.loginStart(audience).path, role: role)
        let landed = try await browser.get(callback)
        #expect(landed.status == 303, "\(landed.body)")
        return subject
    }

    /// Starts a login at `start` and approves it at the sandbox provider as the first person
    /// whose chooser row contains `role`; returns the callback URL, not yet followed, and the subject.
    static func approve(
        _ browser: TestBrowser,
        start path: String,
        role: String = "Lejer,"
    ) async throws -> (callback: String, subject: String) {
        let start = try await browser.get(path)
        #expect(start.status == 303)
        let authorize = try #require(start.location)
        let chooser = try await browser.get(authorize)
        #expect(chooser.status == 200)
        // The banner names what the sandbox stands in for: staff do not log in with MitID.
        let real = authorize.contains("/sandbox/medarbejder/") ? "administrationens rigtige login" : "det rigtige MitID"
        #expect(chooser.body.contains("Sandkasse: ikke \(real). Alle personer er opdigtede."))
        let subject = try #require(Self.subject(in: chooser.body, role: role))
        let query = try #require(URLComponents(string: authorize)?.queryItems)
        let approved = try await browser.post(
            String(authorize.prefix { $0 != "?" }),
            form: query.map { ($0.name, $0.value ?? "") } + [("subject", subject)],
            csrf: ""
        )
        #expect(approved.status == 303)
        return (try #require(approved.location), subject)
    }

    /// The subject of the chooser row whose text contains `role`.
    static func subject(in html: String, role: String) -> String? {
        for row in html.components(separatedBy: "<li").dropFirst() where row.contains(role) {
            guard let range = row.range(of: #"name="subject" value=""#) else { continue }
            return String(row[range.upperBound...].prefix { $0 != "\"" })
        }
        return nil
    }

    @Test func residentLogsInWithMitIDSeesTheirHomeAndLogsOut() async throws {
        let capture = LogCapture()
        try await withTestApp(seedHomes: 40, logger: capture.logger(level: .trace), running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }

            let subject = try await Self.logIn(browser)

            #expect(browser.cookies["__Host-almen-session"] != nil)
            let home = try await browser.get("/mit-hjem")
            #expect(home.status == 200)
            let person = try #require(try await Person.find(UUID(uuidString: subject), on: app.db))
            #expect(home.body.contains(person.fullName.htmlEscapedForTest))
            let me = try await browser.get("/api/v1/me")
            #expect(me.status == 200)
            #expect(me.body.contains(#""kind":"resident""#))
            #expect(me.body.contains(#""tenant""#))
            let leaseLink = try #require(
                home.body.range(of: #"href="/mit-hjem/lejemaal/"#).map {
                    String(home.body[$0.upperBound...].prefix(36))
                }
            )
            let lease = try await browser.get("/mit-hjem/lejemaal/\(leaseLink)")
            #expect(lease.status == 200)
            #expect(lease.body.contains("Husleje pr. måned"))

            let loggedOut = try await browser.post("/log-ud")
            #expect(loggedOut.status == 303)
            #expect(try await browser.get("/api/v1/me").status == 401)
            let audit = try await AuditEvent.query(on: app.db).sort(\.$at).all().map(\.action)
            #expect(audit.contains("login"))
            #expect(audit.contains("logout"))

            // No CPR number in any log line or any URL of the whole flow.
            let cpr = try app.cprVault.open(try #require(person.cprCiphertext))
            let formatted = cpr.digits.prefix(6) + "-" + cpr.digits.suffix(4)
            for line in capture.messages + browser.visited {
                #expect(!line.contains(cpr.digits), "\(line)")
                #expect(!line.contains(formatted), "\(line)")
            }
            #expect(capture.messages.count > 10)
        }
    }

    @Test func staffLogInWithTheStaffProviderAndGetStaffRoles() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }

            // Staff land on their cases, and an administrator's navigation leads to the rest.
            let (callback, _) = try await Self.approve(
                browser,
                start: SiteRoute.loginStart(.staff).path,
                role: "Administrator"
            )
            let landed = try await browser.get(callback)
            #expect(landed.location == SiteRoute.staffCases.path)
            let cases = try await browser.get(SiteRoute.staffCases.path)
            #expect(cases.body.contains(#"<a href="/admin">Administration</a>"#))

            let me = try await browser.get("/api/v1/me")
            #expect(me.status == 200)
            #expect(me.body.contains(#""kind":"staff""#))
            #expect(me.body.contains(#""administrator""#))
            // A member of staff has no home of their own here.
            #expect(try await browser.get("/mit-hjem").status == 303)
        }
    }

    @Test func aReplayedCallbackAndAnUnknownStateAreRefused() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let (callback, _) = try await Self.approve(browser, start: SiteRoute.loginStart(.resident).path)
            let started = try #require(browser.cookies[SessionCookie.login])
            #expect(try await browser.get(callback).status == 303)
            #expect(browser.cookies[SessionCookie.login] == nil)
            browser.forget(cookie: "__Host-almen-session")

            // Even with the login cookie back, the state has been used.
            browser.set(cookie: SessionCookie.login, to: started)
            let replayed = try await browser.get(callback)
            let forged = try await browser.get("/log-ind/mitid/retur?code=abc&state=made-up")

            for page in [replayed, forged] {
                #expect(page.status == 400)
                #expect(page.body.contains("Login-forsøget er udløbet eller blev ikke startet her. Start forfra."))
            }
            #expect(browser.cookies["__Host-almen-session"] == nil)
        }
    }

    /// Login CSRF: an attacker who logs in with their own MitID and stops before the callback
    /// cannot make a victim's browser finish the login as the attacker.
    @Test func aCallbackOpenedInAnotherBrowserIsRefused() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let attacker = TestBrowser(base: app.almenConfig.publicBaseURL)
            let victim = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer {
                Task {
                    try? await attacker.shutdown()
                    try? await victim.shutdown()
                }
            }
            let (callback, _) = try await Self.approve(attacker, start: SiteRoute.loginStart(.resident).path)

            let lured = try await victim.get(callback)
            #expect(lured.status == 400)
            #expect(lured.body.contains("Login-forsøget er udløbet eller blev ikke startet her. Start forfra."))
            #expect(victim.cookies["__Host-almen-session"] == nil)
            // The lure did not use up the attempt of the browser that started it.
            #expect(try await attacker.get(callback).status == 303)
            #expect(attacker.cookies["__Host-almen-session"] != nil)
        }
    }

    /// The `Host` a browser sends along with each `Origin`; nil where no site can match.
    @Test(
        arguments: [
            ("http://127.0.0.1:8080", "127.0.0.1:8080"),
            ("https://almen.example", "almen.example"),
            ("https://Almen.Example:8443", "almen.example:8443"),
            ("http://[::1]:8080", "[::1]:8080"),
            ("null", nil),
            ("file://", nil),
            ("ftp://almen.example", nil),
            ("https://almen.example/path", nil),
            ("", nil),
        ] as [(String, String?)]
    )
    func anOriginIsComparedWithTheHostAsAWhole(origin: String, host: String?) {
        #expect(CSRFProtection.authority(ofOrigin: origin)?.lowercased() == host)
    }

    /// Where a login may send the browser afterwards: this site's paths only.
    @Test(
        arguments: [
            ("/mit-hjem", "/mit-hjem"),
            ("/sager/1?fane=breve&x=%C3%A6", "/sager/1?fane=breve&x=%C3%A6"),
            ("//evil.example", nil),
            ("/\\evil.example", nil),
            ("/\t/evil.example", nil),
            ("/\n/evil.example", nil),
            ("/\r\n/evil.example", nil),
            ("/ /evil.example", nil),
            ("https://evil.example/", nil),
            ("mit-hjem", nil),
            ("/æ", nil),
            ("", nil),
            ("/" + String(repeating: "a", count: 600), nil),
        ] as [(String, String?)]
    )
    func onlyPathsOfThisSiteAreReturnedTo(value: String, expected: String?) {
        #expect(LoginController.safeReturnPath(value) == expected)
    }

    @Test func aReturnPathWithATabIsNotFollowedAfterLogin() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            let (callback, _) = try await Self.approve(
                browser,
                start: SiteRoute.loginStart(.resident).path + "?tilbage=/%09/evil.example"
            )
            let landed = try await browser.get(callback)
            #expect(landed.status == 303)
            #expect(landed.location == SiteRoute.myHome.path)
        }
    }

    @Test func tamperedExpiredForeignAndWrongNonceTokensAreRefused() async throws {
        try await withTestApp(seedHomes: 20, running: true) { app in
            let provider = try #require(app.sandboxProviders.first)
            let client = app.oidc(.resident)
            let person = SandboxPerson(
                subject: "s-1",
                name: "Test Person",
                cpr: "0101901234",
                email: nil,
                role: "Lejer"
            )
            let good = try await provider.signIDToken(
                for: person,
                audience: "almen-portal",
                nonce: "n-1",
                authTime: testNow
            )
            _ = try await client.verify(idToken: good, nonce: "n-1")

            let parts = good.split(separator: ".").map(String.init)
            var payload = try #require(Data(base64Encoded: Self.padded(parts[1])))
            payload = Data(
                String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "Test Person", with: "Evil Person")
                    .utf8
            )
            let tampered = [parts[0], payload.base64URL, parts[2]].joined(separator: ".")
            let expired = try await provider.signIDToken(
                for: person,
                audience: "almen-portal",
                nonce: "n-1",
                authTime: testNow,
                lifetime: -120
            )
            let foreign = try await provider.signIDToken(
                for: person,
                audience: "someone-else",
                nonce: "n-1",
                authTime: testNow
            )
            let otherIssuer = try await provider.signIDToken(
                for: person,
                audience: "almen-portal",
                nonce: "n-1",
                authTime: testNow,
                issuer: "https://evil.example"
            )

            await #expect(throws: OIDCError.invalidSignature) {
                try await client.verify(idToken: tampered, nonce: "n-1")
            }
            await #expect(throws: OIDCError.expired) { try await client.verify(idToken: expired, nonce: "n-1") }
            await #expect(throws: OIDCError.wrongAudience) { try await client.verify(idToken: foreign, nonce: "n-1") }
            await #expect(throws: OIDCError.wrongIssuer) { try await client.verify(idToken: otherIssuer, nonce: "n-1") }
            await #expect(throws: OIDCError.nonceMismatch) { try await client.verify(idToken: good, nonce: "n-2") }
            // MitID below NSIS Substantial, or no level at all said, is not enough.
            let low = try await provider.signIDToken(
                for: person,
                audience: "almen-portal",
                nonce: "n-1",
                authTime: testNow,
                levelOfAssurance: "low"
            )
            await #expect(throws: OIDCError.insufficientAssurance) {
                try await client.verify(idToken: low, nonce: "n-1")
            }
            let high = try await provider.signIDToken(
                for: person,
                audience: "almen-portal",
                nonce: "n-1",
                authTime: testNow,
                levelOfAssurance: "https://data.gov.dk/concept/core/nsis/loa/High"
            )
            _ = try await client.verify(idToken: high, nonce: "n-1")
            // MitID is asked for Substantial; the staff login is not.
            #expect(
                try await client.authorizationURL(state: "s", nonce: "n", verifier: "v").contains("acr_values=https")
            )
            #expect(
                try await !app.oidc(.staff).authorizationURL(state: "s", nonce: "n", verifier: "v").contains(
                    "acr_values"
                )
            )
            await #expect(throws: OIDCError.invalidSignature) {
                try await client.verify(idToken: "not.a.token", nonce: "n-1")
            }
        }
    }

    @Test func notYetValidTokensTokensForSeveralClientsAndAMissingAuthTimeAreHandledStrictly() async throws {
        try await withTestApp(seedHomes: 20, running: true) { app in
            let provider = try #require(app.sandboxProviders.first)
            let client = app.oidc(.resident)
            let person = SandboxPerson(
                subject: "s-1",
                name: "Test Person",
                cpr: "0101901234",
                email: nil,
                role: "Lejer"
            )
            let early = try await provider.signIDToken(
                for: person,
                audience: "almen-portal",
                nonce: "n-1",
                authTime: testNow,
                notBefore: testNow.addingTimeInterval(600)
            )
            let shared = try await provider.signIDToken(
                for: person,
                audience: "almen-portal",
                nonce: "n-1",
                authTime: testNow,
                otherAudiences: ["another-client"]
            )
            let sharedForOther = try await provider.signIDToken(
                for: person,
                audience: "almen-portal",
                nonce: "n-1",
                authTime: testNow,
                otherAudiences: ["another-client"],
                authorizedParty: "another-client"
            )
            let sharedForUs = try await provider.signIDToken(
                for: person,
                audience: "almen-portal",
                nonce: "n-1",
                authTime: testNow,
                otherAudiences: ["another-client"],
                authorizedParty: "almen-portal"
            )
            let noAuthTime = try await provider.signIDToken(
                for: person,
                audience: "almen-portal",
                nonce: "n-1",
                authTime: nil
            )

            await #expect(throws: OIDCError.tokenRejected("nbf in the future")) {
                try await client.verify(idToken: early, nonce: "n-1")
            }
            await #expect(throws: OIDCError.tokenRejected("several audiences and no azp")) {
                try await client.verify(idToken: shared, nonce: "n-1")
            }
            await #expect(throws: OIDCError.wrongAudience) {
                try await client.verify(idToken: sharedForOther, nonce: "n-1")
            }
            #expect(try await client.verify(idToken: sharedForUs, nonce: "n-1").subject == "s-1")
            // Not "now": a login whose time is unknown never counts as recent.
            #expect(try await client.verify(idToken: noAuthTime, nonce: "n-1").authTime == .distantPast)
        }
    }

    @Test func sessionsEndAfter30IdleMinutesAndLogOutEverywhereEndsThemAll() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 40, clock: clock, running: true) { app in
            let phone = TestBrowser(base: app.almenConfig.publicBaseURL)
            let laptop = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer {
                Task {
                    try? await phone.shutdown()
                    try? await laptop.shutdown()
                }
            }
            let subject = try await Self.logIn(phone)
            _ = try await Self.logIn(laptop, role: subject)
            #expect(try await laptop.get("/api/v1/me").status == 200)

            clock.advance(by: 29 * 60)
            #expect(try await phone.get("/api/v1/me").status == 200)
            clock.advance(by: 2 * 60)
            #expect(try await laptop.get("/api/v1/me").status == 401)
            #expect(try await phone.get("/api/v1/me").status == 200)

            _ = try await Self.logIn(laptop, role: subject)
            // The log-out button is on every page; loading one gives the browser its CSRF token.
            #expect(try await phone.get("/mit-hjem").status == 200)
            #expect(try await phone.post("/log-ud/alle").status == 303)
            #expect(try await laptop.get("/api/v1/me").status == 401)
            #expect(try await phone.get("/api/v1/me").status == 401)
        }
    }

    @Test func aNewLoginEndsTheBrowsersPreviousSessionAndLoginAndLogoutGiveANewCSRFToken() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            // A CSRF token planted in the browser before anyone logs in (cookie tossing).
            browser.set(cookie: SessionCookie.csrf, to: "planted")
            _ = try await Self.logIn(browser)
            let firstSession = try #require(browser.cookies[SessionCookie.session])
            let afterLogin = try #require(browser.cookies[SessionCookie.csrf])

            _ = try await Self.logIn(browser, role: "Medlejer")
            let secondSession = try #require(browser.cookies[SessionCookie.session])

            #expect(afterLogin != "planted")
            #expect(firstSession != secondSession)
            #expect(
                try await UserSession.query(on: app.db).filter(\.$tokenHash == PKCE.hash(firstSession)).count() == 0
            )
            #expect(
                try await UserSession.query(on: app.db).filter(\.$tokenHash == PKCE.hash(secondSession)).count() == 1
            )
            let beforeLogout = try #require(browser.cookies[SessionCookie.csrf])
            #expect(try await browser.post("/log-ud").status == 303)
            #expect(browser.cookies[SessionCookie.csrf] != beforeLogout)
        }
    }

    /// A signed-in browser's forms carry a token bound to its session: the CSRF cookie's value (which
    /// a neighbouring site might plant) and another session's token are both refused, and the
    /// page's own token is what the forms carry.
    @Test func aSignedInFormNeedsItsOwnSessionsToken() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let victim = TestBrowser(base: app.almenConfig.publicBaseURL)
            let attacker = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { for browser in [victim, attacker] { try? await browser.shutdown() } } }
            _ = try await Self.logIn(victim)
            _ = try await Self.logIn(attacker, role: "Medlejer")
            let page = try await victim.get("/mit-hjem")
            let token = try #require(victim.formToken)
            #expect(page.body.contains("name=\"_csrf\" value=\"\(token)\""))
            let cookieToken = try #require(victim.cookies[SessionCookie.csrf])
            #expect(cookieToken != token)

            // The cookie's value double-submitted, as before: refused now.
            #expect(try await victim.post("/log-ud", csrf: cookieToken).status == 403)
            // A token the attacker got from their own session: refused.
            let foreign = try #require(attacker.formToken)
            #expect(try await victim.post("/log-ud", csrf: foreign).status == 403)
            #expect(try await victim.get("/api/v1/me").status == 200)
            // The session's own token: accepted.
            #expect(try await victim.post("/log-ud").status == 303)
            #expect(try await victim.get("/api/v1/me").status == 401)
        }
    }

    /// A page shown after the session ran out (its cookie cleared on that response) carries a
    /// token its form can be sent with: the login form after a long pause is not a 403.
    @Test func aFormShownAfterTheSessionRanOutCanBeSent() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 20, clock: clock, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            _ = try await Self.logIn(browser)
            clock.advance(by: 13 * 3600)
            let page = try await browser.get(SiteRoute.localLogin.path)
            #expect(page.status == 200)
            let token = try #require(page.body.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
            let sent = try await browser.post(
                SiteRoute.localLogin.path,
                form: [("email", "ingen@example.org"), ("password", "forkert"), ("code", "000000")],
                csrf: String(token)
            )
            #expect(sent.status != 403)
        }
    }

    @Test func aFormWithoutTheCSRFTokenIsRefusedWithAClearMessage() async throws {
        try await withTestApp(seedHomes: 40, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            _ = try await Self.logIn(browser)

            let missing = try await browser.post("/log-ud", csrf: "")
            let wrong = try await browser.post("/log-ud", csrf: "guess")
            let foreignOrigin = try await browser.post("/log-ud", headers: [("Origin", "https://evil.example")])
            // The site's host name with its last part cut off, and the right host on another port.
            let host = try #require(URLComponents(string: app.almenConfig.publicBaseURL)?.host)
            let prefixOrigin = try await browser.post("/log-ud", headers: [("Origin", "http://" + host.dropLast(2))])
            let otherPort = try await browser.post("/log-ud", headers: [("Origin", "http://\(host):1")])

            for page in [missing, wrong, foreignOrigin, prefixOrigin, otherPort] {
                #expect(page.status == 403)
                #expect(page.body.contains("Formularen er udløbet eller kom ikke fra denne side."))
            }
            #expect(try await browser.get("/api/v1/me").status == 200)
        }
    }

    /// Before anyone is known, a form is read only as far as an anonymous form needs: a large
    /// body to a route that takes uploads from residents is refused unread, with or without a
    /// CSRF token.
    @Test func aStrangerCannotMakeTheServerReadALargeForm() async throws {
        try await withTestApp(seedHomes: 20, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            browser.set(cookie: SessionCookie.csrf, to: "csrf-token")
            let lease = try #require(try await Lease.query(on: app.db).first()).requireID()
            let large = String(repeating: "x", count: 200 * 1024)
            let page = try await browser.post(SiteRoute.mySubletting(lease).path, form: [("subtenants", large)])
            #expect(page.status == 413)
            // A small one is read, and refused for who sends it.
            #expect(try await browser.post(SiteRoute.mySubletting(lease).path, form: [("x", "y")]).status != 413)
        }
    }

    static func padded(_ base64URL: String) -> String {
        let base = base64URL.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return base + String(repeating: "=", count: (4 - base.count % 4) % 4)
    }
}
