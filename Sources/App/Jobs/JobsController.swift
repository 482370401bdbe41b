import Fluent
import SQLKit
import Vapor

/// `/admin/jobs` (administrators): how many jobs wait, run, are done and are dead, and the dead
/// ones, newest first, each with its last error and a button that queues it again.
enum JobsController {
    struct Count: Encodable {
        let label: String
        /// "12", or "over 10.000" past the cap.
        let count: String
    }

    struct Row: Encodable {
        let kind: String
        let finished: String
        let attempts: Int
        let error: String
        /// Retry the job; nil when its work went to caseworkers instead (`taskHref`).
        let retryAction: String?
        let taskHref: String?
    }

    struct Context: Encodable {
        let page: PageChrome
        let counts: [Count]
        let dead: [Row]
        let pager: Pager
        let notice: String?
    }

    struct DeadJob: Decodable {
        let id: UUID
        let kind: String
        let attempts: Int
        let last_error: String?
        let finished_at: Date?
    }

    /// What the page shows: each state's count, up to `countCap` (a letter run queues tens of
    /// thousands, and finished jobs are kept a while), and a page of dead jobs. Two statements
    /// however long the queue.
    struct Page: Sendable {
        /// Jobs counted per state, at most; the page says "over" this.
        static let countCap = 10_000
        let counts: [JobStatus: Int]
        let dead: [DeadJob]

        static func load(
            after cursor: UUID?,
            countingUpTo cap: Int = countCap,
            on sql: any SQLDatabase
        ) async throws -> Page {
            struct StatusCount: Decodable {
                let status: String
                let jobs: Int
            }
            // Each state counted through the `jobs_due` index, and no further than the cap.
            let counting = JobStatus.allCases.map { status in
                "SELECT '\(status.rawValue)' AS status, COUNT(*) AS jobs FROM "
                    + "(SELECT 1 FROM jobs WHERE status = '\(status.rawValue)' LIMIT \(cap + 1)) c\(status.rawValue)"
            }.joined(separator: " UNION ALL ")
            let counts = try await sql.raw(SQLQueryString(counting)).rows(decoding: StatusCount.self)
            let dead = try await sql.raw(
                """
                SELECT j.id, j.kind, j.attempts, j.last_error, j.finished_at FROM jobs j WHERE j.status = \(bind: JobStatus.dead.rawValue)
                """ + Keyset.after(cursor, table: "jobs", alias: "j", column: "created_at")
                    + " ORDER BY j.created_at DESC, j.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
            ).rows(decoding: DeadJob.self)
            return Page(
                counts: Dictionary(
                    uniqueKeysWithValues: counts.compactMap { row in
                        JobStatus(rawValue: row.status).map { ($0, row.jobs) }
                    }
                ),
                dead: dead
            )
        }
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let cursor = Keyset.cursor(req)
        let loaded = try await Page.load(after: cursor, on: try req.sql)
        let (dead, pager) = Pager.page(loaded.dead, id: \.id, route: .jobs, query: [], cursor: cursor)
        return try await req.view.render(
            "jobs",
            Context(
                page: await PageChrome.make(for: req, title: strings["jobsTitle"] ?? ""),
                counts: JobStatus.allCases.map { status in
                    Count(
                        label: strings["jobStatus_\(status.rawValue)"] ?? "",
                        count: countText(loaded.counts[status] ?? 0, cap: Page.countCap, req.language)
                    )
                },
                dead: dead.map { job in
                    Row(
                        kind: strings["jobKind_\(job.kind)"] ?? strings["jobKindOther"] ?? "",
                        finished: job.finished_at.map { DateText.timestamp($0, req.language) } ?? "",
                        attempts: job.attempts,
                        error: strings[Self.errorKey(job.last_error)] ?? "",
                        retryAction: JobKind(rawValue: job.kind)?.handsDeadWorkToCaseworkers == true
                            ? nil : SiteRoute.jobRetry(job.id).path,
                        taskHref: JobKind(rawValue: job.kind)?.handsDeadWorkToCaseworkers == true
                            ? SiteRoute.letters.path(query: [("status", LetterStatus.failed.rawValue)]) : nil
                    )
                },
                pager: pager,
                notice: req.queryValue("besked") == "igen" ? strings["jobsRetried"] : nil
            )
        )
    }

    /// A state's count as the page says it: "12", or "over 10.000" past the cap.
    static func countText(_ count: Int, cap: Int, _ language: Language) -> String {
        count > cap
            ? Strings.table(language).filled("jobsCountOver", ["count": NumberText.whole(cap, language)])
            : NumberText.whole(count, language)
    }

    /// What went wrong, in words: the stored error is a type name for the log, not for the page.
    static func errorKey(_ stored: String?) -> String {
        guard let stored else { return "jobsErrorOther" }
        if stored == JobRunner.leaseRanOut { return "jobsErrorLeaseRanOut" }
        if stored.hasSuffix(".Retry") || stored.contains("NgDPError") { return "jobsErrorTransient" }
        if stored.hasSuffix("ArrearsError") { return "jobsErrorArrears" }
        return "jobsErrorOther"
    }

    /// `POST /admin/jobs/:jobID/igen`: a dead job back in the queue. Anything else is a 404.
    @Sendable
    static func retry(_ req: Request) async throws -> Response {
        _ = try req.requireAdministrator()
        guard let id = req.parameters.get("jobID", as: UUID.self),
            try await req.application.jobQueue.retry(id, on: req.db)
        else {
            throw Abort(.notFound)
        }
        return req.redirect(to: SiteRoute.jobs.path(query: [("besked", "igen")]), redirectType: .normal)
    }
}
