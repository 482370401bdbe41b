import Fluent
import Foundation
import SQLKit

/// The Digital Post outbox and bulk letter runs move onto the job queue (issue: Jobs): each
/// outbox letter still on its way and each running bulk run gets its job, and the leases and
/// retry times they kept themselves go. Jobs gain `rerun` (`JobQueue.enqueue(rerun:)`).
struct MoveLettersOntoJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs").field("rerun", .bool, .required, .sql(.default(false))).update()
        let sql = try database.sql()
        let now = Date()
        struct Row: Decodable { let id: UUID }
        let open = try await sql.raw(
            """
            SELECT id FROM digital_post_letters WHERE status IN ('queued', 'retrying', 'sending')
            """
        ).all(decoding: Row.self)
        let running = try await sql.raw("SELECT id FROM bulk_runs WHERE status = 'running'").all(decoding: Row.self)
        let jobs: [any JobPayload] = open.map { OutboxJob(letter: $0.id) } + running.map { BulkLetterJob(run: $0.id) }
        for job in jobs {
            let kind = type(of: job).kind
            try await sql.raw(
                """
                INSERT INTO jobs (id, kind, payload, unique_key, status, attempts, max_attempts, run_at, created_at, rerun)
                VALUES (\(bind: UUID()), \(bind: kind.rawValue), \(bind: job.json), \(bind: job.key), 'queued', 0, \(bind: kind.maxAttempts),
                        \(bind: now), \(bind: now), \(bind: false))
                ON CONFLICT (unique_key) DO NOTHING
                """
            ).run()
        }
        try await sql.raw("UPDATE digital_post_letters SET status = 'queued' WHERE status = 'sending'").run()
        try await SchemaIndex.drop("digital_post_letters_due", in: database)
        for column in ["next_attempt_at", "lease_owner", "lease_expires_at"] {
            try await sql.raw("ALTER TABLE digital_post_letters DROP COLUMN \(ident: column)").run()
        }
        for column in ["lease_owner", "lease_expires_at"] {
            try await sql.raw("ALTER TABLE bulk_runs DROP COLUMN \(ident: column)").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("digital_post_letters").field("next_attempt_at", .datetime).update()
        try await database.sql().raw("UPDATE digital_post_letters SET next_attempt_at = created_at").run()
        for table in ["digital_post_letters", "bulk_runs"] {
            try await database.schema(table).field("lease_owner", .string).update()
            try await database.schema(table).field("lease_expires_at", .datetime).update()
        }
        try await database.schema("jobs").deleteField("rerun").update()
    }
}
