import Foundation
import Vapor

/// Runs one worker inside the server process (Digital Post outbox, receiving, bulk letters): the
/// set-up for SQLite, which has one writer (system.md). On PostgreSQL run `almen worker`
/// processes instead.
public final class InProcessWorker: LifecycleHandler, @unchecked Sendable {
    private var task: Task<Void, Never>?
    let pollInterval: Duration

    public init(pollInterval: Duration = .seconds(1)) {
        self.pollInterval = pollInterval
    }

    public func didBootAsync(_ application: Application) async throws {
        let id = "in-process-\(ProcessInfo.processInfo.processIdentifier)"
        let worker = application.digitalPostWorker(id: id)
        let interval = pollInterval
        let logger = application.logger
        let receiving = application.receivingSystem
        let bulk = application.bulkLetters()
        let receipts = application.laterReceipts
        task = Task {
            await DigitalPostWorker.loop(
                worker, receiving: receiving, receipts: receipts, bulk: bulk, workerID: id, pollInterval: interval, logger: logger
            )
        }
    }

    public func shutdownAsync(_ application: Application) async {
        task?.cancel()
        await task?.value
    }
}

extension DigitalPostWorker {
    /// How often the receiving system polls NgDP for citizens' mail.
    static let receivePollInterval: TimeInterval = 60

    /// Works until cancelled: an outbox batch and a chunk of bulk letters at a time, pausing when
    /// there is nothing to do or the database is unavailable; polls for incoming mail every minute.
    static func loop(
        _ worker: DigitalPostWorker?, receiving: ReceivingSystem, receipts: LaterReceipts, bulk: BulkLetters, workerID: String,
        pollInterval: Duration, logger: Logger
    ) async {
        var lastReceive = Date.distantPast
        while !Task.isCancelled {
            do {
                if Date().timeIntervalSince(lastReceive) >= receivePollInterval {
                    lastReceive = Date()
                    try await receiving.pullAll()
                    try await receipts.pullAll()
                }
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
    /// receiving system when NgDP is configured, and bulk letters always.
    public func runDigitalPostWorker(pollInterval: Duration = .seconds(1), leaseSeconds: Int = 300) async throws {
        let id = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        var settings = DigitalPostWorker.Settings()
        settings.lease = TimeInterval(leaseSeconds)
        let worker = digitalPostWorker(id: id, settings: settings)
        if ngdpClient == nil { logger.warning("No shared Digital Post connection: only organisations with their own connection send digitally") }
        let logger = self.logger
        let receiving = receivingSystem
        let bulk = bulkLetters()
        let receipts = laterReceipts
        let work = Task {
            await DigitalPostWorker.loop(
                worker, receiving: receiving, receipts: receipts, bulk: bulk, workerID: id, pollInterval: pollInterval, logger: logger
            )
        }
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { work.cancel() }
            source.resume()
            return source
        }
        logger.info("Digital Post worker started")
        await work.value
        signals.forEach { $0.cancel() }
        logger.info("Digital Post worker stopped")
    }
}
