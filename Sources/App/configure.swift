import AlmenDomain
import DigitalPost
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import LeafKit
import SQLKit
import Vapor

/// Configures the application: database, migrations, views, middleware and routes.
///
/// Everything from outside comes in through `config` and `dependencies`; nothing is read from
/// globals, so tests configure as many independent applications as they like.
public func configure(
    _ app: Application,
    config: AppConfig,
    dependencies: AppDependencies = .live
) async throws {
    app.almenConfig = config
    var dependencies = dependencies
    if config.sandboxClock, app.environment != .production {
        let clock = SandboxClock()
        dependencies.now = clock.wrap(dependencies.now)
        app.sandboxClock = clock
    }
    app.dependencies = dependencies
    AlmenMetrics.start()
    app.demoMode = DemoMode(now: dependencies.now)
    app.registerSummary = RegisterSummaryCache(now: dependencies.now)

    try useDatabase(app, config: config)
    try await tuneSQLite(app, config: config)
    app.migrations.add(AlmenMigrations.all)

    let resources = Resources.directory
    app.directory.viewsDirectory = resources + "Views/"
    app.directory.publicDirectory = resources + "Public/"
    app.views.use { app in WordsViewRenderer(base: app.leaf.renderer, language: nil) }
    // The default source refuses paths with hidden folders, and SwiftPM bundles live in `.build`.
    app.leaf.sources = .singleSource(
        WordsSource(
            files: NIOLeafFiles(
                fileio: app.fileio,
                limits: [.toSandbox, .requireExtensions],
                sandboxDirectory: app.directory.viewsDirectory,
                viewDirectory: app.directory.viewsDirectory
            )
        )
    )
    app.leaf.cache.isEnabled = app.environment.isRelease || app.environment == .production
    app.leaf.useAlmenTags()
    app.letterTemplateRenderer = LetterTemplateRenderer(eventLoops: app.eventLoopGroup)
    app.printProvider = ManualPrintProvider()

    // Forms lose a NUL character before anything reads them (`FormBodyDecoder`; a multipart
    // form's text fields, `MultipartBodyDecoder`).
    ContentConfiguration.global.use(decoder: FormBodyDecoder(), for: .urlEncodedForm)
    ContentConfiguration.global.use(decoder: MultipartBodyDecoder(), for: .formData)
    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(SecurityHeadersMiddleware(production: app.environment == .production))
    app.middleware.use(AlmenErrorMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(LanguageMiddleware())
    // The sandbox providers and NgDP's push are machine-to-machine endpoints with their own credentials.
    app.middleware.use(
        // Programs with an API key send no cookies, so nothing of a browser's can be forged there.
        CSRFProtection(exemptPrefixes: [
            "/sandbox/", SiteRoute.digitalPostPush.path, SiteRoute.digitalPostReceipt.path,
            SiteRoute.api(.ledgerImport).path,
        ])
    )
    app.middleware.use(SessionAuthenticator())
    app.middleware.use(ActingGuard())

    app.oidcCache = OIDCProviderCache()
    app.throttles = ClientThrottles()
    // bcrypt and other CPU-heavy work run on the thread pool, never on an event loop.
    app.passwords.use(.bcrypt)
    _ = LocalLoginController.decoyHash
    // The stand-ins themselves are mounted by the `almen` executable (AlmenSandbox), never by the
    // app; it only refuses them in production.
    if config.identity.sandbox, app.environment == .production {
        throw ConfigurationError.invalid(variable: "ALMEN_SANDBOX", expected: "off in production")
    }
    if let digitalPost = config.digitalPost {
        if digitalPost.standIn, app.environment == .production {
            throw ConfigurationError.invalid(variable: "ALMEN_NGDP_BASE_URL", expected: "the real NgDP in production")
        }
        let client = try dependencies.ngdpClient(digitalPost.connection())
        app.ngdpClient = client
        app.lifecycle.use(NgDPClientShutdown(client: client))
    }
    app.digitalPostConnections = DigitalPostConnections(
        shared: app.ngdpClient,
        keys: config.cprKeys,
        production: app.environment == .production,
        namesRepresentative: config.digitalPost?.namesRepresentative ?? true,
        hosts: config.ngdpHosts,
        certificateDirectory: config.ngdpCertificateDirectory,
        makeClient: dependencies.ngdpClient
    )
    app.lifecycle.use(DigitalPostConnectionsShutdown(connections: app.digitalPostConnections))
    let afterResponse = AfterResponse()
    app.afterResponse = afterResponse
    app.lifecycle.use(afterResponse)
    try routes(app)
    app.sandboxClock?.register(on: app)
}

/// The database of `config`, for the app and for the stand-ins run alone.
public func useDatabase(_ app: Application, config: AppConfig) throws {
    switch config.database {
    case .sqlite(let path):
        app.threadPool = sqliteThreadPool()
        if path == ":memory:" {
            app.databases.use(.sqlite(.memory), as: .sqlite)
        } else {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            app.databases.use(.sqlite(.file(path)), as: .sqlite)
        }
    case .postgres(let url):
        app.databases.use(
            .postgres(
                configuration: try SQLPostgresConfiguration(url: url),
                maxConnectionsPerEventLoop: config.postgresConnectionsPerEventLoop,
                connectionPoolTimeout: .seconds(config.postgresPoolTimeoutSeconds)
            ),
            as: .psql
        )
    }
}

/// A thread pool of the app's own for SQLite, larger than its connections.
///
/// Every SQLite call blocks a pool thread, and a connection that waits for another's write lock
/// keeps its thread while it waits (sqlite-nio's busy handler retries without end until
/// `tuneSQLite` sets a timeout). On the process-wide pool Vapor uses by default, a thread per
/// core, waiters could take every thread while the connection holding the lock waited for one
/// to commit: two apps in one test process, or a waiter beside the typesetter, and everything
/// stopped for good. The app has one SQLite connection per event loop, so with more threads than
/// connections the holder always finds one.
func sqliteThreadPool() -> NIOThreadPool {
    NIOThreadPool(numberOfThreads: 2 * System.coreCount + 2)
}

/// SQLite's connections wait for one another's write lock by sleeping, for up to ten seconds,
/// and readers never wait for a writer (the write-ahead log).
///
/// sqlite-nio's own busy handler retries without pause or end: a waiting connection burnt a core
/// for as long as the lock was held, and on two cores that starved everything else. The app's
/// pools keep their one connection per event loop for as long as it runs, so the wait is set
/// once on each. `journal_mode` is kept in the file itself.
func tuneSQLite(_ app: Application, config: AppConfig) async throws {
    guard case .sqlite = config.database else { return }
    let databases = app.eventLoopGroup.makeIterator().compactMap { loop in
        app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLDatabase
    }
    try await databases.first?.raw("PRAGMA journal_mode = WAL").run()
    for database in databases {
        try await database.raw("PRAGMA busy_timeout = 10000").run()
    }
}

/// Where the bundled views and static files are.
enum Resources {
    static var directory: String {
        Bundle.module.bundleURL.appendingPathComponent("Resources").path + "/"
    }
}
