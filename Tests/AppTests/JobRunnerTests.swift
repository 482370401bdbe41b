import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The job queue on both databases: recurring jobs once per period however many workers run,
/// retries with back-off until a job is dead, a dead job queued again from the back office, a job
/// whose worker died taken over when its lease runs out, and the nightly clean-up itself.
@Suite("Jobs")
struct JobRunnerTests {
    /// Counts what a runner performed, by kind.
    final class Performed: Sendable {
        private let counts = NIOLockedValueBox<[JobKind: Int]>([:])

        func record(_ kind: JobKind) { counts.withLockedValue { $0[kind, default: 0] += 1 } }
        func count(_ kind: JobKind) -> Int { counts.withLockedValue { $0[kind, default: 0] } }
        var total: Int { counts.withLockedValue { $0.values.reduce(0, +) } }
    }

    /// Handles every job with a closure, and records the jobs given up.
    struct Handler: JobHandler {
        let body: @Sendable (JobContext) async throws -> Void
        var givenUp: Performed?

        func perform(_ context: JobContext) async throws -> JobOutcome {
            try await body(context)
            return .done
        }

        func gaveUp(_ context: JobContext, reason: String) async throws { givenUp?.record(context.kind) }
    }

    static func runner(
        _ app: Application,
        id: String,
        performed: Performed,
        failing: Set<JobKind> = [],
        givenUp: Performed? = nil
    ) -> JobRunner {
        let handler = Handler(
            body: { context in
                performed.record(context.kind)
                if failing.contains(context.kind) { throw Boom() }
            },
            givenUp: givenUp
        )
        return JobRunner(id: id, database: app.db, dependencies: app.dependencies, logger: app.logger, handler: handler)
    }

    struct Boom: Error {}

    struct JobRow: Decodable {
        let kind: String
        let status: String
        let attempts: Int
        let run_at: Date
        let unique_key: String?
        let last_error: String?
    }

    static func jobs(_ app: Application) async throws -> [JobRow] {
        try await (app.db as! any SQLDatabase).raw(
            "SELECT kind, status, attempts, run_at, unique_key, last_error FROM jobs ORDER BY kind"
        )
        .all(decoding: JobRow.self)
    }

    @Test func aRecurringJobRunsOncePerPeriodWithTwoWorkers() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let performed = Performed()
            let first = Self.runner(app, id: "a", performed: performed)
            let second = Self.runner(app, id: "b", performed: performed)

            for _ in 0..<3 {
                async let one = first.runOnce()
                async let two = second.runOnce()
                _ = try await (one, two)
            }

            // 23 November 2026 at 10:00: the day's 03:15, 03:20 and 03:30 have come.
            for kind in JobKind.recurring { #expect(performed.count(kind) == 1, "\(kind)") }
            let rows = try await Self.jobs(app)
            #expect(rows.count == JobKind.recurring.count)
            #expect(rows.allSatisfy { $0.status == JobStatus.done.rawValue })
            for kind in JobKind.recurring where kind.schedule == .daily(hour: 3, minute: 15) || kind == .purgeJobs {
                #expect(rows.contains { $0.unique_key == "\(kind.rawValue)@2026-11-23" }, "\(kind)")
            }

            // The next day each runs once more.
            clock.advance(by: 86_400)
            _ = try await first.runOnce()
            _ = try await second.runOnce()
            for kind in JobKind.recurring { #expect(performed.count(kind) == 2, "\(kind)") }
        }
    }

    @Test func aFailingJobIsRetriedWithBackOffThenDeadAndQueuedAgainFromTheBackOffice() async throws {
        let clock = TestClock()
        try await withTestApp(seedHomes: 10, clock: clock) { app in
            let performed = Performed()
            let givenUp = Performed()
            let runner = Self.runner(app, id: "a", performed: performed, failing: [.purgeJobs], givenUp: givenUp)
            #expect(try await app.jobQueue.enqueue(.purgeJobs, uniqueKey: "once", on: app.db))
            #expect(try await !app.jobQueue.enqueue(.purgeJobs, uniqueKey: "once", on: app.db))

            var delays: [TimeInterval] = []
            for _ in 1...JobKind.purgeJobs.maxAttempts {
                try await runner.runOnce()
                let row = try #require(try await Self.jobs(app).first { $0.unique_key == "once" })
                delays.append(row.run_at.timeIntervalSince(clock.now))
                clock.advance(by: max(0, row.run_at.timeIntervalSince(clock.now)) + 1)
            }

            let dead = try #require(try await Self.jobs(app).first { $0.unique_key == "once" })
            #expect(dead.status == JobStatus.dead.rawValue)
            #expect(dead.attempts == JobKind.purgeJobs.maxAttempts)
            #expect(dead.last_error?.hasSuffix("Boom") == true)
            #expect(givenUp.count(.purgeJobs) >= 1, "the handler hears that the job is dead")
            // Back-off doubles from 10 s, with at most 20 % jitter.
            for (index, delay) in delays.dropLast().enumerated() {
                let base = 10 * pow(2, Double(index))
                #expect(delay >= base && delay <= base * 1.2, "attempt \(index + 1): \(delay) s")
            }

            // An administrator sees it, in words, and queues it again.
            let administrator = try #require(
                try await StaffUser.query(on: app.db).filter(\.$role == .administrator).first()
            ).requireID()
            let token = try await PageSessions.signIn(staff: administrator, on: app)
            let cookies = "\(SessionCookie.session)=\(token)"
            let deadBefore = try await Self.jobs(app).filter { $0.status == JobStatus.dead.rawValue }.count
            var retryPath = ""
            try await app.testing().test(.GET, SiteRoute.jobs.path, headers: ["Cookie": cookies]) { res async throws in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Oprydning i færdige job"))
                #expect(!res.body.string.contains("jobs.purge"))
                #expect(!res.body.string.contains("Boom"))
                #expect(res.body.string.contains("En fejl i systemet."))
                retryPath = try #require(res.body.string.firstMatch(of: /action="(\/admin\/jobs\/[^"]+\/igen)"/)).1
                    .description
            }
            try await app.testing().test(
                .POST,
                retryPath,
                headers: [
                    "Cookie": cookies, "X-CSRF-Token": CSRFProtection.token(forSession: token),
                    "Content-Type": "application/x-www-form-urlencoded",
                ]
            ) { res async throws in
                #expect(res.status == .seeOther)
            }
            // (The day's own clean-up may have failed the same way: one dead job fewer, one queued.)
            let after = try await Self.jobs(app)
            #expect(after.filter { $0.status == JobStatus.dead.rawValue }.count == deadBefore - 1)
            #expect(after.filter { $0.status == JobStatus.queued.rawValue && $0.attempts == 0 }.count == 1)
            // A second click finds nothing dead: a 404, and nothing changes.
            try await app.testing().test(
                .POST,
                retryPath,
                headers: [
                    "Cookie": cookies, "X-CSRF-Token": CSRFProtection.token(forSession: token),
                    "Content-Type": "application/x-www-form-urlencoded",
                ]
            ) { res async throws in
                #expect(res.status == .notFound)
            }
        }
    }

    /// The jobs page's loader counts each state exactly up to its cap and stops there (a letter
    /// run's tens of thousands are not counted per view), in two statements.
    @Test func theJobsPageCountsEachStateUpToItsCap() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DELETE FROM jobs").run()
            for key in ["a", "b", "c", "d", "e"] {
                #expect(try await app.jobQueue.enqueue(.purgeJobs, uniqueKey: key, on: app.db))
            }
            let exact = try await JobsController.Page.load(after: nil, on: sql)
            #expect(exact.counts == [.queued: 5, .running: 0, .done: 0, .dead: 0])
            let capped = try await JobsController.Page.load(after: nil, countingUpTo: 2, on: sql)
            #expect(capped.counts[.queued] == 3, "counted up to one past the cap, which says 'over'")
            #expect(capped.dead.isEmpty)
            #expect(JobsController.countText(3, cap: 2, .da) == "over 2")
            #expect(JobsController.countText(10_001, cap: 10_000, .en) == "over 10,000")
            #expect(JobsController.countText(2, cap: 2, .da) == "2")
        }
    }

    /// Work started again while its job runs (a bulk run resumed while its job finishes a
    /// chunk) runs once more when the job is done; work started again after it finished is queued
    /// again with fresh attempts; without `rerun` a finished key stays finished.
    @Test func aJobAskedToRunAgainWhileItRunsRunsOnceMore() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let performed = Performed()
            var settings = JobRunner.Settings()
            settings.recurring = false
            let runner = JobRunner(
                id: "a",
                database: app.db,
                dependencies: app.dependencies,
                logger: app.logger,
                settings: settings,
                handler: Handler { context in performed.record(context.kind) }
            )
            let work = BulkLetterJob(run: UUID())
            #expect(try await app.jobQueue.enqueue(work, on: app.db))
            let job = try #require(try await runner.claim().first)
            #expect(try await app.jobQueue.enqueue(work, rerun: true, on: app.db))
            await runner.run(job)
            var row = try #require(try await Self.jobs(app).first { $0.unique_key == work.key })
            #expect(row.status == JobStatus.queued.rawValue)
            #expect(row.attempts == 0)

            #expect(try await runner.runOnce() == 1)
            row = try #require(try await Self.jobs(app).first { $0.unique_key == work.key })
            #expect(row.status == JobStatus.done.rawValue)
            #expect(performed.count(.bulkLetters) == 2)

            #expect(try await !app.jobQueue.enqueue(work, on: app.db))
            #expect(try await runner.runOnce() == 0)
            #expect(try await app.jobQueue.enqueue(work, rerun: true, on: app.db))
            #expect(try await runner.runOnce() == 1)
            #expect(performed.count(.bulkLetters) == 3)
        }
    }

    @Test func aJobWhoseWorkerDiedIsTakenOverWhenItsLeaseRunsOut() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let performed = Performed()
            try await app.jobQueue.enqueue(.purgeSessions, uniqueKey: "lease", on: app.db)
            let dying = Self.runner(app, id: "dying", performed: performed)
            let other = Self.runner(app, id: "other", performed: performed)

            // The first worker claims the job and dies before running it.
            let claimed = try await dying.claim().filter { $0.kind == JobKind.purgeSessions.rawValue }
            #expect(claimed.count >= 1)
            #expect(
                try await other.claim().filter { $0.kind == JobKind.purgeSessions.rawValue && $0.attempts == 1 }.isEmpty
            )

            clock.advance(by: JobRunner.Settings().lease + 1)
            let taken = try await other.claim().filter { $0.kind == JobKind.purgeSessions.rawValue }
            for job in taken { await other.run(job) }

            #expect(performed.count(.purgeSessions) >= 1)
            let row = try #require(try await Self.jobs(app).first { $0.unique_key == "lease" })
            #expect(row.status == JobStatus.done.rawValue)
            #expect(row.attempts == 2)
            // The dead worker's lease is gone: it can no longer renew the job.
            let lost = try #require(claimed.first { _ in true })
            #expect(try await !dying.renew(lost))
        }
    }

    @Test func aStuckJobIsAbandonedAtItsTimeLimitAndTheWorkerGoesOnWhileTheStuckAttemptHoldsNothing() async throws {
        try await withTestApp { app in
            try await app.jobQueue.enqueue(.purgeSessions, uniqueKey: "stuck", on: app.db)
            let stuck = NIOLockedValueBox<JobContext?>(nil)
            // Stuck where cancellation does not reach, as a query on a connection that never answers.
            let handler = Handler(body: { context in
                stuck.withLockedValue { $0 = context }
                await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in }
            })
            var settings = JobRunner.Settings()
            settings.recurring = false
            settings.timeLimit = .milliseconds(300)
            let runner = JobRunner(
                id: "w",
                database: app.db,
                dependencies: app.dependencies,
                logger: app.logger,
                settings: settings,
                handler: handler
            )
            let claimed = try await runner.claim()
            #expect(claimed.count == 1)
            for job in claimed { await runner.run(job) }
            let row = try #require(try await Self.jobs(app).first { $0.unique_key == "stuck" })
            #expect(row.status == JobStatus.queued.rawValue)
            #expect(row.attempts == 1)
            #expect(row.last_error?.contains("TimeLimitExceeded") == true)
            // The same worker takes the retry; the abandoned attempt no longer holds the job.
            try await (app.db as! any SQLDatabase).raw("UPDATE jobs SET run_at = \(bind: testNow)").run()
            #expect(try await runner.claim().count == 1)
            let abandoned = try #require(stuck.withLockedValue { $0 })
            #expect(try await !abandoned.stillHeld(on: app.db))
        }
    }

    @Test func aJobThatKeepsKillingItsWorkerIsDeadAfterItsAttemptsAndAStaleClaimIsNotRun() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let performed = Performed()
            try await app.jobQueue.enqueue(.pullMail, uniqueKey: "crash", on: app.db)
            let lease = JobRunner.Settings().lease
            var stale: [JobRunner.Claimed] = []
            // Each worker claims it and dies (never records anything); the lease runs out each time.
            for attempt in 1...JobKind.pullMail.maxAttempts {
                let claimed = try await Self.runner(app, id: "w\(attempt)", performed: performed).claim().filter {
                    $0.kind == JobKind.pullMail.rawValue
                }
                stale += claimed
                clock.advance(by: lease + 1)
            }
            let givenUp = Performed()
            let next = try await Self.runner(app, id: "last", performed: performed, givenUp: givenUp).claim()
                .filter { $0.kind == JobKind.pullMail.rawValue }

            #expect(next.isEmpty)
            #expect(givenUp.count(.pullMail) == 1)
            let row = try #require(try await Self.jobs(app).first { $0.unique_key == "crash" })
            #expect(row.status == JobStatus.dead.rawValue)
            #expect(row.last_error == JobRunner.leaseRanOut)
            // A worker that comes back with a claim it no longer holds does not run it.
            for job in stale { await Self.runner(app, id: "w1", performed: performed).run(job) }
            #expect(performed.total == 0)
        }
    }

    @Test func theNightlyCleanUpRemovesExpiredSessionsOnly() async throws {
        try await withTestApp(seedHomes: 10) { app in
            let person = try #require(try await LeaseTenant.query(on: app.db).first()).$person.id
            let now = app.dependencies.now()
            let idle = UserSession(
                tokenHash: "idle",
                principalKind: .resident,
                personID: person,
                staffUserID: nil,
                now: now,
                authTime: now
            )
            idle.lastSeenAt = now.addingTimeInterval(-UserSession.idleTimeout - 1)
            try await idle.create(on: app.db)
            try await UserSession(
                tokenHash: "live",
                principalKind: .resident,
                personID: person,
                staffUserID: nil,
                now: now,
                authTime: now
            )
            .create(on: app.db)
            try await LoginAttempt.query(on: app.db).delete()

            // The real clean-up; the pulls (which would reach for NgDP) are left out here.
            let work = app.jobWork
            let nightly = Handler { context in
                if context.kind == .purgeSessions || context.kind == .purgeLoginAttempts {
                    _ = try await work.perform(context)
                }
            }
            try await JobRunner(
                id: "nightly",
                database: app.db,
                dependencies: app.dependencies,
                logger: app.logger,
                handler: nightly
            ).runOnce()

            let left = try await UserSession.query(on: app.db).all().map(\.tokenHash)
            #expect(left == ["live"])
        }
    }
}
