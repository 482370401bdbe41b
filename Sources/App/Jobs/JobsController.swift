import Fluent
import SQLKit
import Vapor

/// `/admin/jobs` (administrators): how many jobs wait, run, are done and are dead, and the dead
/// ones, newest first, each with its last error and a button that queues it again.
enum JobsController {
    struct Count: Encodable {
        let label: String
        let count: Int
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

    @Sendable
    static func list(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let sql = try req.sql
        let strings = Strings.table(req.language)
        struct StatusCount: Decodable {
            let status: String
            let jobs: Int
        }
        let counts = Dictionary(
            uniqueKeysWithValues: try await sql.raw("SELECT status, COUNT(*) AS jobs FROM jobs GROUP BY status")
                .rows(decoding: StatusCount.self).map { ($0.status, $0.jobs) }
        )
        let cursor = Keyset.cursor(req)
        let rows = try await sql.raw(
            """
            SELECT j.id, j.kind, j.attempts, j.last_error, j.finished_at FROM jobs j WHERE j.status = \(bind: JobStatus.dead.rawValue)
            """ + Keyset.after(cursor, table: "jobs", alias: "j", column: "created_at")
                + " ORDER BY j.created_at DESC, j.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
        ).rows(decoding: DeadJob.self)
        let (dead, pager) = Pager.page(rows, id: \.id, route: .jobs, query: [], cursor: cursor)
        return try await req.view.render(
            "jobs",
            Context(
                page: await PageChrome.make(for: req, title: strings["jobsTitle"] ?? ""),
                counts: JobStatus.allCases.map {
                    Count(label: strings["jobStatus_\($0.rawValue)"] ?? "", count: counts[$0.rawValue] ?? 0)
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
                notice: req.query[String.self, at: "besked"] == "igen" ? strings["jobsRetried"] : nil
            )
        )
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
