import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Every kind of background job, with its schedule when it recurs. A new kind is a case here and
/// branches in `JobWork.perform` and `JobWork.gaveUp`; the compiler then asks for them, and `TextCompletenessTests`
/// for its name in the UI (`jobKind_<code>`).
enum JobKind: String, CaseIterable, Sendable {
    /// Removes sessions past their idle timeout or absolute lifetime, and files held for a form
    /// that came back (`HeldUploads`) after a day.
    case purgeSessions = "sessions.purge"
    /// Removes login attempts (state, nonce, PKCE verifier) older than their 10 minutes, and
    /// failed local logins a day after the last one (`LoginFailures`).
    case purgeLoginAttempts = "login_attempts.purge"
    /// Removes finished jobs after two weeks; dead jobs stay until someone retries them, except
    /// every-minute pulls, which the next minute replaces (removed after a day).
    case purgeJobs = "jobs.purge"
    /// The receiving system fetches citizens' mail through every connection (NgDP deactivates a
    /// receiving system that has not fetched for 7 days).
    case pullMail = "digital_post.pull_mail"
    /// Later receipts for our letters (NgDP answers RECEIVED first), through every connection.
    case pullReceipts = "digital_post.pull_receipts"
    /// Sends one letter of the Digital Post outbox (payload `OutboxJob`), or decides that it goes
    /// on paper. Enqueued with the outbox row, in the same transaction.
    case sendDigitalPost = "digital_post.send"
    /// Makes the next chunk of a running bulk letter run's letters (payload `BulkLetterJob`),
    /// and runs again at once while letters remain.
    case bulkLetters = "letters.bulk"
    /// Reminds co-tenants who have not signed a termination notice a week after it was sent
    /// (`TerminationReminders`).
    case remindTerminationSignatures = "termination.remind"
    /// How long each kind of case took to be answered last quarter (`CaseStatistics`).
    case caseStatistics = "cases.statistics"
    /// The daily arrears run (`ArrearsRun`): påkrav due are queued or proposed, paid ones closed.
    case arrearsRun = "arrears.run"
    /// Makes one lease's påkrav (payload `PaakravJob`, `PaakravSending`).
    case sendPaakrav = "paakrav.send"
    /// Sends one notice to a municipality (payload `MunicipalityNoticeJob`,
    /// `MunicipalityNoticeSender`): by Digital Post to its CVR number, or into the print queue.
    case sendMunicipalityNotice = "municipality_notice.send"
    /// Collects a copy of a resident's data (payload `DataExportJob`, `DataExports`).
    case privacyExport = "privacy.export"
    /// Deletes copies of residents' data not downloaded within their 7 days.
    case expireExports = "privacy.expire_exports"
    /// Deletes what has passed its retention period (`RetentionRun`, rules.md §9).
    case retention = "privacy.retention"
    /// On bank days, queues the morning's e-mail to each member of staff with cases due today or
    /// late (`StaffReminders`).
    case remindStaff = "cases.remind_staff"
    /// Sends one member of staff's reminder (payload `StaffReminderJob`).
    case remindStaffOne = "cases.remind_staff_one"

    /// The kinds that run on a schedule.
    static var recurring: [JobKind] { allCases.filter { $0.schedule != nil } }

    /// When the job recurs (Danish time), or nil for a job that is only enqueued.
    var schedule: RecurringSchedule? {
        switch self {
        case .purgeSessions: .daily(hour: 3, minute: 15)
        case .purgeLoginAttempts: .daily(hour: 3, minute: 20)
        case .purgeJobs: .daily(hour: 3, minute: 30)
        case .pullMail, .pullReceipts: .everyMinute
        case .remindTerminationSignatures: .daily(hour: 8, minute: 0)
        case .caseStatistics: .daily(hour: 2, minute: 40)
        // After the night's import of payments, before the working day.
        case .arrearsRun: .daily(hour: 6, minute: 0)
        case .expireExports: .daily(hour: 3, minute: 40)
        case .retention: .daily(hour: 2, minute: 30)
        // Before the working day, after the night's deadlines have turned.
        case .remindStaff: .daily(hour: 7, minute: 0)
        case .sendDigitalPost, .bulkLetters, .sendPaakrav, .sendMunicipalityNotice, .privacyExport, .remindStaffOne:
            nil
        }
    }

    /// A dead job of this kind has handed its work to people elsewhere, so it is not retried from
    /// `/admin/jobs`: a letter that could not be sent is a caseworker's task on the letters page
    /// (send it on paper), a notice to a municipality on its case, and retrying the job would not
    /// send it.
    var handsDeadWorkToCaseworkers: Bool { self == .sendDigitalPost || self == .sendMunicipalityNotice }

    /// How long one attempt may run before the runner gives up on it and tries again later: far
    /// beyond what the work takes (NgDP's request timeout is two minutes), so only a stuck attempt
    /// reaches it.
    var timeLimit: Duration {
        switch self {
        // A letter: a look-up and a send, each at most NgDP's two-minute request timeout.
        case .sendDigitalPost, .bulkLetters, .pullMail, .pullReceipts, .sendPaakrav, .sendMunicipalityNotice,
            .remindStaffOne:
            .seconds(300)
        // The nightly runs over a whole register: generous, as a second run beside a slow first
        // would only repeat its work.
        case .arrearsRun, .retention, .privacyExport, .caseStatistics: .seconds(4 * 3600)
        case .purgeSessions, .purgeLoginAttempts, .purgeJobs, .remindTerminationSignatures, .expireExports,
            .remindStaff:
            .seconds(1800)
        }
    }

    /// Attempts before the job is dead and waits for a person. A pull is tried three times: the
    /// next minute's pull comes anyway. A letter is tried for about a day (back-off doubling from
    /// 10 seconds to an hour) before a caseworker is asked to act.
    var maxAttempts: Int {
        switch self {
        case .pullMail, .pullReceipts: 3
        case .purgeSessions, .purgeLoginAttempts, .purgeJobs, .bulkLetters, .remindTerminationSignatures,
            .caseStatistics, .arrearsRun, .sendPaakrav, .privacyExport, .expireExports, .retention, .remindStaff,
            .remindStaffOne:
            5
        case .sendDigitalPost, .sendMunicipalityNotice: 30
        }
    }
}

/// How a job went, when it did not throw.
enum JobOutcome: Sendable {
    case done
    /// More of the same work remains (a bulk run's next chunk): queued again at once as a fresh
    /// job, behind what is already due, so other work keeps moving.
    case again
}

/// An error that says when to try again at the earliest (NgDP's Retry-After); the runner waits
/// at least that long, and longer if its back-off says so.
protocol RetryAfterError: Error {
    var retryAfter: TimeInterval? { get }
}

/// What a job's handler gets: the job, its database and the injected clock.
struct JobContext: Sendable {
    let id: UUID
    let kind: JobKind
    /// JSON the enqueuer gave, `{}` for none.
    let payload: String
    /// 1 on the first try.
    let attempt: Int
    let maxAttempts: Int
    /// The worker running the job.
    let workerID: String
    let database: any Database
    let now: Date

    var isLastAttempt: Bool { attempt >= maxAttempts }

    /// The payload, decoded.
    func payload<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(payload.utf8))
    }

    /// Whether this worker still holds this attempt of the job (an attempt the runner abandoned
    /// does not, even once the same worker has claimed the job again). Inside a transaction on PostgreSQL the job's row
    /// stays locked until it ends, so the answer holds for the whole transaction: call it before
    /// recording an outcome that must happen once (a letter sent).
    func stillHeld(on database: any Database) async throws -> Bool {
        let sql = try database.sql()
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? "FOR UPDATE" : ""
        struct Row: Decodable { let id: UUID }
        return try await sql.raw(
            """
            SELECT id FROM jobs WHERE id = \(bind: id) AND locked_by = \(bind: workerID) AND status = \(bind: JobStatus.running.rawValue)
              AND attempts = \(bind: attempt) \(lock)
            """
        ).first(decoding: Row.self) != nil
    }
}

/// The payload of a job that does one piece of work on one record (send this letter, go on with
/// that bulk run): its kind, and a key that names the work, so it is queued once.
protocol JobPayload: Codable, Sendable {
    static var kind: JobKind { get }
    /// The record the work is on.
    var record: UUID { get }
    /// The unique key that names the work (by default its kind and record).
    var key: String { get }
}

extension JobPayload {
    /// One job per kind and record: `digital_post.send:<letter id>`.
    var key: String { "\(Self.kind.rawValue):\(record.lowercasedString)" }

    /// The payload as the job stores it.
    var json: String {
        // Encoding a struct of ids cannot fail.
        String(decoding: (try? JSONEncoder().encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// What each kind of job does (`JobWork`), and what happens when one is given up.
protocol JobHandler: Sendable {
    func perform(_ context: JobContext) async throws -> JobOutcome
    /// The job is dead: its attempts are used up, or its worker died on its last attempt. Called
    /// once, after the job is recorded dead, so the work it carried can say so (a letter fails
    /// for a caseworker). `reason` is what the runner recorded: `JobRunner.leaseRanOut`, or the
    /// type of the last error (for the log; never shown as it is).
    func gaveUp(_ context: JobContext, reason: String) async throws
}
