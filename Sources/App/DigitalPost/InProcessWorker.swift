import Foundation
import Vapor

/// Runs one worker inside the server process (Digital Post outbox, receiving, bulk letters, and the
/// job queue): the set-up for SQLite, which has one writer (system.md). On PostgreSQL run
/// `almen worker` processes instead.
public final class InProcessWorker: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?
    private var jobs: Task<Void, Never>?
    let pollInterval: Duration

    public init(pollInterval: Duration = .seconds(1)) {
        self.pollInterval = pollInterval
    }

    public func didBootAsync(_ application: Application) async throws {
        let id = "in-process-\(ProcessInfo.processInfo.processIdentifier)"
        let worker = application.digitalPostWorker(id: id)
        let interval = pollInterval
        let logger = application.logger
        let bulk = application.bulkLetters()
        task = Task { await DigitalPostWorker.loop(worker, bulk: bulk, workerID: id, pollInterval: interval, logger: logger) }
        let runner = application.jobRunner(id: id)
        jobs = Task { await runner.loop(pollInterval: interval) }
    }

    public func shutdownAsync(_ application: Application) async {
        task?.cancel()
        jobs?.cancel()
        await task?.value
        await jobs?.value
    }
}

extension DigitalPostWorker {
    /// Works until cancelled: an outbox batch and a chunk of bulk letters at a time, pausing when
    /// there is nothing to do or the database is unavailable. (Fetching mail and receipts are
    /// jobs, once a minute across all workers: `JobKind.pullMail`, `.pullReceipts`.)
    static func loop(_ worker: DigitalPostWorker?, bulk: BulkLetters, workerID: String, pollInterval: Duration, logger: Logger) async {
        while !Task.isCancelled {
            do {
                let sent = try await worker?.runOnce() ?? 0
                let bulkBusy = try await bulk.stepAny(workerID: workerID)
                if sent == 0, !bulkBusy { try await Task.sleep(for: pollInterval) }
            } catch is CancellationError {
                return
            } catch {
                logger.error("Digital Post worker: batch failed; trying again", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                try? await Task.sleep(for: pollInterval * 5)
            }
        }
    }
}

extension Application {
    /// Runs a worker until SIGINT or SIGTERM (`almen worker`): the Digital Post outbox and
    /// receiving system when NgDP is configured, bulk letters and the job queue always. On a
    /// signal it stops claiming; a running job gets its grace period to finish, or is handed back.
    public func runDigitalPostWorker(pollInterval: Duration = .seconds(1), leaseSeconds: Int = 300) async throws {
        let id = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        var settings = DigitalPostWorker.Settings()
        settings.lease = TimeInterval(leaseSeconds)
        let worker = digitalPostWorker(id: id, settings: settings)
        if ngdpClient == nil { logger.warning("No shared Digital Post connection: only organisations with their own connection send digitally") }
        let logger = self.logger
        let bulk = bulkLetters()
        let runner = jobRunner(id: id)
        // The signals are caught before any work starts, so a SIGTERM always stops it gracefully.
        let stop = AsyncStream<Void>.makeStream()
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { stop.continuation.finish() }
            source.resume()
            return source
        }
        let work = Task { await DigitalPostWorker.loop(worker, bulk: bulk, workerID: id, pollInterval: pollInterval, logger: logger) }
        let jobs = Task { await runner.loop(pollInterval: pollInterval) }
        logger.info("Worker started")
        for await _ in stop.stream {}
        work.cancel()
        jobs.cancel()
        await work.value
        await jobs.value
        signals.forEach { $0.cancel() }
        logger.info("Worker stopped")
    }
}
