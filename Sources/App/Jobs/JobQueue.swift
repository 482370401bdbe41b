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
    @discardableResult
    func enqueue(
        _ kind: JobKind, payload: String = "{}", uniqueKey: String? = nil, runAt: Date? = nil, on database: any Database
    ) async throws -> Bool {
        let sql = try database.sql()
        let now = dependencies.now()
        struct Row: Decodable { let id: UUID }
        let inserted = try await sql.raw("""
            INSERT INTO jobs (id, kind, payload, unique_key, status, attempts, max_attempts, run_at, created_at)
            VALUES (\(bind: dependencies.uuid()), \(bind: kind.rawValue), \(bind: payload), \(bind: uniqueKey),
                    \(bind: JobStatus.queued.rawValue), 0, \(bind: kind.maxAttempts), \(bind: runAt ?? now), \(bind: now))
            ON CONFLICT (unique_key) DO NOTHING
            RETURNING id
            """).first(decoding: Row.self)
        return inserted != nil
    }

    /// Puts a dead job back in the queue with its attempts reset; false when it is not dead.
    func retry(_ id: UUID, on database: any Database) async throws -> Bool {
        let sql = try database.sql()
        struct Row: Decodable { let id: UUID }
        return try await sql.raw("""
            UPDATE jobs SET status = \(bind: JobStatus.queued.rawValue), attempts = 0, run_at = \(bind: dependencies.now()),
              locked_by = NULL, locked_until = NULL
            WHERE id = \(bind: id) AND status = \(bind: JobStatus.dead.rawValue)
            RETURNING id
            """).first(decoding: Row.self) != nil
    }
}

extension Application {
    var jobQueue: JobQueue { JobQueue(dependencies: dependencies) }
}
