// swift-tools-version:6.0
import PackageDescription

/// Warnings are errors for the project's own targets (style.md, "Hygiene").
let strict: [SwiftSetting] = [
    .unsafeFlags(["-warnings-as-errors"])
]

let package = Package(
    name: "Almen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "almen", targets: ["almen"]),
        .library(name: "AlmenDomain", targets: ["AlmenDomain"]),
        .library(name: "MeMo", targets: ["MeMo"]),
        .library(name: "DigitalPost", targets: ["DigitalPost"]),
        .library(name: "Letters", targets: ["Letters"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.4.0"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.10.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.30.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.34.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.1"),
    ],
    targets: [
        /// Pure domain: Danish calendar, rules, CPR, money. Foundation only, no I/O, no clock.
        .target(
            name: "AlmenDomain",
            swiftSettings: strict
        ),
        /// System library shim for expat, the hardened XML parser behind MeMo.
        .systemLibrary(name: "CExpat", pkgConfig: "expat", providers: [.apt(["libexpat1-dev"])]),
        /// MeMo, the Digital Post message format: model, writer, hardened parser and validation.
        /// Pure: no network, no Vapor.
        .target(
            name: "MeMo",
            dependencies: ["CExpat"],
            swiftSettings: strict
        ),
        /// Næste generation Digital Post: the NgDP client contract (`NgDPClient`, receipts,
        /// registrations, errors) and the live client over HTTP/1.1 with mutual TLS. No Vapor.
        .target(
            name: "DigitalPost",
            dependencies: [
                "MeMo",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        /// E-mail: a plain-text message in UTF-8 and an SMTP client (STARTTLS or TLS, AUTH PLAIN).
        /// No Vapor.
        .target(
            name: "Mail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        /// System library shim for pango and cairo, which typeset letters as PDF.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]
        ),
        /// Letters: the letter model, markup, and typesetting to PDF (pango/cairo). No Vapor.
        .target(
            name: "Letters",
            dependencies: ["CPangoCairo"],
            swiftSettings: strict
        ),
        /// Local stand-ins for outside services: a MitID-style OpenID Connect provider, NgDP, and
        /// an SMTP server.
        .target(
            name: "Sandbox",
            dependencies: [
                "DigitalPost",
                "Mail",
                "MeMo",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        /// The Vapor application: configuration, routes, Fluent models, views, API.
        .target(
            name: "App",
            dependencies: [
                "AlmenDomain",
                "DigitalPost",
                "Mail",
                "MeMo",
                "Letters",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        /// The development stand-ins wired to the app (the demo register's people and citizens):
        /// mounted by the `almen` executable in development, never linked into `App`.
        .target(
            name: "AlmenSandbox",
            dependencies: [
                "App",
                "AlmenDomain",
                "Mail",
                "Sandbox",
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: strict
        ),
        /// The one executable: serve, migrate, seed, rules, ...
        .executableTarget(
            name: "almen",
            dependencies: [
                "App",
                "AlmenSandbox",
                "AlmenDomain",
                "DigitalPost",
                "MeMo",
                "Letters",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AlmenDomainTests",
            dependencies: ["AlmenDomain"],
            swiftSettings: strict
        ),
        /// Test support shared by test targets: a throwaway certificate authority (`TestPKI`).
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            path: "Tests/Support",
            swiftSettings: strict
        ),
        .testTarget(
            name: "MailTests",
            dependencies: [
                "Mail",
                "Sandbox",
                "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DigitalPostTests",
            dependencies: [
                "DigitalPost",
                "MeMo",
                "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MeMoTests",
            dependencies: ["MeMo"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LettersTests",
            dependencies: ["Letters"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                "AlmenSandbox",
                "AlmenDomain",
                "DigitalPost",
                "Letters",
                "Mail",
                "MeMo",
                "Sandbox",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
