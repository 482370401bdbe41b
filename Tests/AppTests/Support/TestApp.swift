import AlmenDomain
import AlmenSandbox
import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

#if canImport(Glibc)
import Glibc
#endif

/// The database every App test runs on: SQLite in memory by default; PostgreSQL when
/// `ALMEN_TEST_POSTGRES_URL` is set (`make test` runs the suite once for each).
enum TestDatabase {
    static let postgresURL: String? = {
        let url = ProcessInfo.processInfo.environment["ALMEN_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }()

    static var name: String { postgresURL == nil ? "SQLite" : "PostgreSQL" }
}

/// A fixed "now" for tests: Monday 23 November 2026, 10:00 in Copenhagen.
let testNow = Date(timeIntervalSince1970: 1_795_424_400)

/// A clock the test moves by hand (session timeouts, token expiry).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = testNow) {
        current = start
    }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}

/// Runs `body` against a fresh, migrated application with its own database, then tears it down.
///
/// SQLite: a new in-memory database, migrated. PostgreSQL: a new database copied from a
/// migrated template (SwiftPackageIndex's approach), so tests stay independent and run in parallel.
/// With `running`, the app also listens on a free loopback port (its public base URL), so that
/// the OIDC client reaches the sandbox provider over real HTTP.
func withTestApp(
    seedHomes: Int? = nil,
    now: Date = testNow,
    clock: TestClock? = nil,
    logger: Logger? = nil,
    running: Bool = false,
    adjust: (inout AppDependencies) -> Void = { _ in },
    settings: (inout AppConfig) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    guard TestDatabase.postgresURL != nil, !TestAppSlots.holding else {
        return try await runTestApp(seedHomes, now, clock, logger, running, adjust, settings, body)
    }
    await TestAppSlots.shared.acquire()
    do {
        try await TestAppSlots.$holding.withValue(true) {
            try await runTestApp(seedHomes, now, clock, logger, running, adjust, settings, body)
        }
    } catch {
        await TestAppSlots.shared.release()
        throw error
    }
    await TestAppSlots.shared.release()
}

/// How many App tests hold a PostgreSQL database and its pool at once.
///
/// Swift Testing starts every test of the suite at once. On PostgreSQL each test app opens up to
/// four connections, and the throwaway cluster on two cores forks a process for each: hundreds
/// at once ran into "too many clients" and into the driver's connect timeout. Tests beyond the
/// limit wait for a slot before they make their database; a test app made inside a test that
/// holds one (`holding`) does not wait, so a test with two apps cannot wait for itself.
actor TestAppSlots {
    static let shared = TestAppSlots(limit: 16)
    @TaskLocal static var holding = false

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        free = limit
    }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

private func runTestApp(
    _ seedHomes: Int?,
    _ now: Date,
    _ clock: TestClock?,
    _ logger: Logger?,
    _ running: Bool,
    _ adjust: (inout AppDependencies) -> Void,
    _ settings: (inout AppConfig) -> Void,
    _ body: (Application) async throws -> Void
) async throws {
    let database = try await TestDatabaseFactory.shared.make()
    let app = try await Application.make(.testing)
    if let logger {
        app.logger = logger
    } else {
        app.logger.logLevel = .warning
    }
    let port = running ? try freeLoopbackPort() : 8080
    let inFlight = InFlightRequests()
    let base = "http://127.0.0.1:\(port)"
    do {
        var config = AppConfig(
            database: database.choice,
            postgresConnectionsPerEventLoop: 2,
            cprKeys: .demo,
            publicBaseURL: base,
            identity: .sandbox(publicBaseURL: base, secret: "test-secret")
        )
        // The whole suite runs at once against one cluster on two cores: a page may wait its
        // turn for a connection longer than a server should.
        config.postgresPoolTimeoutSeconds = 60
        settings(&config)
        try await configure(
            app,
            config: config,
            dependencies: {
                var dependencies = AppDependencies(now: { clock?.now ?? now }, uuid: { UUID() })
                adjust(&dependencies)
                return dependencies
            }()
        )
        try await app.mountSandbox()
        if !database.premigrated { try await app.autoMigrate() }
        if let seedHomes {
            _ = try await DemoSeeder(
                homes: seedHomes,
                seed: 7,
                referenceDate: LocalDate(now, timeZone: danishTimeZone),
                vault: app.cprVault
            ).run(on: app.db)
        }
        if running {
            app.middleware.use(inFlight, at: .beginning)
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = port
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
        }
        try await body(app)
    } catch {
        if running {
            await app.server.shutdown()
            await inFlight.drain()
        }
        try? await app.asyncShutdown()
        await database.drop()
        throw error
    }
    if running {
        await app.server.shutdown()
        await inFlight.drain()
    }
    try await app.asyncShutdown()
    await database.drop()
}

/// The requests a running test app is still answering. It shuts down only once they are done: a
/// client that gave up (a timeout under load) must not leave a handler using a shut-down app.
final class InFlightRequests: AsyncMiddleware, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        lock.withLock { count += 1 }
        defer { lock.withLock { count -= 1 } }
        return try await next.respond(to: request)
    }

    /// Waits, at most a minute, until no request is being answered.
    func drain() async {
        let deadline = ContinuousClock.now + .seconds(60)
        while lock.withLock({ count }) > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// A free TCP port on 127.0.0.1 for a test server. It is chosen below the kernel's ephemeral range
/// (32768-60999), so the outgoing connections of other tests running at the same time cannot take
/// it between this check and the server's bind, and never twice in one test process.
func freeLoopbackPort() throws -> Int {
    for _ in 0..<200 {
        let port = Int.random(in: 20_000..<32_000)
        guard handedOutPorts.claim(port) else { continue }
        if try canBind(port) { return port }
    }
    throw Abort(.internalServerError, reason: "no free loopback port")
}

private let handedOutPorts = PortLedger()

private final class PortLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var ports: Set<Int> = []

    func claim(_ port: Int) -> Bool {
        lock.withLock { ports.insert(port).inserted }
    }
}

private func canBind(_ port: Int) throws -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw Abort(.internalServerError, reason: "socket") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    return bound == 0
}

/// A database made for one test.
struct TestDatabaseHandle: Sendable {
    let choice: AppConfig.DatabaseChoice
    let premigrated: Bool
    let drop: @Sendable () async -> Void
}

/// Creates per-test databases; for PostgreSQL it owns the migrated template.
actor TestDatabaseFactory {
    static let shared = TestDatabaseFactory()
    private var templateReady: Task<Void, any Error>?
    private var admin: Application?

    func make() async throws -> TestDatabaseHandle {
        guard let url = TestDatabase.postgresURL else {
            return TestDatabaseHandle(choice: .sqlite(path: ":memory:"), premigrated: false, drop: {})
        }
        try await ensureTemplate(url: url)
        let name = "almen_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await adminSQL(url: url).raw("CREATE DATABASE \(ident: name) TEMPLATE almen_template").run()
        let databaseURL = Self.url(url, database: name)
        return TestDatabaseHandle(choice: .postgres(url: databaseURL), premigrated: true) {
            try? await self.adminSQL(url: url).raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
        }
    }

    private func ensureTemplate(url: String) async throws {
        if templateReady == nil {
            templateReady = Task {
                let sql = try await self.adminSQL(url: url)
                try await sql.raw("DROP DATABASE IF EXISTS almen_template WITH (FORCE)").run()
                try await sql.raw("CREATE DATABASE almen_template").run()
                let app = try await Application.make(.testing)
                do {
                    try await configure(
                        app,
                        config: AppConfig(
                            database: .postgres(url: Self.url(url, database: "almen_template")),
                            cprKeys: .demo
                        )
                    )
                    try await app.autoMigrate()
                } catch {
                    try? await app.asyncShutdown()
                    throw error
                }
                // The template must have no open connections when it is copied.
                try await app.asyncShutdown()
            }
        }
        try await templateReady!.value
    }

    private func adminSQL(url: String) async throws -> any SQLDatabase {
        if admin == nil {
            let app = try await Application.make(.testing)
            // Every test asks for its database at once when the suite starts, and copying the
            // template takes a while on a loaded machine: a request waits its turn for as long as
            // the whole queue takes, rather than the driver's default of ten seconds.
            app.databases.use(
                .postgres(
                    configuration: try SQLPostgresConfiguration(url: url),
                    maxConnectionsPerEventLoop: 1,
                    connectionPoolTimeout: .minutes(10)
                ),
                as: .psql
            )
            admin = app
        }
        guard let sql = admin!.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        return sql
    }

    /// The same server URL with another database name.
    static func url(_ url: String, database: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + database
        return components.string ?? url
    }
}
