import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import LeafKit
import Vapor

/// Configures the application: database, migrations, views, middleware and routes.
///
/// Everything from outside comes in through `config` and `dependencies`; nothing is read from
/// globals, so tests configure as many independent applications as they like.
public func configure(
    _ app: Application, config: AppConfig, dependencies: AppDependencies = .live
) async throws {
    app.almenConfig = config
    app.dependencies = dependencies

    switch config.database {
    case .sqlite(let path):
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
                connectionPoolTimeout: .seconds(5)
            ),
            as: .psql
        )
    }
    app.migrations.add(AlmenMigrations.all)

    let resources = Resources.directory
    app.directory.viewsDirectory = resources + "Views/"
    app.directory.publicDirectory = resources + "Public/"
    app.views.use(.leaf)
    // The default source refuses paths with hidden folders, and SwiftPM bundles live in `.build`.
    app.leaf.sources = .singleSource(NIOLeafFiles(
        fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
        sandboxDirectory: app.directory.viewsDirectory, viewDirectory: app.directory.viewsDirectory
    ))
    app.leaf.cache.isEnabled = app.environment.isRelease || app.environment == .production

    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(SecurityHeadersMiddleware(production: app.environment == .production))
    app.middleware.use(AlmenErrorMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(LanguageMiddleware())

    try routes(app)
}

/// Where the bundled views and static files are.
enum Resources {
    static var directory: String {
        Bundle.module.bundleURL.appendingPathComponent("Resources").path + "/"
    }
}
