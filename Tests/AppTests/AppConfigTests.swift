import AlmenDomain
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Configuration")
struct AppConfigTests {
    @Test func defaultsToTheSQLiteDemoDatabaseWithDemoKeys() throws {
        let config = try AppConfig.fromEnvironment(.development, variables: [:])

        #expect(config.database == .sqlite(path: "data/almen.sqlite"))
        #expect(config.cprKeys.isDemo)
    }

    @Test func databaseURLSelectsPostgreSQL() throws {
        let config = try AppConfig.fromEnvironment(
            .development,
            variables: ["DATABASE_URL": "postgres://a@db:5432/almen"]
        )

        #expect(config.database == .postgres(url: "postgres://a@db:5432/almen"))
    }

    @Test func productionRefusesToStartWithoutCPRKeys() {
        #expect(
            throws: ConfigurationError.missing(
                variable: "ALMEN_CPR_ENCRYPTION_KEY and ALMEN_CPR_HASH_KEY (or ALMEN_ENV=development for the demo)"
            )
        ) {
            try AppConfig.fromEnvironment(.production, variables: ["DATABASE_URL": "postgres://a@db/almen"])
        }
    }

    static let production: [String: String] = {
        let key = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        return [
            "DATABASE_URL": "postgres://a@db/almen", "ALMEN_CPR_ENCRYPTION_KEY": key, "ALMEN_CPR_HASH_KEY": key,
            "ALMEN_MITID_ISSUER": "https://broker.example/op", "ALMEN_MITID_CLIENT_ID": "almen",
            "ALMEN_MITID_CLIENT_SECRET": "s1", "ALMEN_MITID_CPR_CLAIM": "cprNumberIdentifier",
            "ALMEN_STAFF_OIDC_ISSUER": "https://login.example/staff", "ALMEN_STAFF_OIDC_CLIENT_ID": "almen-staff",
            "ALMEN_STAFF_OIDC_CLIENT_SECRET": "s2",
        ]
    }()

    @Test func productionStartsWithRealKeysAndRealIdentityProviders() throws {
        let config = try AppConfig.fromEnvironment(.production, variables: Self.production)

        #expect(!config.cprKeys.isDemo)
        #expect(!config.identity.sandbox)
        #expect(config.identity.resident.issuer == "https://broker.example/op")
        #expect(config.identity.resident.cprClaim == "cprNumberIdentifier")
        #expect(config.identity.staff.clientID == "almen-staff")
    }

    /// Letters through the shared connection name the administration company unless turned off.
    @Test func theRepresentativeIsNamedUnlessTurnedOff() throws {
        var variables = Self.production
        variables["ALMEN_NGDP_BASE_URL"] = "https://api.digitalpost.dk/apis/v1/"
        variables["ALMEN_NGDP_SYSTEM_TOKEN"] = "token"
        variables["ALMEN_NGDP_CERTIFICATE"] = "/etc/almen/oces3.pem"
        variables["ALMEN_NGDP_PRIVATE_KEY"] = "/etc/almen/oces3.key"
        #expect(
            try AppConfig.fromEnvironment(.production, variables: variables).digitalPost?.namesRepresentative == true
        )
        variables["ALMEN_NGDP_REPRESENTATIVE"] = "off"
        #expect(
            try AppConfig.fromEnvironment(.production, variables: variables).digitalPost?.namesRepresentative == false
        )
        #expect(
            try AppConfig.fromEnvironment(.development, variables: ["ALMEN_NGDP_REPRESENTATIVE": "off"]).digitalPost?
                .namesRepresentative == false
        )
        variables["ALMEN_NGDP_REPRESENTATIVE"] = "maybe"
        #expect(throws: ConfigurationError.self) { try AppConfig.fromEnvironment(.production, variables: variables) }
    }

    /// Production reaches NgDP over https only, and takes no push token anyone could know
    /// (the stand-in's is in the source) or guess.
    @Test(arguments: [
        ("ALMEN_NGDP_BASE_URL", "http://127.0.0.1:8090/apis/v1/"),
        ("ALMEN_NGDP_PUSH_TOKEN", DigitalPostConfig.standInPushToken),
        ("ALMEN_NGDP_PUSH_TOKEN", "short-secret"),
    ])
    func productionRefusesPlainHTTPToNgDPAndAWeakPushToken(variable: String, value: String) throws {
        var variables = Self.production
        variables["ALMEN_NGDP_BASE_URL"] = "https://api.digitalpost.dk/apis/v1/"
        variables["ALMEN_NGDP_SYSTEM_TOKEN"] = "token"
        variables["ALMEN_NGDP_CERTIFICATE"] = "/etc/almen/oces3.pem"
        variables["ALMEN_NGDP_PRIVATE_KEY"] = "/etc/almen/oces3.key"
        variables["ALMEN_NGDP_PUSH_TOKEN"] = "a-push-secret-of-thirty-two-chars"
        #expect(try AppConfig.fromEnvironment(.production, variables: variables).digitalPost?.pushToken != nil)
        variables[variable] = value
        #expect(throws: ConfigurationError.self) { try AppConfig.fromEnvironment(.production, variables: variables) }
        // Outside production a stand-in on this machine is fine.
        #expect(try AppConfig.fromEnvironment(.development, variables: variables).digitalPost != nil)
    }

    @Test func productionRefusesTheSandboxIdentityProvider() {
        var variables = Self.production
        variables["ALMEN_SANDBOX"] = "1"

        #expect(throws: ConfigurationError.self) { try AppConfig.fromEnvironment(.production, variables: variables) }
    }

    @Test func productionRefusesTheSandboxClock() throws {
        var variables = Self.production
        #expect(try AppConfig.fromEnvironment(.production, variables: variables).sandboxClock == false)
        variables["ALMEN_SANDBOX_CLOCK"] = "1"

        #expect(throws: ConfigurationError.self) { try AppConfig.fromEnvironment(.production, variables: variables) }
    }

    /// In development the sandbox clock moves the whole app on by days: today's date, and what a
    /// request reads; it stays within its bounds, and is not there unless asked for.
    @Test func theSandboxClockMovesTheAppOnByWholeDays() async throws {
        let moved: (inout AppConfig) -> Void = { $0.sandboxClock = true }
        try await withTestApp(settings: moved) { app in
            let today = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
            var answer = (HTTPStatus.internalServerError, "")
            try await app.testing().test(
                .POST,
                "/sandbox/ur",
                beforeRequest: { req in
                    req.headers.add(name: SandboxClock.header, value: "ja")
                    try req.content.encode(["days": 2], as: .urlEncodedForm)
                }
            ) { res async in
                answer = (res.status, res.body.string)
            }
            #expect(answer.0 == .ok)
            #expect(answer.1.contains(#""offsetDays":2"#) && answer.1.contains(today.adding(days: 2).iso))
            #expect(LocalDate(app.dependencies.now(), timeZone: danishTimeZone) == today.adding(days: 2))
            try await app.testing().test(
                .POST,
                "/sandbox/ur",
                beforeRequest: { req in
                    req.headers.add(name: SandboxClock.header, value: "ja")
                    try req.content.encode(["days": 5000], as: .urlEncodedForm)
                }
            ) { res async in
                answer = (res.status, res.body.string)
            }
            #expect(answer.0 == .unprocessableEntity)
            // Without the header (a form from another site): refused.
            try await app.testing().test(
                .POST,
                "/sandbox/ur",
                beforeRequest: { req in try req.content.encode(["days": 1], as: .urlEncodedForm) }
            ) { res async in
                answer = (res.status, res.body.string)
            }
            #expect(answer.0 == .forbidden)
            #expect(LocalDate(app.dependencies.now(), timeZone: danishTimeZone) == today.adding(days: 2))
        }
        try await withTestApp { app in
            try await app.testing().test(.GET, "/sandbox/ur") { res async in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test func productionRefusesToStartWithoutMitID() {
        var variables = Self.production
        variables["ALMEN_MITID_ISSUER"] = nil

        #expect(throws: ConfigurationError.self) { try AppConfig.fromEnvironment(.production, variables: variables) }
    }

    @Test func developmentUsesTheSandboxProvidersAtThePublicAddress() throws {
        let config = try AppConfig.fromEnvironment(
            .development,
            variables: ["ALMEN_PUBLIC_BASE_URL": "http://127.0.0.1:9000"]
        )

        #expect(config.identity.sandbox)
        #expect(config.identity.resident.issuer == "http://127.0.0.1:9000/sandbox/mitid")
        #expect(config.identity.staff.issuer == "http://127.0.0.1:9000/sandbox/medarbejder")
    }

    @Test func aBadPoolSizeNamesTheVariableNotTheValue() {
        #expect(
            throws: ConfigurationError.invalid(
                variable: "ALMEN_DB_POOL_PER_LOOP",
                expected: "a whole number from 1 to 64"
            )
        ) {
            try AppConfig.fromEnvironment(.development, variables: ["ALMEN_DB_POOL_PER_LOOP": "lots"])
        }
    }
}
