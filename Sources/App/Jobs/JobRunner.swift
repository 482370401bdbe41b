import AlmenDomain
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Runs the jobs of the queue (`JobQueue`): claims due jobs with `FOR UPDATE SKIP LOCKED` (so
/// workers never take the same job), holds each under a lease it renews while the job runs, retries
/// a failed job with growing back-off and jitter, and marks it dead after its attempts. Recurring
/// jobs are enqueued for their current period with the period in the unique key, so each runs once
/// per period however many workers there are. A job whose worker died is claimed again when its
/// lease runs out: jobs must be safe to repeat.
final class JobRunner: Sendable {
    struct Settings: Sendable {
        /// How long a claimed job is held; renewed every third of it while the job runs.
        var lease: TimeInterval = 60
        var batchSize = 10
        /// Back-off before the n-th retry: `base × 2^(n-1)`, at most `maxDelay`, plus up to 20 %.
        var baseDelay: TimeInterval = 10
        var maxDelay: TimeInterval = 3600
        /// How long a stopping worker lets a running job finish before it hands the job back.
        var grace: Duration = .seconds(20)
        /// How often recurring jobs are looked at.
        var scheduleEvery: TimeInterval = 15
        /// Whether this runner enqueues the recurring jobs (tests that drive one kind turn it off).
        var recurring = true
        /// How long any one job may run, instead of its kind's `timeLimit` (tests).
        var timeLimit: Duration?
    }

    let id: String
    let database: any Database
    let dependencies: AppDependencies
    let logger: Logger
    let settings: Settings
    let handler: any JobHandler
    /// The error recorded for a job whose worker never came back from its last attempt.
    static let leaseRanOut = "lease ran out on the last attempt"
    private let lastScheduled = NIOLockedValueBox<Date?>(nil)

    init(
        id: String,
        database: any Database,
        dependencies: AppDependencies,
        logger: Logger,
        settings: Settings = Settings(),
        handler: any JobHandler
    ) {
        self.id = id
        self.database = database
        self.dependencies = dependencies
        self.logger = logger
        self.settings = settings
        self.handler = handler
    }

    /// A claimed job.
    struct Claimed: Decodable, Sendable {
        let id: UUID
        let kind: String
        let payload: String
        let attempts: Int
        let max_attempts: Int
    }

    /// A job as its handler sees it.
    private func context(_ job: Claimed, kind: JobKind) -> JobContext {
        JobContext(
            id: job.id,
            kind: kind,
            payload: job.payload,
            attempt: job.attempts,
            maxAttempts: job.max_attempts,
            workerID: id,
            database: database,
            now: dependencies.now()
        )
    }

    /// Enqueues each recurring job for its current period (at most every `scheduleEvery`).
    func scheduleRecurring() async throws {
        guard settings.recurring else { return }
        let now = dependencies.now()
        let due = lastScheduled.withLockedValue { last in
            guard last.map({ now.timeIntervalSince($0) < settings.scheduleEvery && now >= $0 }) != true else {
                return false
            }
            last = now
            return true
        }
        guard due else { return }
        let queue = JobQueue(dependencies: dependencies)
        for kind in JobKind.recurring {
            guard let schedule = kind.schedule else { continue }
            try await queue.enqueue(
                kind,
                uniqueKey: "\(kind.rawValue)@\(schedule.period(at: now, timeZone: danishTimeZone))",
                on: database
            )
        }
    }

    /// Claims up to a batch of due jobs, and jobs whose lease ran out. A job whose lease ran out on
    /// its last attempt (its worker died on it each time, say from running out of memory) is dead
    /// instead of claimed again for ever.
    func claim() async throws -> [Claimed] {
        let sql = try database.sql()
        let now = dependencies.now()
        let given = try await sql.raw(
            """
            UPDATE jobs SET status = \(bind: JobStatus.dead.rawValue), last_error = \(bind: Self.leaseRanOut), finished_at = \(bind: now),
              locked_by = NULL, locked_until = NULL
            WHERE status = \(bind: JobStatus.running.rawValue) AND locked_until < \(bind: now) AND attempts >= max_attempts
            RETURNING id, kind, payload, attempts, max_attempts
            """
        ).rows(decoding: Claimed.self)
        for job in given { await gaveUp(job, reason: Self.leaseRanOut) }
        // SQLite has one writer, so its UPDATE cannot race; PostgreSQL skips rows another worker holds.
        let lockClause: SQLQueryString = sql.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
        return try await sql.raw(
            """
            UPDATE jobs
            SET status = \(bind: JobStatus.running.rawValue), locked_by = \(bind: id),
                locked_until = \(bind: now.addingTimeInterval(settings.lease)), attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM jobs
                WHERE (status = \(bind: JobStatus.queued.rawValue) AND run_at <= \(bind: now))
                   OR (status = \(bind: JobStatus.running.rawValue) AND locked_until < \(bind: now))
                ORDER BY run_at
                LIMIT \(bind: settings.batchSize)
                \(lockClause)
            )
            RETURNING id, kind, payload, attempts, max_attempts
            """
        ).rows(decoding: Claimed.self)
    }

    /// Schedules, claims and runs one batch; returns how many jobs ran.
    @discardableResult
    func runOnce() async throws -> Int {
        try await scheduleRecurring()
        let jobs = try await claim()
        for job in jobs {
            // A stopping worker starts nothing more: the rest of the batch goes back at once.
            if Task.isCancelled {
                await record { try await self.release(job) }
                continue
            }
            await run(job)
        }
        return jobs.count
    }

    /// Works until cancelled, pausing `pollInterval` when there is nothing to do or the database
    /// is unavailable. On cancellation a running job gets `settings.grace` to finish.
    func loop(pollInterval: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            do {
                if try await runOnce() == 0 { try await Task.sleep(for: pollInterval) }
            } catch is CancellationError {
                return
            } catch {
                logger.error(
                    "Jobs: a round failed; trying again",
                    metadata: ["error": "\(String(reflecting: type(of: error)))"]
                )
                try? await Task.sleep(for: pollInterval * 5)
            }
        }
    }

    /// Runs one claimed job and records how it went.
    func run(_ job: Claimed) async {
        guard let kind = JobKind(rawValue: job.kind) else {
            // A kind this version does not know (a newer worker's): handed back untouched, and not
            // claimed again by this worker for a minute.
            await record { try await self.release(job, after: 60) }
            return
        }
        // The batch is run one job at a time: a job that waited behind a long one may have lost its
        // lease to another worker meanwhile, and then it is that worker's.
        do {
            guard try await renew(job) else { return }
        } catch {
            return
        }
        let context = context(job, kind: kind)
        let handler = self.handler
        let work = Task { try await handler.perform(context) }
        let renewal = Task { await self.keepLease(job, while: work) }
        let grace = settings.grace
        let limit = settings.timeLimit ?? kind.timeLimit
        let finished = await withTaskCancellationHandler {
            await Self.result(of: work, within: limit)
        } onCancel: {
            Task {
                try? await Task.sleep(for: grace)
                work.cancel()
            }
        }
        renewal.cancel()
        guard let result = finished else {
            // Hung (a connection that never answers, say): cancelled and left behind, so this
            // worker goes on. It can record nothing that must happen once: `stillHeld` asks for
            // this attempt, and the retry is another.
            work.cancel()
            logger.error(
                "Jobs: a job ran past its time limit; abandoned and tried again later",
                metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "limit": "\(limit)"]
            )
            await record { try await self.fail(job, error: TimeLimitExceeded()) }
            return
        }
        switch result {
        case .success(.done):
            await record { try await self.complete(job) }
        case .success(.again):
            await record { try await self.requeue(job) }
        case .failure(let error) where error is CancellationError && Task.isCancelled:
            await record { try await self.release(job) }
        case .failure(let error):
            logger.warning(
                "Jobs: a job failed",
                metadata: [
                    "job": "\(job.id)", "kind": "\(job.kind)", "error": "\(String(reflecting: type(of: error)))",
                ]
            )
            await record { try await self.fail(job, error: error) }
        }
    }

    /// A job that ran past its kind's time limit (`JobKind.timeLimit`).
    struct TimeLimitExceeded: Error {}

    /// The work's result, or nil when it has not finished within `limit`. Unlike awaiting the
    /// task, this returns on time even when the work is stuck where cancellation cannot reach.
    static func result(
        of work: Task<JobOutcome, any Error>,
        within limit: Duration
    ) async -> Result<JobOutcome, any Error>? {
        let waiting = NIOLockedValueBox<CheckedContinuation<Result<JobOutcome, any Error>?, Never>?>(nil)
        let resume: @Sendable (Result<JobOutcome, any Error>?) -> Void = { result in
            waiting.withLockedValue { continuation in
                continuation?.resume(returning: result)
                continuation = nil
            }
        }
        return await withCheckedContinuation { continuation in
            waiting.withLockedValue { $0 = continuation }
            let timer = Task {
                try? await Task.sleep(for: limit)
                if !Task.isCancelled { resume(nil) }
            }
            Task {
                let result = await work.result
                timer.cancel()
                resume(result)
            }
        }
    }

    /// Renews the lease every third of it while `work` runs; cancels `work` if the lease was lost.
    private func keepLease(_ job: Claimed, while work: Task<JobOutcome, any Error>) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .seconds(settings.lease / 3))
            } catch {
                return
            }
            do {
                guard try await renew(job) else {
                    logger.warning("Jobs: lost the lease on a running job; stopping it", metadata: ["job": "\(job.id)"])
                    work.cancel()
                    return
                }
            } catch {
                // The database is away for a moment: try again at the next third of the lease. If
                // the lease runs out meanwhile and another worker takes the job, the next renewal
                // says so and this one stops.
                logger.warning("Jobs: could not renew a lease; trying again", metadata: ["job": "\(job.id)"])
            }
        }
    }

    /// Extends the lease; false when another worker holds the job now.
    func renew(_ job: Claimed) async throws -> Bool {
        try await update(job, set: "locked_until = \(bind: dependencies.now().addingTimeInterval(settings.lease))")
    }

    /// Done; or queued again at once when someone asked for it to run again while it ran
    /// (`JobQueue.enqueue(rerun: true)`), so what they changed meanwhile is not missed.
    private func complete(_ job: Claimed) async throws {
        let now = dependencies.now()
        _ = try await update(
            job,
            set: """
                status = CASE WHEN rerun THEN \(bind: JobStatus.queued.rawValue) ELSE \(bind: JobStatus.done.rawValue) END,
                attempts = CASE WHEN rerun THEN 0 ELSE attempts END, run_at = CASE WHEN rerun THEN \(bind: now) ELSE run_at END,
                finished_at = CASE WHEN rerun THEN NULL ELSE \(bind: now) END, rerun = \(bind: false), locked_by = NULL, locked_until = NULL
                """
        )
    }

    /// Queued again at once as a fresh job (`JobOutcome.again`).
    private func requeue(_ job: Claimed) async throws {
        _ = try await update(
            job,
            set: """
                status = \(bind: JobStatus.queued.rawValue), attempts = 0, run_at = \(bind: dependencies.now()), rerun = \(bind: false),
                last_error = NULL, locked_by = NULL, locked_until = NULL
                """
        )
    }

    /// Hands the job back as it was claimed, without counting the attempt, due again `after` seconds.
    private func release(_ job: Claimed, after delay: TimeInterval = 0) async throws {
        _ = try await update(
            job,
            set: """
                status = \(bind: JobStatus.queued.rawValue), attempts = attempts - 1, run_at = \(bind: dependencies.now().addingTimeInterval(delay)),
                locked_by = NULL, locked_until = NULL
                """
        )
    }

    /// A retry after back-off, or dead after the last attempt. The error's type is stored, never
    /// its text (which may hold personal data).
    private func fail(_ job: Claimed, error: any Error) async throws {
        let reason = String(reflecting: type(of: error))
        if job.attempts >= job.max_attempts {
            let dead = try await update(
                job,
                set: """
                    status = \(bind: JobStatus.dead.rawValue), last_error = \(bind: reason), finished_at = \(bind: dependencies.now()),
                    locked_by = NULL, locked_until = NULL
                    """
            )
            if dead { await gaveUp(job, reason: reason) }
        } else {
            let wait = max(
                delay(attempt: job.attempts, id: job.id),
                min((error as? any RetryAfterError)?.retryAfter ?? 0, settings.maxDelay)
            )
            _ = try await update(
                job,
                set: """
                    status = \(bind: JobStatus.queued.rawValue), last_error = \(bind: reason),
                    run_at = \(bind: dependencies.now().addingTimeInterval(wait)), locked_by = NULL, locked_until = NULL
                    """
            )
        }
    }

    /// Tells the job's handler that the job is dead. A failure here is logged: the job is on
    /// `/admin/jobs` either way, where a person can retry it.
    private func gaveUp(_ job: Claimed, reason: String) async {
        guard let kind = JobKind(rawValue: job.kind) else { return }
        do {
            try await handler.gaveUp(context(job, kind: kind), reason: reason)
        } catch {
            logger.error(
                "Jobs: a dead job's handler failed",
                metadata: ["job": "\(job.id)", "error": "\(String(reflecting: type(of: error)))"]
            )
        }
    }

    /// Back-off before the next try: doubling from `baseDelay`, capped, with up to 20 % jitter
    /// taken from the job's id (so jobs that failed together do not come back together).
    func delay(attempt: Int, id: UUID) -> TimeInterval {
        let base = min(settings.maxDelay, settings.baseDelay * pow(2, Double(max(0, attempt - 1))))
        let jitter = Double(id.uuid.15) / 255 * 0.2
        return base * (1 + jitter)
    }

    /// Runs `set` on the job if this worker still holds it.
    private func update(_ job: Claimed, set: SQLQueryString) async throws -> Bool {
        let sql = try database.sql()
        struct Row: Decodable { let id: UUID }
        let query: SQLQueryString =
            "UPDATE jobs SET " + set
            + " WHERE id = \(bind: job.id) AND locked_by = \(bind: id) AND attempts = \(bind: job.attempts) RETURNING id"
        return try await sql.raw(query).first(decoding: Row.self) != nil
    }

    /// Records an outcome; a database that is away now is logged, and the lease brings the job back.
    private func record(_ body: @Sendable () async throws -> Void) async {
        do {
            try await body()
        } catch {
            logger.error(
                "Jobs: could not record a job's outcome",
                metadata: ["error": "\(String(reflecting: type(of: error)))"]
            )
        }
    }
}

extension Application {
    /// A job runner for this process, named `id`.
    func jobRunner(id: String, settings: JobRunner.Settings = JobRunner.Settings()) -> JobRunner {
        JobRunner(
            id: id,
            database: db,
            dependencies: dependencies,
            logger: logger,
            settings: settings,
            handler: jobWork
        )
    }
}
