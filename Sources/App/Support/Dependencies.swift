import AlmenDomain
import DigitalPost
import Foundation
import Letters
import NIOPosix
import Vapor

/// The outside world the app depends on, injected so that tests control it (system.md): the
/// clock, the sources of ids and of secret tokens, the NgDP client for a connection, and the
/// PDF typesetter. `configure` takes them; nothing reaches for a live one by itself.
public struct AppDependencies: Sendable {
    public var now: @Sendable () -> Date
    public var uuid: @Sendable () -> UUID
    /// A fresh secret (session, CSRF, OpenID Connect state, nonce and verifier, activation):
    /// 256 random bits, URL-safe.
    public var token: @Sendable () -> String
    /// The client for an NgDP connection (the shared one, and each organisation's own).
    public var ngdpClient: @Sendable (NgDPConnection) throws -> any NgDPClient
    /// The PDF typesetter, given the application's thread pool.
    public var typesetter: @Sendable (NIOThreadPool) -> any LetterTypesetting

    public init(
        now: @escaping @Sendable () -> Date,
        uuid: @escaping @Sendable () -> UUID,
        token: @escaping @Sendable () -> String = AppDependencies.secureToken,
        ngdpClient: @escaping @Sendable (NgDPConnection) throws -> any NgDPClient = {
            try HTTPNgDPClient(connection: $0)
        },
        typesetter: @escaping @Sendable (NIOThreadPool) -> any LetterTypesetting = AppDependencies.pangoTypesetter
    ) {
        self.now = now
        self.uuid = uuid
        self.token = token
        self.ngdpClient = ngdpClient
        self.typesetter = typesetter
    }

    /// The real clock, random UUIDs and tokens, the live NgDP client and pango/cairo.
    public static let live = AppDependencies(now: { Date() }, uuid: { UUID() })

    /// 256 bits from the system's secure random source.
    @Sendable public static func secureToken() -> String { PKCE.randomToken() }

    /// Letters typeset with pango and cairo on the thread pool.
    @Sendable public static func pangoTypesetter(_ pool: NIOThreadPool) -> any LetterTypesetting {
        ThreadPoolTypesetter(pool: pool)
    }
}

/// Danish local time: every date the rules see is a date in this zone (rules.md section 1).
public let danishTimeZone = TimeZone(identifier: "Europe/Copenhagen")!

extension Application {
    private struct DependenciesKey: StorageKey { typealias Value = AppDependencies }
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    /// The dependencies `configure` was given.
    public var dependencies: AppDependencies {
        get {
            guard let dependencies = storage[DependenciesKey.self] else { fatalError("configure(_:) has not run") }
            return dependencies
        }
        set { storage[DependenciesKey.self] = newValue }
    }

    public var almenConfig: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("configure(_:) has not run") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }

    public var cprVault: CPRVault { CPRVault(keys: almenConfig.cprKeys) }
}

extension Request {
    /// Today's date in Denmark, from the injected clock.
    public var today: AlmenDomain.LocalDate {
        LocalDate(application.dependencies.now(), timeZone: danishTimeZone)
    }
}
