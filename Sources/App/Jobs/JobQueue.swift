import Fluent
import Foundation
import SQLKit
import Vapor

/// Where a job is in its life.
enum JobStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for `run_at`.
    case queued
    /// Claimed by a worker until `locked_until`; a worker that dies leaves it to be claimed again.
    case running
    case done
    /// Failed `max_attempts` times: waits for a person (`/admin/jobs`, "Prøv igen").
    case dead
}

/// The durable job queue (jobs): a table in the application's own database, so a job is enqueued
/// in the same transaction as the change that calls for it, and survives any process.
struct JobQueue: Sendable {
    /// Finished jobs are kept this long, then removed by `JobKind.purgeJobs`.
    static let keepFinished: TimeInterval = 14 * 86_400

    let dependencies: AppDependencies

    /// Enqueues a job on `database` (pass the transaction it belongs to). A `uniqueKey` names the
    /// piece of work: a second job with the same key is not queued, whatever state the first is
    /// in. Returns whether this call queued it.
    ///
    /// With `rerun`, a job with the same key that has finished (done or dead) is queued again
    /// with fresh attempts, and one that is running now runs once more when it is done: for work
    /// that someone starts again (a paused bulk run resumed).
    @discardableResult
    func enqueue(
        _ kind: JobKind,
        payload: String = "{}",
        uniqueKey: String? = nil,
        runAt: Date? = nil,
        rerun: Bool = false,
        on database: any Database
    ) async throws -> Bool {
        let sql = try database.sql()
        let now = dependencies.now()
        let queued = JobStatus.queued.rawValue
        let finished = [JobStatus.done.rawValue, JobStatus.dead.rawValue]
        let onConflict: SQLQueryString =
            rerun
            ? """
            DO UPDATE SET
              status = CASE WHEN jobs.status IN (\(binds: finished)) THEN \(bind: queued) ELSE jobs.status END,
              attempts = CASE WHEN jobs.status IN (\(binds: finished)) THEN 0 ELSE jobs.attempts END,
              run_at = CASE WHEN jobs.status IN (\(binds: finished)) THEN excluded.run_at ELSE jobs.run_at END,
              finished_at = CASE WHEN jobs.status IN (\(binds: finished)) THEN NULL ELSE jobs.finished_at END,
              rerun = (jobs.status = \(bind: JobStatus.running.rawValue))
            """
            : "DO NOTHING"
        struct Row: Decodable { let id: UUID }
        let inserted = try await sql.raw(
            """
            INSERT INTO jobs (id, kind, payload, unique_key, status, attempts, max_attempts, run_at, created_at)
            VALUES (\(bind: dependencies.uuid()), \(bind: kind.rawValue), \(bind: payload), \(bind: uniqueKey),
                    \(bind: queued), 0, \(bind: kind.maxAttempts), \(bind: runAt ?? now), \(bind: now))
            ON CONFLICT (unique_key) \(onConflict)
            RETURNING id
            """
        ).first(decoding: Row.self)
        return inserted != nil
    }

    /// Enqueues the job that does the work `payload` names, once per its key.
    @discardableResult
    func enqueue(_ payload: some JobPayload, rerun: Bool = false, on database: any Database) async throws -> Bool {
        try await enqueue(
            type(of: payload).kind,
            payload: payload.json,
            uniqueKey: payload.key,
            rerun: rerun,
            on: database
        )
    }

    /// Puts a dead job back in the queue with its attempts reset; false when it is not dead, or
    /// its work went to caseworkers (`JobKind.handsDeadWorkToCaseworkers`).
    func retry(_ id: UUID, on database: any Database) async throws -> Bool {
        let sql = try database.sql()
        struct Row: Decodable { let id: UUID }
        return try await sql.raw(
            """
            UPDATE jobs SET status = \(bind: JobStatus.queued.rawValue), attempts = 0, run_at = \(bind: dependencies.now()),
              locked_by = NULL, locked_until = NULL
            WHERE id = \(bind: id) AND status = \(bind: JobStatus.dead.rawValue)
              AND kind NOT IN (\(binds: JobKind.allCases.filter(\.handsDeadWorkToCaseworkers).map(\.rawValue)))
            RETURNING id
            """
        ).first(decoding: Row.self) != nil
    }
}

extension Application {
    var jobQueue: JobQueue { JobQueue(dependencies: dependencies) }
}
