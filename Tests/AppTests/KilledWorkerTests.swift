import AlmenSandbox
import Fluent
import Foundation
import SQLKit
import Sandbox
import Testing
import Vapor

@testable import App

/// Real `almen worker` processes on PostgreSQL: one is killed (SIGKILL) in the middle of a batch;
/// another takes its letters when the lease runs out, and every letter arrives exactly once.
@Suite("Killed worker")
struct KilledWorkerTests {
    /// `.build/debug/almen`, built by `swift build --build-tests` with the tests.
    static let binary: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/almen")

    static func worker(databaseURL: String, ngdp: String) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["worker", "--lease-seconds", "3"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["ALMEN_NGDP_BASE_URL"] = ngdp
        environment["ALMEN_NGDP_SYSTEM_TOKEN"] = "sandbox-system-token"
        environment["LOG_LEVEL"] = "error"
        environment["ALMEN_ENV"] = "development"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls until `condition` holds (real processes take real time), at most `seconds`.
    static func wait(seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil, "worker processes share a PostgreSQL database"))
    func aKilledWorkersLettersAreSentOnceByAnother() async throws {
        try await withTestApp(seedHomes: 80, running: true) { app in
            #expect(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the almen binary first")
            guard case .postgres(let databaseURL) = app.almenConfig.database else { return }
            let standIn = try #require(app.ngdpStandIn)
            let letters = try await DigitalPostOutboxTests.enqueue(app, registered: 16, exempt: 0)
            // Slow answers, so the first worker is in the middle of its batch when it dies.
            await standIn.setFaults(NgDPFaults(latencyMilliseconds: 150))
            let ngdp = app.almenConfig.publicBaseURL + "/sandbox/ngdp/apis/v1/"

            let first = try Self.worker(databaseURL: databaseURL, ngdp: ngdp)
            let started = try await Self.wait(seconds: 60) { await standIn.delivered().count >= 2 }
            kill(first.processIdentifier, SIGKILL)
            first.waitUntilExit()
            // The letters whose jobs the dead worker had claimed (its batch): held under its lease,
            // whether or not one was on the wire at the moment it died.
            struct Held: Decodable { let held: Int }
            let inFlight =
                try await (app.db as! any SQLDatabase).raw(
                    """
                    SELECT COUNT(*) AS held FROM jobs
                    WHERE kind = \(bind: JobKind.sendDigitalPost.rawValue) AND status = \(bind: JobStatus.running.rawValue)
                    """
                ).first(decoding: Held.self)?.held ?? 0
            let second = try Self.worker(databaseURL: databaseURL, ngdp: ngdp)
            defer {
                second.terminate()
                second.waitUntilExit()
            }
            let finished = try await Self.wait(seconds: 90) {
                try await DigitalPostLetter.query(on: app.db).filter(\.$status == .sent).count() == letters.count
            }

            #expect(started)
            #expect(first.terminationReason == .uncaughtSignal)
            #expect(inFlight > 0, "the killed worker held letters")
            #expect(finished)
            let delivered = await standIn.delivered().map(\.messageUUID)
            #expect(delivered.count == letters.count)
            #expect(Set(delivered) == Set(letters.map(\.messageUUID)))
            let attempts = await standIn.attempts()
            #expect(Set(attempts.keys).isSubset(of: Set(letters.map(\.messageUUID))))
        }
    }
}

/// `almen worker` and the job queue as processes on PostgreSQL: two workers run the day's
/// recurring jobs once each between them, and SIGTERM stops a worker promptly with no job left
/// held.
@Suite("Worker processes and jobs")
struct WorkerProcessJobTests {
    struct Row: Decodable {
        let kind: String
        let status: String
        let locked_by: String?
    }

    /// A worker process with what it has printed so far.
    final class Worker: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var printed = ""
        var output: String { lock.withLock { printed } }

        func append(_ data: Data) { lock.withLock { printed += String(decoding: data, as: UTF8.self) } }
    }

    static func worker(databaseURL: String, ngdp: String) throws -> Worker {
        let worker = Worker()
        worker.process.executableURL = KilledWorkerTests.binary
        worker.process.arguments = ["worker"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["ALMEN_NGDP_BASE_URL"] = ngdp
        environment["ALMEN_NGDP_SYSTEM_TOKEN"] = "sandbox-system-token"
        environment["LOG_LEVEL"] = "info"
        environment["ALMEN_ENV"] = "development"
        worker.process.environment = environment
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in worker.append(handle.availableData) }
        worker.process.standardOutput = pipe
        worker.process.standardError = pipe
        try worker.process.run()
        return worker
    }

    @Test(.enabled(if: TestDatabase.postgresURL != nil, "worker processes share a PostgreSQL database"))
    func twoWorkersRunEachRecurringJobOnceAndStopCleanlyOnSIGTERM() async throws {
        try await withTestApp(seedHomes: 10, running: true) { app in
            guard case .postgres(let databaseURL) = app.almenConfig.database else { return }
            let ngdp = app.almenConfig.publicBaseURL + "/sandbox/ngdp/apis/v1/"
            let sql = try #require(app.db as? any SQLDatabase)

            // Each worker says when its signals are caught and its work has begun.
            let workers = try [
                Self.worker(databaseURL: databaseURL, ngdp: ngdp), Self.worker(databaseURL: databaseURL, ngdp: ngdp),
            ]
            let started = try await KilledWorkerTests.wait(seconds: 60) {
                workers.allSatisfy { $0.output.contains("Worker started") }
            }
            // Every recurring job has run, and what they queued in turn (the arrears run's påkrav,
            // a påkrav's notice to the municipality) is done too.
            let ran = try await KilledWorkerTests.wait(seconds: 60) {
                let rows = try await sql.raw("SELECT kind, status, locked_by FROM jobs").all(decoding: Row.self)
                return rows.filter { $0.status == JobStatus.done.rawValue }.count >= JobKind.recurring.count
                    && rows.allSatisfy { $0.status == JobStatus.done.rawValue }
            }
            let stopping = Date()
            for worker in workers { kill(worker.process.processIdentifier, SIGTERM) }
            for worker in workers { worker.process.waitUntilExit() }
            let stopped = Date().timeIntervalSince(stopping)

            #expect(started)
            #expect(ran)
            let rows = try await sql.raw("SELECT kind, status, locked_by FROM jobs").all(decoding: Row.self)
            // Each daily job once for today, however many workers asked; the every-minute pulls
            // once a minute (the test spans at most two minutes).
            for kind in JobKind.recurring {
                let count = rows.filter { $0.kind == kind.rawValue }.count
                if kind.schedule == .everyMinute {
                    #expect((1...2).contains(count), "\(kind): \(count)")
                } else {
                    #expect(count == 1, "\(kind): \(count)")
                }
            }
            #expect(rows.allSatisfy { $0.status == JobStatus.done.rawValue && $0.locked_by == nil })
            #expect(workers.allSatisfy { $0.process.terminationReason == .exit && $0.process.terminationStatus == 0 })
            #expect(workers.allSatisfy { $0.output.contains("Worker stopped") })
            #expect(stopped < 25, "stopped in \(stopped) s")
        }
    }
}
