import AlmenDomain
import AlmenSandbox
import App
import Fluent
import Foundation
import Logging
import Vapor

/// Builds a configured Vapor application for the commands that need the database. The command
/// types themselves import only ArgumentParser (Vapor's console has an `Option` of its own).
enum AppRunner {
    /// Logging is bootstrapped once per process, at the level from `LOG_LEVEL` (default info).
    nonisolated(unsafe) static var loggingReady = false

    static func environment(_ name: String, arguments: [String] = ["almen"]) throws -> Environment {
        guard ["development", "production", "testing"].contains(name) else {
            throw CommandError("--env must be development, production or testing.")
        }
        return Environment(name: name, arguments: arguments)
    }

    static func bootstrapLogging(_ environment: Environment) throws {
        guard !loggingReady else { return }
        var env = environment
        switch ProcessInfo.processInfo.environment["ALMEN_LOG_FORMAT"] ?? "text" {
        case "text":
            try LoggingSystem.bootstrap(from: &env)
        case "json":
            // The level as Vapor finds it for text: --log, then LOG_LEVEL, then its default.
            try LoggingSystem.bootstrap(from: &env) { level in { label in JSONLogHandler(label: label, level: level) } }
        default:
            throw CommandError("ALMEN_LOG_FORMAT must be text or json.")
        }
        loggingReady = true
    }

    static func make(_ environment: Environment, sandboxMail: SandboxMail = .none) async throws -> Application {
        try bootstrapLogging(environment)
        exitWithParent()
        let app = try await Application.make(environment)
        do {
            try await configure(app, config: try AppConfig.fromEnvironment(environment))
            // Development only: the sandbox logins and the NgDP stand-in, when configured.
            try await app.mountSandbox(mail: sandboxMail)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return app
    }

    /// Runs `body` with an application and always shuts it down.
    static func with<T>(
        _ environment: Environment,
        sandboxMail: SandboxMail = .none,
        _ body: (Application) async throws -> T
    ) async throws -> T {
        let app = try await make(environment, sandboxMail: sandboxMail)
        do {
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func serve(env name: String, hostname: String, port: Int) async throws {
        let env = try environment(name, arguments: ["almen", "serve", "--hostname", hostname, "--port", "\(port)"])
        try await with(env, sandboxMail: .receive(port: SandboxMail.port)) { app in
            // SQLite has one writer: its one worker runs inside the server.
            if case .sqlite = app.almenConfig.database { app.lifecycle.use(InProcessWorker()) }
            try await app.execute()
        }
    }

    static func work(env name: String, leaseSeconds: Int, concurrency: Int, timeLimit: Duration?) async throws {
        try await with(try environment(name), sandboxMail: .send(port: SandboxMail.port)) { app in
            try await app.runWorker(leaseSeconds: leaseSeconds, concurrency: concurrency, timeLimit: timeLimit)
        }
    }

    static func digitalPostStatus(env name: String) async throws -> DigitalPostStatus {
        try await with(try environment(name)) { app in
            try await DigitalPostStatus.read(on: app.db, now: app.dependencies.now())
        }
    }

    static func demoLetters(env name: String, department: Int, label: String, text: String) async throws -> Int {
        try await with(try environment(name)) { app in
            try await DemoLetters.send(departmentNumber: department, label: label, text: text, app: app)
        }
    }

    static func migrate(env name: String) async throws {
        try await with(try environment(name)) { app in
            try await app.autoMigrate()
            app.logger.info("Database schema is up to date")
            let changed = try await HelpLibrary(database: app.db, dependencies: app.dependencies).installStartingSet()
            app.logger.info("Help articles of the starting set installed or updated: \(changed)")
        }
    }

    static func seed(env name: String, homes: Int, seed: UInt64, ifEmpty: Bool, migrateFirst: Bool) async throws {
        let env = try environment(name)
        guard env != .production else { throw CommandError("Demo data is never seeded into a production environment.") }
        try await with(env) { app in
            if migrateFirst {
                try await app.autoMigrate()
                try await HelpLibrary(database: app.db, dependencies: app.dependencies).installStartingSet()
            }
            if try await DemoSeeder.hasData(app.db) {
                guard ifEmpty else {
                    throw CommandError("The register already has data. Seed an empty database, or pass --if-empty.")
                }
                print("The register already has data; not seeding.")
                return
            }
            let today = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
            let seeder = DemoSeeder(homes: homes, seed: seed, referenceDate: today, vault: app.cprVault)
            let reporter = ProgressReporter(total: homes)
            let summary = try await seeder.run(on: app.db, clock: app.dependencies.now) { done, _, seconds in
                reporter.report(done: done, seconds: seconds)
            }
            print(
                String(
                    format: "Seeded %d homes (%d rows) in %.1f s: %.0f homes/s.",
                    summary.homes,
                    summary.rows,
                    summary.seconds,
                    summary.homesPerSecond
                )
            )
            let meeting = try await DemoMeetings.seed(app: app)
            let letters = try await DemoLetters.seed(app: app, meeting: meeting)
            print(
                "Made \(letters) demo letters (a meeting notice to the first households of the meeting's department, and a påkrav to those a month behind)."
            )
            if let number = try await DemoCases.seed(app: app) {
                print("Opened demo case \(number): sub-letting, with a sub-tenant as the other party.")
            }
            if let number = try await DemoCases.seedComplaint(app: app) {
                print("Opened demo case \(number): a neighbour complaint with two episodes.")
            }
            if meeting != nil {
                print("Called the demo department meeting in five weeks, and published the last one's minutes.")
            }
        }
    }
}

extension AppRunner {
    /// Creates or resets a local staff account; returns the lines to show the administrator.
    static func provisionStaff(
        env name: String,
        email: String,
        name fullName: String,
        role: String
    ) async throws -> [String] {
        try await with(try environment(name)) { app in
            let credentials = try await LocalAccounts.provision(
                email: email,
                name: fullName,
                role: StaffRole(rawValue: role) ?? .caseworker,
                on: app.db,
                keys: app.almenConfig.cprKeys
            )
            return [
                "Staff account \(credentials.email) is ready. Hand these over securely; they are not shown again.",
                "Password:    \(credentials.password)",
                "TOTP secret: \(credentials.totpSecretBase32)",
                "TOTP URI:    \(credentials.otpauthURI)",
            ]
        }
    }
}

extension AppRunner {
    static func letterPreview(env name: String, kind: String) async throws -> (pdf: Data, pages: Int, subject: String) {
        try await with(try environment(name)) { app in try await LetterCommands.preview(kind: kind, app: app) }
    }

    static func letterSend(
        env name: String,
        organisation: String,
        departments: [Int],
        subject: String,
        text: String
    ) async throws -> (runID: UUID, letters: Int, digitalIfRegistered: Int, physical: Int) {
        try await with(try environment(name)) { app in
            try await LetterCommands.send(
                organisationCVR: organisation,
                departmentNumbers: departments,
                subject: subject,
                text: text,
                app: app
            ) { done, total in
                FileHandle.standardError.write(Data(ProgressBar.line(done: done, total: total).utf8))
            }
        }
    }

    static func letterPrintBatches(
        env name: String
    ) async throws -> [(number: Int, letters: Int, pages: Int, pdf: Data, manifest: String)] {
        try await with(try environment(name)) { app in try await LetterCommands.printBatches(app: app) }
    }
}

extension AppRunner {
    /// A process a benchmark started (`ALMEN_EXIT_WITH_PARENT=<the benchmark's pid>`) ends when
    /// the benchmark does, even when the benchmark was killed and could not stop it.
    static func exitWithParent() {
        guard let text = ProcessInfo.processInfo.environment["ALMEN_EXIT_WITH_PARENT"], let parent = Int32(text)
        else { return }
        Thread.detachNewThread {
            while getppid() == parent { Thread.sleep(forTimeInterval: 1) }
            exit(3)
        }
    }

    static func sandbox(
        env name: String,
        hostname: String,
        port: Int,
        appBaseURL: String,
        keepsMessages: Bool = true
    ) async throws {
        let env = try environment(name, arguments: ["almen", "serve", "--hostname", hostname, "--port", "\(port)"])
        try bootstrapLogging(env)
        exitWithParent()
        let app = try await Application.make(env)
        do {
            try app.configureNgDPStandIn(
                config: try AppConfig.fromEnvironment(env),
                appBaseURL: appBaseURL,
                keepsMessages: keepsMessages
            )
            app.logger.notice(
                "NgDP stand-in on http://\(hostname):\(port)/sandbox/ngdp/apis/v1/ (mailboxes at /sandbox/ngdp/postkasse)"
            )
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func unlinkStaff(env name: String, email: String) async throws -> String {
        try await with(try environment(name)) { app in
            guard try await StaffLinking.unlink(email: email, in: app) else {
                throw CommandError("No staff account has the e-mail address \(email).")
            }
            return "The login link of \(email) is removed; the next login with a verified e-mail address links again."
        }
    }

    static func helpSearchBenchmark(
        env name: String,
        articles: Int,
        searches: Int
    ) async throws
        -> HelpSearchBenchmark.Result
    {
        let env = try environment(name)
        guard env != .production else { throw CommandError("The benchmark writes articles: never in production.") }
        return try await with(env) { app in
            try await app.autoMigrate()
            return try await HelpSearchBenchmark.run(app: app, articlesPerOrganisation: articles, searches: searches)
        }
    }

    static func ingestBenchmark(
        env name: String,
        count: Int,
        messageBytes: Int,
        concurrency: Int
    ) async throws -> IngestBenchmark.Result {
        try await with(try environment(name)) { app in
            try await app.autoMigrate()
            return try await IngestBenchmark.run(
                app: app,
                count: count,
                messageBytes: messageBytes,
                concurrency: concurrency
            )
        }
    }
}

extension AppRunner {
    static func portalBenchmark(
        env name: String,
        port: Int,
        rate: Int,
        seconds: Int,
        sessions: Int
    ) async throws -> PortalBenchmark.Result {
        // In `development` Leaf reads every template again on every request (so that edits show
        // at once); production keeps them compiled, and production is what the target is about.
        let env = name == "development" ? Environment(name: "benchmark", arguments: ["almen"]) : try environment(name)
        return try await with(env) { app in
            try await PortalBenchmark.run(app: app, port: port, rate: rate, seconds: seconds, sessions: sessions)
        }
    }
}

extension AppRunner {
    static func pagesBenchmark(
        env name: String,
        port: Int,
        connections: Int,
        seconds: Int,
        sessions: Int,
        only: String?
    ) async throws -> PagesBenchmark.Result {
        // As for the portal benchmark: templates compiled once, as in production.
        let env = name == "development" ? Environment(name: "benchmark", arguments: ["almen"]) : try environment(name)
        return try await with(env) { app in
            try await PagesBenchmark.run(
                app: app,
                port: port,
                connections: connections,
                seconds: seconds,
                sessions: sessions,
                only: only
            )
        }
    }
}

extension AppRunner {
    static func assignStaff(
        env name: String,
        email: String,
        organisationCVR: String,
        remove: Bool
    ) async throws -> String {
        try await with(try environment(name)) { app in
            do {
                return try await StaffAssignments.set(
                    email: email,
                    organisationCVR: organisationCVR,
                    assigned: !remove,
                    on: app.db,
                    ids: app.dependencies.uuid
                )
            } catch let problem as StaffAssignments.Problem {
                throw CommandError(problem.description)
            }
        }
    }
}

/// A command failed for a reason the user can fix; the message says how.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Prints progress about every 5 % on long runs, on standard error so stdout stays clean.
final class ProgressReporter: @unchecked Sendable {
    let total: Int
    private var nextPercent = 5

    init(total: Int) {
        self.total = total
    }

    func report(done: Int, seconds: Double) {
        guard total >= 5_000 else { return }
        let percent = done * 100 / total
        guard percent >= nextPercent || done == total else { return }
        nextPercent = percent / 5 * 5 + 5
        let rate = seconds > 0 ? Double(done) / seconds : 0
        FileHandle.standardError.write(
            Data(String(format: "  %3d%%  %d/%d homes  %.0f homes/s\n", percent, done, total, rate).utf8)
        )
    }
}

extension AppRunner {
    static func ledgerImport(env name: String, text: String, format: String) async throws -> ArrearsCommands.Output {
        try await with(try environment(name)) { app in
            try await ArrearsCommands.importLedger(text, format: format, app: app)
        }
    }

    static func arrearsRun(env name: String, date: String?, dryRun: Bool) async throws -> ArrearsCommands.Output {
        try await with(try environment(name)) { app in
            try await ArrearsCommands.run(date: date, dryRun: dryRun, app: app)
        }
    }

    static func retentionRun(env name: String, date: String?, dryRun: Bool) async throws -> Data {
        try await with(try environment(name)) { app in
            try await RetentionCommands.run(date: date, dryRun: dryRun, app: app)
        }
    }

    static func arrearsFee(env name: String, year: Int, amount: String, source: String) async throws -> String {
        try await with(try environment(name)) { app in
            try await ArrearsCommands.setFee(year: year, amount: amount, source: source, app: app)
        }
    }
}

extension AppRunner {
    static func arrearsBenchmark(env name: String, leases: Int, date: String?) async throws -> ArrearsBenchmark.Result {
        let env = try environment(name)
        guard env != .production else { throw CommandError("The benchmark writes leases: never in production.") }
        guard leases >= 1 else { throw CommandError("--leases must be at least 1.") }
        return try await with(env) { app in
            try await app.autoMigrate()
            let day: LocalDate
            if let date {
                guard let parsed = LocalDate(iso: date) else { throw CommandError("--date must be an ISO date.") }
                day = parsed
            } else {
                // The 15th: the month's rent is past its 3rd hverdag, so påkrav are due.
                day = LocalDate(app.dependencies.now(), timeZone: danishTimeZone).firstOfMonth.adding(days: 14)
            }
            return try await ArrearsBenchmark.run(app: app, leases: leases, date: day)
        }
    }
}
