import Fluent
import Foundation
import SQLKit

/// What each kind of job does, with the services it needs. Every job may run more than once (a
/// worker can die after the work and before recording it), so each is written to be safe to repeat.
struct JobWork: Sendable {
    let receiving: ReceivingSystem
    let receipts: LaterReceipts

    func perform(_ context: JobContext) async throws {
        let sql = try context.database.sql()
        switch context.kind {
        case .purgeSessions:
            try await sql.raw("""
                DELETE FROM user_sessions
                WHERE last_seen_at < \(bind: context.now.addingTimeInterval(-UserSession.idleTimeout))
                   OR created_at < \(bind: context.now.addingTimeInterval(-UserSession.absoluteLifetime))
                """).run()
        case .purgeLoginAttempts:
            try await sql.raw("""
                DELETE FROM login_attempts WHERE created_at < \(bind: context.now.addingTimeInterval(-LoginAttempt.lifetime))
                """).run()
        case .purgeJobs:
            try await sql.raw("""
                DELETE FROM jobs WHERE status = \(bind: JobStatus.done.rawValue)
                  AND finished_at < \(bind: context.now.addingTimeInterval(-JobQueue.keepFinished))
                """).run()
            // A pull that died is replaced by the next minute's: after a day it is only noise.
            let everyMinute = JobKind.allCases.filter { $0.schedule == .everyMinute }.map(\.rawValue)
            try await sql.raw("""
                DELETE FROM jobs WHERE status = \(bind: JobStatus.dead.rawValue) AND kind IN (\(binds: everyMinute))
                  AND finished_at < \(bind: context.now.addingTimeInterval(-86_400))
                """).run()
        case .pullMail:
            try await receiving.pullAll()
        case .pullReceipts:
            _ = try await receipts.pullAll()
        }
    }
}
