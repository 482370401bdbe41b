import AlmenDomain
import Foundation
import Vapor

/// The outside world the app depends on, injected so that tests control it (system.md): the
/// clock and the source of UUIDs. Later: the NgDP client, the identity provider, the PDF renderer.
public struct AppDependencies: Sendable {
    public var now: @Sendable () -> Date
    public var uuid: @Sendable () -> UUID

    public init(now: @escaping @Sendable () -> Date, uuid: @escaping @Sendable () -> UUID) {
        self.now = now
        self.uuid = uuid
    }

    /// The real clock and random UUIDs.
    public static let live = AppDependencies(now: { Date() }, uuid: { UUID() })
}

/// Danish local time: every date the rules see is a date in this zone (rules.md section 1).
public let danishTimeZone = TimeZone(identifier: "Europe/Copenhagen")!

extension Application {
    private struct DependenciesKey: StorageKey { typealias Value = AppDependencies }
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    /// The injected dependencies; `.live` unless `configure` was given others.
    public var dependencies: AppDependencies {
        get { storage[DependenciesKey.self] ?? .live }
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
