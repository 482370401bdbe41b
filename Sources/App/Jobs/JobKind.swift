import AlmenDomain
import Fluent
import Foundation
import Vapor

/// Every kind of background job, with its schedule when it recurs. A new kind is a case here and
/// a branch in `JobWork.perform`; the compiler then asks for both, and `TextCompletenessTests`
/// for its name in the UI (`jobKind_<code>`).
enum JobKind: String, CaseIterable, Sendable {
    /// Removes sessions past their idle timeout or absolute lifetime.
    case purgeSessions = "sessions.purge"
    /// Removes login attempts (state, nonce, PKCE verifier) older than their 10 minutes.
    case purgeLoginAttempts = "login_attempts.purge"
    /// Removes finished jobs after two weeks; dead jobs stay until someone retries them, except
    /// every-minute pulls, which the next minute replaces (removed after a day).
    case purgeJobs = "jobs.purge"
    /// The receiving system fetches citizens' mail through every connection (NgDP deactivates a
    /// receiving system that has not fetched for 7 days).
    case pullMail = "digital_post.pull_mail"
    /// Later receipts for our letters (NgDP answers RECEIVED first), through every connection.
    case pullReceipts = "digital_post.pull_receipts"

    /// When the job recurs (Danish time), or nil for a job that is only enqueued.
    var schedule: RecurringSchedule? {
        switch self {
        case .purgeSessions: .daily(hour: 3, minute: 15)
        case .purgeLoginAttempts: .daily(hour: 3, minute: 20)
        case .purgeJobs: .daily(hour: 3, minute: 30)
        case .pullMail, .pullReceipts: .everyMinute
        }
    }

    /// Attempts before the job is dead and waits for a person. A pull is tried three times: the
    /// next minute's pull comes anyway.
    var maxAttempts: Int {
        switch self {
        case .pullMail, .pullReceipts: 3
        case .purgeSessions, .purgeLoginAttempts, .purgeJobs: 5
        }
    }
}

/// What a job's handler gets: the job, its database and the injected clock.
struct JobContext: Sendable {
    let id: UUID
    let kind: JobKind
    /// JSON the enqueuer gave, `{}` for none.
    let payload: String
    /// 1 on the first try.
    let attempt: Int
    let database: any Database
    let now: Date
    let logger: Logger
}
