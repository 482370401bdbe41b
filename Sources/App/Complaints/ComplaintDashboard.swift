import AlmenDomain
import SQLKit
import Vapor

/// `/admin/naboklager`: the open neighbour complaints per department, by step and age, oldest
/// first, in the caseworker's organisations. One statement; at most `limit` departments.
enum ComplaintDashboard {
    struct Context: Encodable {
        let page: PageChrome
        let rows: [Row]
        let more: Bool
        let casesHref: String
        /// Administrators: each organisation's window for a repeated complaint.
        let settingsHref: String?
    }

    struct Row: Encodable {
        let department: String
        /// The department's open complaints in the case inbox.
        let href: String
        let organisation: String
        let assessing: Int
        let henstilling: Int
        let paamindelse: Int
        let naevn: Int
        let later: Int
        let total: Int
        /// "12 dage" since the oldest open complaint was filed.
        let oldest: String
    }

    /// One department's open complaints.
    struct Count: Decodable {
        let id: UUID
        let number: Int
        let name: String
        let organisation_name: String
        let assessing: Int
        let henstilling: Int
        let paamindelse: Int
        let naevn: Int
        let later: Int
        let total: Int
        let oldest: Date
    }

    static let limit = 200

    static func counts(scope: StaffScope, on sql: any SQLDatabase) async throws -> [Count] {
        guard let inScope = scope.condition("c", "organisation_id") else { return [] }
        let count = { (steps: [ComplaintStep]) -> SQLQueryString in
            "CAST(SUM(CASE WHEN nc.step IN (\(binds: steps.map(\.rawValue))) THEN 1 ELSE 0 END) AS BIGINT)"
        }
        var query: SQLQueryString = """
            SELECT dep.id, dep.number, dep.name, o.name AS organisation_name,
              \(count([.received, .assessing])) AS assessing, \(count([.henstilling])) AS henstilling,
              \(count([.paamindelse])) AS paamindelse, \(count([.naevn])) AS naevn,
              \(count([.opsigelse, .ophaevelse, .boligret])) AS later,
              COUNT(*) AS total, MIN(c.opened_at) AS oldest
            FROM neighbour_complaints nc JOIN cases c ON c.id = nc.case_id
            JOIN dwellings d ON d.id = nc.about_dwelling_id JOIN departments dep ON dep.id = d.department_id
            JOIN housing_organisations o ON o.id = dep.organisation_id
            WHERE c.status = \(bind: CaseStatus.open.rawValue)
            """
        query += inScope
        query += " GROUP BY dep.id, dep.number, dep.name, o.name ORDER BY MIN(c.opened_at), o.name, dep.number"
        query += " LIMIT \(unsafeRaw: String(limit + 1))"
        return try await sql.raw(query).rows(decoding: Count.self)
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        let counts = try await counts(scope: scope, on: try req.sql)
        let strings = Strings.table(req.language)
        let today = req.today
        return try await req.view.render(
            "complaint-dashboard",
            Context(
                page: await PageChrome.make(for: req, title: strings["complaintDashboardTitle"] ?? ""),
                rows: counts.prefix(limit).map { count in
                    let days = LocalDate(count.oldest, timeZone: danishTimeZone).days(until: today)
                    return Row(
                        department: "\(count.number) \(count.name)",
                        href: SiteRoute.staffCases.path(query: [
                            ("type", CaseKind.neighbourComplaint.rawValue),
                            ("afdeling", count.id.lowercasedString),
                        ]),
                        organisation: count.organisation_name,
                        assessing: count.assessing,
                        henstilling: count.henstilling,
                        paamindelse: count.paamindelse,
                        naevn: count.naevn,
                        later: count.later,
                        total: count.total,
                        oldest: strings.counted(
                            "complaintDays",
                            days,
                            ["n": "\(days)"]
                        )
                    )
                },
                more: counts.count > limit,
                casesHref: SiteRoute.staffCases.path(query: [("type", CaseKind.neighbourComplaint.rawValue)]),
                settingsHref: principal.has(.administrator) ? SiteRoute.complaintSettings.path : nil
            )
        )
    }
}
