import Foundation
import Mail
import Vapor

/// The deployment's configuration, read once from environment variables at start-up.
///
/// Every variable is documented in the README ("Configuration"). Production refuses to start
/// without its secrets instead of falling back to the demo values.
public struct AppConfig: Sendable {
    /// Where the register lives.
    public enum DatabaseChoice: Sendable, Equatable {
        /// An embedded SQLite file (the demo), or in memory when the path is `:memory:`.
        case sqlite(path: String)
        /// A PostgreSQL server, by URL (`postgres://user:password@host:5432/database`).
        case postgres(url: String)
    }

    public var database: DatabaseChoice
    /// Pool size per event loop for PostgreSQL; Fluent's default of 1 is too small for a server.
    public var postgresConnectionsPerEventLoop: Int
    /// How long a request waits for a pooled PostgreSQL connection before it fails. Five seconds
    /// for a server (a page that waits longer is better refused); the tests, whose many apps share
    /// one loaded machine and one cluster, wait longer.
    public var postgresPoolTimeoutSeconds: Int64 = 5
    public var cprKeys: CPRKeys
    /// The public base URL, used in links that leave the app (e.g. in letters) and as the OIDC
    /// redirect URI's base.
    public var publicBaseURL: String
    public var identity: IdentityConfig
    /// NgDP; nil when Digital Post is not configured (then every letter goes to print).
    public var digitalPost: DigitalPostConfig?
    /// The carrier's delivery time for physical letters, in bank days after dispatch: a
    /// physical påkrav's deadline runs from the expected arrival (rules.md §3).
    public var physicalDeliveryBankDays: Int = 5
    /// The smallest arrears a påkrav is sent for, in kroner (`ALMEN_ARREARS_MINIMUM_KR`): the
    /// organisations' policy, so a few kroner never cost a tenant a 314 kr. fee or their home.
    public var arrearsMinimumKroner: Int = 100
    /// The addresses of the reverse proxies in front of the app (`ALMEN_TRUSTED_PROXIES`, comma
    /// separated). Only a request from one of them has its client read from `X-Forwarded-For`;
    /// anyone else could write any address there.
    public var trustedProxies: Set<String> = []
    /// NgDP's own hosts (`ALMEN_NGDP_HOSTS`, comma separated): the only ones an organisation's own
    /// connection may name.
    public var ngdpHosts: Set<String> = AppConfig.ngdpHosts
    /// The folder own connections' certificates and keys are read from (`ALMEN_NGDP_CERTIFICATE_DIR`).
    public var ngdpCertificateDirectory: String = AppConfig.ngdpCertificateDirectory
    /// The bearer token that `GET /metrics` asks for (`ALMEN_METRICS_TOKEN`). Without one,
    /// production serves no metrics; development answers a scraper on loopback.
    public var metricsToken: String?
    /// A clock that `POST /sandbox/ur` moves on by whole days (`ALMEN_SANDBOX_CLOCK=1`), so a
    /// demo or a browser test can show what happens when a deadline passes. Refused in production.
    public var sandboxClock = false
    /// Where e-mail to staff goes (`ALMEN_SMTP_URL`, `ALMEN_MAIL_FROM`); nil sends none. In
    /// development the sandbox sets up its own SMTP stand-in when none is given.
    public var mail: MailSettings?

    /// NgDP's production and test hosts (digital-post.md, "Transport").
    public static let ngdpHosts: Set<String> = ["api.digitalpost.dk", "api.test.digitalpost.dk"]
    public static let ngdpCertificateDirectory = "data/ngdp-certificates"

    public init(
        database: DatabaseChoice,
        postgresConnectionsPerEventLoop: Int = 4,
        cprKeys: CPRKeys,
        publicBaseURL: String = "http://127.0.0.1:8080",
        identity: IdentityConfig? = nil,
        digitalPost: DigitalPostConfig?? = nil
    ) {
        self.database = database
        self.postgresConnectionsPerEventLoop = postgresConnectionsPerEventLoop
        self.cprKeys = cprKeys
        self.publicBaseURL = publicBaseURL
        self.identity = identity ?? .sandbox(publicBaseURL: publicBaseURL, secret: PKCE.randomToken())
        self.digitalPost = digitalPost ?? .standIn(publicBaseURL: publicBaseURL)
    }

    /// Reads the configuration from the process environment.
    public static func fromEnvironment(
        _ environment: Environment,
        variables: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> AppConfig {
        let database: DatabaseChoice
        if let url = variables["DATABASE_URL"], !url.isEmpty {
            database = .postgres(url: url)
        } else {
            database = .sqlite(path: variables["ALMEN_SQLITE_PATH"] ?? "data/almen.sqlite")
        }
        let pool =
            try variables["ALMEN_DB_POOL_PER_LOOP"].map { text in
                guard let value = Int(text), (1...64).contains(value) else {
                    throw ConfigurationError.invalid(
                        variable: "ALMEN_DB_POOL_PER_LOOP",
                        expected: "a whole number from 1 to 64"
                    )
                }
                return value
            } ?? 4
        let keys: CPRKeys
        if let encryption = variables["ALMEN_CPR_ENCRYPTION_KEY"], let hash = variables["ALMEN_CPR_HASH_KEY"] {
            keys = try CPRKeys(encryptionKeyBase64: encryption, hashKeyBase64: hash)
        } else if environment == .production {
            throw ConfigurationError.missing(
                variable: "ALMEN_CPR_ENCRYPTION_KEY and ALMEN_CPR_HASH_KEY (or ALMEN_ENV=development for the demo)"
            )
        } else {
            keys = .demo
        }
        if environment == .production, keys.isDemo {
            throw ConfigurationError.invalid(
                variable: "ALMEN_CPR_ENCRYPTION_KEY",
                expected: "a secret key, not the demo key"
            )
        }
        let base = variables["ALMEN_PUBLIC_BASE_URL"] ?? "http://127.0.0.1:8080"
        let deliveryDays =
            try variables["ALMEN_PHYSICAL_DELIVERY_DAYS"].map { text in
                guard let value = Int(text), (0...20).contains(value) else {
                    throw ConfigurationError.invalid(
                        variable: "ALMEN_PHYSICAL_DELIVERY_DAYS",
                        expected: "a whole number of bank days from 0 to 20"
                    )
                }
                return value
            } ?? 5
        var config = AppConfig(
            database: database,
            postgresConnectionsPerEventLoop: pool,
            cprKeys: keys,
            publicBaseURL: base,
            identity: try identity(environment, variables: variables, publicBaseURL: base),
            digitalPost: .some(
                try DigitalPostConfig.fromEnvironment(
                    production: environment == .production,
                    variables: variables,
                    publicBaseURL: base
                )
            )
        )
        config.physicalDeliveryBankDays = deliveryDays
        config.sandboxClock = variables["ALMEN_SANDBOX_CLOCK"].map { $0 == "1" || $0 == "true" } ?? false
        if environment == .production, config.sandboxClock {
            throw ConfigurationError.invalid(
                variable: "ALMEN_SANDBOX_CLOCK",
                expected: "off in production: the clock is the real one"
            )
        }
        config.arrearsMinimumKroner =
            try variables["ALMEN_ARREARS_MINIMUM_KR"].map { text in
                guard let value = Int(text), (0...100_000).contains(value) else {
                    throw ConfigurationError.invalid(
                        variable: "ALMEN_ARREARS_MINIMUM_KR",
                        expected: "a whole number of kroner from 0 to 100000"
                    )
                }
                return value
            } ?? 100
        func list(_ text: String) -> Set<String> {
            Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        config.trustedProxies = list(variables["ALMEN_TRUSTED_PROXIES"] ?? "")
        if let hosts = variables["ALMEN_NGDP_HOSTS"] {
            config.ngdpHosts = Set(list(hosts).map { $0.lowercased() })
        }
        if let token = variables["ALMEN_METRICS_TOKEN"], !token.isEmpty {
            guard token.utf8.count >= 16 else {
                throw ConfigurationError.invalid(variable: "ALMEN_METRICS_TOKEN", expected: "at least 16 characters")
            }
            config.metricsToken = token
        }
        if let folder = variables["ALMEN_NGDP_CERTIFICATE_DIR"], !folder.isEmpty {
            config.ngdpCertificateDirectory = folder
        }
        config.mail = try MailSettings.fromEnvironment(variables)
        return config
    }

    /// MitID and staff login from `ALMEN_MITID_*` and `ALMEN_STAFF_OIDC_*`; without them,
    /// outside production, the sandbox providers. Production refuses the sandbox.
    static func identity(
        _ environment: Environment,
        variables: [String: String],
        publicBaseURL: String
    ) throws -> IdentityConfig {
        func provider(_ prefix: String, _ audience: OIDCConfiguration.Audience) throws -> OIDCConfiguration? {
            guard let issuer = variables["\(prefix)_ISSUER"], !issuer.isEmpty else { return nil }
            guard let id = variables["\(prefix)_CLIENT_ID"], let secret = variables["\(prefix)_CLIENT_SECRET"] else {
                throw ConfigurationError.missing(variable: "\(prefix)_CLIENT_ID and \(prefix)_CLIENT_SECRET")
            }
            var configuration = OIDCConfiguration(
                audience: audience,
                issuer: issuer,
                clientID: id,
                clientSecret: secret
            )
            if let claim = variables["\(prefix)_CPR_CLAIM"] { configuration.cprClaim = claim }
            if let claim = variables["\(prefix)_NAME_CLAIM"] { configuration.nameClaim = claim }
            if let claim = variables["\(prefix)_EMAIL_CLAIM"] { configuration.emailClaim = claim }
            if let claim = variables["\(prefix)_ASSURANCE_CLAIM"] {
                configuration.assuranceClaim = claim.isEmpty ? nil : claim
            }
            if let values = variables["\(prefix)_ACR_VALUES"] {
                configuration.acrValues = values.isEmpty ? nil : values
            }
            if let scopes = variables["\(prefix)_SCOPES"] {
                configuration.scopes = scopes.split(separator: " ").map(String.init)
            }
            return configuration
        }
        let sandboxWanted = variables["ALMEN_SANDBOX"].map { $0 == "1" || $0 == "true" }
        let resident = try provider("ALMEN_MITID", .resident)
        let staff = try provider("ALMEN_STAFF_OIDC", .staff)
        if environment == .production {
            guard sandboxWanted != true else {
                throw ConfigurationError.invalid(
                    variable: "ALMEN_SANDBOX",
                    expected: "off in production: the sandbox MitID is not a real login"
                )
            }
            guard let resident, let staff else {
                throw ConfigurationError.missing(
                    variable: "ALMEN_MITID_ISSUER and ALMEN_STAFF_OIDC_ISSUER (with their client ids and secrets)"
                )
            }
            return IdentityConfig(resident: resident, staff: staff, sandbox: false)
        }
        // One secret for every process of a development deployment: with several instances the
        // sandbox provider runs on one (it keeps its codes in memory; the proxy sends /sandbox/
        // there), and an instance that finishes a login must present the secret that one expects.
        // The sandbox lets anyone in as anyone: the secret guards nothing.
        let sandbox = IdentityConfig.sandbox(publicBaseURL: publicBaseURL, secret: "almen-sandbox-client-secret")
        return IdentityConfig(
            resident: resident ?? sandbox.resident,
            staff: staff ?? sandbox.staff,
            sandbox: sandboxWanted ?? (resident == nil || staff == nil)
        )
    }
}

/// A configuration value is missing or malformed. The message names the variable, never its value.
public enum ConfigurationError: Error, CustomStringConvertible, Equatable {
    case missing(variable: String)
    case invalid(variable: String, expected: String)

    public var description: String {
        switch self {
        case .missing(let variable): "Configuration: \(variable) must be set."
        case .invalid(let variable, let expected): "Configuration: \(variable) must be \(expected)."
        }
    }
}

extension AppConfig {
    /// Where NgDP pushes mail to this app (`/digital-post/modtag`).
    public var digitalPostPushURL: String { publicBaseURL + SiteRoute.digitalPostPush.path }
    /// Where NgDP pushes later receipts to this app.
    public var digitalPostReceiptURL: String { publicBaseURL + SiteRoute.digitalPostReceipt.path }
}
