import AlmenDomain
import Foundation
import SQLKit

/// The lists of cases: staff's within their scope (`StaffFilter`: open or closed, of a kind, due
/// today or late, theirs or nobody's, of an organisation or a department, opened in some days,
/// searched by number, title, a party's name, a sub-tenant's name or the address)
/// and a person's own ("Mine sager"), newest first, a page at a time by keyset (`Keyset`): one
/// statement a page whatever the number of cases.
enum CaseLists {
    struct Row: Decodable, Sendable, CaseHeading {
        let id: UUID
        let number: String
        let title: String
        /// The English beside a title the system gave (`CaseFile.titleEnglish`).
        let title_en: String?
        let kind: String
        let status: String
        let opened_at: Date
        let organisation_name: String
        /// The member of staff handling it.
        let assignee_name: String?
        /// The first unmet deadline, "YYYY-MM-DD:kind" (the earliest sorts first).
        let next_deadline: String?
        /// The unmet answer deadline, YYYY-MM-DD: the date promised to the residents.
        let answer_due: String?

        var nextDeadline: CaseDeadline? { CaseLists.deadline(next_deadline) }
    }

    /// Which cases the staff list shows by their deadlines.
    enum DueFilter: String, CaseIterable, Sendable {
        /// An unmet deadline today.
        case today = "idag"
        /// An unmet deadline before today.
        case late = "overskredet"
    }

    /// Whose cases the staff list shows (`tildelt`).
    enum AssigneeFilter: Sendable, Equatable {
        /// The signed-in member of staff's (`mig`).
        case mine
        /// Nobody's yet (`ingen`).
        case nobody
        /// A named colleague's (their id).
        case member(UUID)

        /// The two choices every list offers, before the staff by name.
        static let named: [AssigneeFilter] = [.mine, .nobody]

        init?(rawValue: String) {
            switch rawValue {
            case "mig": self = .mine
            case "ingen": self = .nobody
            default:
                guard let id = UUID(uuidString: rawValue) else { return nil }
                self = .member(id)
            }
        }

        var rawValue: String {
            switch self {
            case .mine: "mig"
            case .nobody: "ingen"
            case .member(let id): id.lowercasedString
            }
        }
    }

    /// What the staff list shows: the query parameters of `/admin/sager`, parsed.
    struct StaffFilter: Sendable {
        var status: CaseStatus = .open
        var kind: CaseKind? = nil
        var due: DueFilter? = nil
        var assignee: AssigneeFilter? = nil
        var search: String? = nil
        /// Cases of one department (`afdeling`): of a lease there, or a complaint about a home there.
        var department: UUID? = nil
        /// Cases of one of the staff's organisations.
        var organisation: UUID? = nil
        /// Cases opened in these days.
        var period = ListPeriod()

        /// Whether anything but the status narrows the list (or, `countingDue: false`, anything
        /// but the status and the deadline: an empty list of cases due today says so in its words).
        func narrows(countingDue: Bool = true) -> Bool {
            kind != nil || countingDue && due != nil || assignee != nil || search != nil || department != nil
                || organisation != nil || !period.isEmpty
        }
    }

    private static let columns: SQLQueryString = """
        SELECT c.id, c.number, c.title, c.title_en, c.kind, c.status, c.opened_at, o.name AS organisation_name,
          (SELECT s.name FROM staff_users s WHERE s.id = c.assignee_id) AS assignee_name,
          (SELECT MIN(dl.due_on || ':' || dl.kind) FROM case_deadlines dl
            WHERE dl.case_id = c.id AND dl.met_at IS NULL) AS next_deadline,
          (SELECT MIN(dl.due_on) FROM case_deadlines dl
            WHERE dl.case_id = c.id AND dl.met_at IS NULL AND dl.kind = 'answer') AS answer_due
        FROM cases c JOIN housing_organisations o ON o.id = c.organisation_id
        """

    /// A case nobody handles: none assigned, or its caseworker has left (inactive) or no longer
    /// works for the case's organisation. The inbox's "Ikke tildelt" and the reminders count it so.
    static func nobodys(_ alias: String) -> SQLQueryString {
        """
        (\(ident: alias).assignee_id IS NULL OR NOT EXISTS (SELECT 1 FROM staff_users hs WHERE hs.id = \(ident: alias).assignee_id
          AND hs.active = \(bind: true) AND (hs.role = \(bind: StaffRole.administrator.rawValue) OR EXISTS (
            SELECT 1 FROM staff_assignments ha WHERE ha.staff_user_id = hs.id AND ha.organisation_id = \(ident: alias).organisation_id))))
        """
    }

    /// "2026-12-08:receipt" as a deadline.
    static func deadline(_ text: String?) -> CaseDeadline? {
        guard let parts = text?.split(separator: ":"), parts.count == 2, let due = LocalDate(iso: String(parts[0])),
            let kind = CaseDeadlineKind(rawValue: String(parts[1]))
        else { return nil }
        return CaseDeadline(kind: kind, due: due)
    }

    private static func page(_ query: SQLQueryString, after cursor: UUID?) -> SQLQueryString {
        query + Keyset.after(cursor, table: "cases", alias: "c", column: "opened_at")
            + " ORDER BY c.opened_at DESC, c.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
    }

    /// A page of the staff's cases in `scope` by `filter` (`staffQuery`), in one statement that
    /// also writes the read's audit event (`AuditedRead`). While a day of the filter is not a
    /// date there is no list (the page shows the mistake, not a list that ignores part of the
    /// filter), nor with an empty scope; the opened list is audited all the same.
    static func staff(
        _ scope: StaffScope,
        _ filter: StaffFilter,
        staffID: UUID,
        today: LocalDate,
        after cursor: UUID?,
        audit: AuditedRead,
        on database: any SQLDatabase
    ) async throws -> [Row] {
        guard filter.period.problems.isEmpty,
            let query = staffQuery(scope, filter, staffID: staffID, today: today, after: cursor)
        else {
            try await audit.write([nil], on: database)
            return []
        }
        let raw = database.raw(audit.statement(query, on: database))
        // The inbox as staff open it is prepared. A filter or a search is planned for its values.
        let rows = try await filter.narrows() ? raw.rows(decoding: Row.self) : raw.preparedRows(decoding: Row.self)
        try await audit.finish(on: database)
        return rows
    }

    /// The statement of a page of the staff's cases in `scope` by `filter`, newest first; nil when
    /// the scope is empty.
    static func staffQuery(
        _ scope: StaffScope,
        _ filter: StaffFilter,
        staffID: UUID,
        today: LocalDate,
        after cursor: UUID?
    ) -> SQLQueryString? {
        var query = columns + " WHERE c.status = \(bind: filter.status.rawValue)"
        guard let inScope = scope.condition("c", "organisation_id") else { return nil }
        query += inScope
        if let kind = filter.kind { query += " AND c.kind = \(bind: kind.rawValue)" }
        if let organisation = filter.organisation { query += " AND c.organisation_id = \(bind: organisation)" }
        query += filter.period.condition("c", "opened_at")
        switch filter.assignee {
        case .mine: query += " AND c.assignee_id = \(bind: staffID)"
        case .member(let id): query += " AND c.assignee_id = \(bind: id)"
        case .nobody: query += " AND " + nobodys("c")
        case nil: break
        }
        if let department = filter.department {
            query += " AND (EXISTS (SELECT 1 FROM leases fl JOIN dwellings fd ON fd.id = fl.dwelling_id"
            query += " WHERE fl.id = c.lease_id AND fd.department_id = \(bind: department))"
            query +=
                " OR EXISTS (SELECT 1 FROM neighbour_complaints fc JOIN dwellings fd ON fd.id = fc.about_dwelling_id"
            query += " WHERE fc.case_id = c.id AND fd.department_id = \(bind: department)))"
        }
        if let due = filter.due {
            query += " AND c.id IN (SELECT dl.case_id FROM case_deadlines dl WHERE dl.met_at IS NULL AND dl.due_on "
            query += due == .today ? "= \(bind: today.iso))" : "< \(bind: today.iso))"
        }
        if let search = filter.search {
            query += " AND (" + Keyset.like("c.number", search) + " OR " + Keyset.like("c.title", search)
            query += " OR " + Keyset.like("COALESCE(c.title_en, '')", search)
            query +=
                " OR EXISTS (SELECT 1 FROM case_parties cp JOIN people pe ON pe.id = cp.person_id WHERE cp.case_id = c.id AND "
                + Keyset.like("pe.given_name || ' ' || pe.family_name", search) + ")"
            // The people a tenant lets rooms to are named in the notice, not in the register.
            query +=
                " OR EXISTS (SELECT 1 FROM subletting_requests sr WHERE sr.case_id = c.id AND "
                + Keyset.like("sr.subtenants", search) + ")"
            query +=
                " OR EXISTS (SELECT 1 FROM leases l JOIN dwellings d ON d.id = l.dwelling_id WHERE l.id = c.lease_id AND "
                + Keyset.like("d.street || ' ' || d.house_number", search) + "))"
        }
        return page(query, after: cursor)
    }

    static func ofParty(_ personID: UUID, after cursor: UUID?, on database: any SQLDatabase) async throws -> [Row] {
        let query =
            columns
            + " WHERE EXISTS (SELECT 1 FROM case_parties cp WHERE cp.case_id = c.id AND cp.person_id = \(bind: personID))"
        return try await database.raw(page(query, after: cursor)).preparedRows(decoding: Row.self)
    }
}
