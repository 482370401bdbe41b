import Foundation
import Vapor

/// Runs the job queue inside the server process (the Digital Post outbox, receiving, receipts,
/// bulk letters and the clean-ups are all jobs): the set-up for SQLite, which has one writer
/// (system.md). On PostgreSQL run `almen worker` processes instead.
public final class InProcessWorker: LifecycleHandler, @unchecked Sendable {
    private var jobs: Task<Void, Never>?
    let pollInterval: Duration

    public init(pollInterval: Duration = .seconds(1)) {
        self.pollInterval = pollInterval
    }

    public func didBootAsync(_ application: Application) async throws {
        let runner = application.jobRunner(id: "in-process-\(ProcessInfo.processInfo.processIdentifier)")
        let interval = pollInterval
        jobs = Task { await runner.loop(pollInterval: interval) }
    }

    public func shutdownAsync(_ application: Application) async {
        jobs?.cancel()
        await jobs?.value
    }
}

extension Application {
    /// Runs a worker until SIGINT or SIGTERM (`almen worker`): the job queue, with the Digital
    /// Post outbox and receiving system through each organisation's connection or the shared
    /// one. On a signal it stops claiming; a running job gets its grace period to finish, or is
    /// handed back. `leaseSeconds` is how long a claimed job is held before another worker may
    /// take it over (renewed while the job runs).
    /// `concurrency` jobs run at once, each loop claiming its own (a job waiting on NgDP or the
    /// database leaves the core to another).
    public func runWorker(
        pollInterval: Duration = .seconds(1),
        leaseSeconds: Int = 60,
        concurrency: Int = 1,
        timeLimit: Duration? = nil
    ) async throws {
        let id = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        var settings = JobRunner.Settings()
        settings.lease = TimeInterval(leaseSeconds)
        // Caps every kind's `JobKind.timeLimit` (the fault tests use a short one).
        settings.timeLimit = timeLimit
        if ngdpClient == nil {
            logger.warning(
                "No shared Digital Post connection: only organisations with their own connection send digitally"
            )
        }
        // One runner (and id) per loop: a loop's lease and outcomes are its own, so two loops of one
        // process never run the same job.
        let runners = (1...max(1, concurrency)).map { loop in
            var own = settings
            // One loop enqueues the recurring jobs; the others only run jobs.
            own.recurring = loop == 1
            return jobRunner(id: concurrency > 1 ? "\(id)-\(loop)" : id, settings: own)
        }
        // The signals are caught before any work starts, so a SIGTERM always stops it gracefully.
        let stop = AsyncStream<Void>.makeStream()
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { stop.continuation.finish() }
            source.resume()
            return source
        }
        let jobs = Task {
            await withTaskGroup(of: Void.self) { group in
                for runner in runners { group.addTask { await runner.loop(pollInterval: pollInterval) } }
            }
        }
        logger.info("Worker started")
        for await _ in stop.stream {}
        jobs.cancel()
        await jobs.value
        for source in signals { source.cancel() }
        logger.info("Worker stopped")
    }
}
