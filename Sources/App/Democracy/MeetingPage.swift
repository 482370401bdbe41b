import AlmenDomain
import Foundation
import SQLKit
import Vapor

/// The page queries of resident democracy: each reads what its page shows in one statement,
/// scoped in SQL to the caseworker's organisations or to the resident's own homes.
enum MeetingPage {
    /// A meeting with its organisation, department, notice run and counts.
    struct Header: Decodable, Sendable {
        let id: UUID
        let body: MeetingBody
        let kind: MeetingKind
        let organisation_id: UUID
        let organisation_name: String
        let department_id: UUID?
        let department_number: Int?
        let department_name: String?
        let held_on: String
        let starts_at: String
        let place: String
        let agenda: String
        let notice_by: String
        let proposals_by: String
        let minutes_by: String
        let votes_per_household: Int
        let notice_run_id: UUID?
        let notice_run_status: String?
        let notice_run_sent: Int?
        let notice_run_total: Int?
        let minutes: String?
        let published_at: Date?
        let cancelled_at: Date?
        let cancel_reason: String?
        let cancellation_run_id: UUID?
        /// Households (leases not ended) of the department; 0 for the representative body.
        let households: Int
        let registered_people: Int
        let registered_households: Int
        /// For a resident: their lease in the department (to propose, register and ask with).
        let my_lease_id: UUID?
        let my_registration: Int?

        var day: LocalDate { LocalDate(iso: held_on) ?? LocalDate(year: 2000, month: 1, day: 1)! }
        var agendaItems: [String] {
            (try? JSONDecoder().decode([String].self, from: Data(agenda.utf8))) ?? []
        }
        var department: String? {
            department_number.map { "\($0) \(department_name ?? "")" }
        }
    }

    /// Leases person `person` lives in (tenant or household member).
    static func ownLeases(_ person: UUID) -> SQLQueryString {
        """
        SELECT lt.lease_id FROM lease_tenants lt WHERE lt.person_id = \(bind: person)
        UNION SELECT h.lease_id FROM household_members h WHERE h.person_id = \(bind: person)
        """
    }

    /// Leases person `person` may act for in resident democracy (propose, register, ask for a
    /// meeting): as a tenant, or as an adult member of the household.
    static func actingLeases(_ person: UUID) -> SQLQueryString {
        """
        SELECT lt.lease_id FROM lease_tenants lt WHERE lt.person_id = \(bind: person)
        UNION SELECT h.lease_id FROM household_members h WHERE h.person_id = \(bind: person) AND h.adult = \(bind: true)
        """
    }

    /// Departments person `person` lives in today.
    static func ownDepartments(_ person: UUID) -> SQLQueryString {
        """
        SELECT dw.department_id FROM leases ll JOIN dwellings dw ON dw.id = ll.dwelling_id
        WHERE ll.status <> 'ended' AND ll.id IN (\(ownLeases(person)))
        """
    }

    /// The meetings a resident may see: their departments' meetings and their organisations'
    /// representative body.
    static func visibleTo(_ person: UUID) -> SQLQueryString {
        """
        ((m.body = 'department' AND m.department_id IN (\(ownDepartments(person))))
          OR (m.body = 'representatives' AND m.organisation_id IN
            (SELECT od.organisation_id FROM departments od WHERE od.id IN (\(ownDepartments(person))))))
        """
    }

    private static func header(resident: UUID?) -> SQLQueryString {
        let mine: SQLQueryString =
            if let resident {
                """
                (SELECT ll.id FROM leases ll JOIN dwellings dw ON dw.id = ll.dwelling_id
                  WHERE dw.department_id = m.department_id AND ll.status <> 'ended'
                    AND ll.id IN (\(actingLeases(resident))) ORDER BY ll.id LIMIT 1) AS my_lease_id,
                (SELECT COUNT(*) FROM meeting_registrations mr WHERE mr.meeting_id = m.id
                  AND mr.person_id = \(bind: resident)) AS my_registration
                """
            } else {
                "CAST(NULL AS TEXT) AS my_lease_id, CAST(NULL AS INTEGER) AS my_registration"
            }
        return """
            SELECT m.id, m.body, m.kind, m.organisation_id, o.name AS organisation_name, m.department_id,
              dep.number AS department_number, dep.name AS department_name, m.held_on, m.starts_at, m.place,
              m.agenda, m.notice_by, m.proposals_by, m.minutes_by, m.votes_per_household, m.notice_run_id,
              r.status AS notice_run_status, r.sent AS notice_run_sent, r.total AS notice_run_total,
              m.minutes, m.published_at, m.cancelled_at, m.cancel_reason, m.cancellation_run_id,
              (SELECT COUNT(*) FROM leases hl JOIN dwellings hd ON hd.id = hl.dwelling_id
                WHERE hd.department_id = m.department_id AND hl.status <> 'ended') AS households,
              (SELECT COUNT(*) FROM meeting_registrations mr WHERE mr.meeting_id = m.id) AS registered_people,
              (SELECT COUNT(DISTINCT mr.lease_id) FROM meeting_registrations mr WHERE mr.meeting_id = m.id)
                AS registered_households,
              \(mine)
            FROM meetings m JOIN housing_organisations o ON o.id = m.organisation_id
            LEFT JOIN departments dep ON dep.id = m.department_id
            LEFT JOIN bulk_runs r ON r.id = m.notice_run_id
            """
    }

    /// A meeting in the caseworker's scope, or nil.
    static func staff(_ id: UUID, scope: StaffScope, on sql: any SQLDatabase) async throws -> Header? {
        guard let inScope = scope.condition("m", "organisation_id") else { return nil }
        return try await sql.raw(header(resident: nil) + " WHERE m.id = \(bind: id)" + inScope)
            .first(decoding: Header.self)
    }

    /// A meeting the resident may see, or nil.
    static func resident(_ id: UUID, person: UUID, on sql: any SQLDatabase) async throws -> Header? {
        try await sql.raw(header(resident: person) + " WHERE m.id = \(bind: id) AND " + visibleTo(person))
            .first(decoding: Header.self)
    }

    /// A proposal with its proposer.
    struct Proposal: Decodable, Sendable {
        let id: UUID
        let title: String
        let text: String
        let submitted_at: Date
        let votes_for: Int?
        let votes_against: Int?
        let votes_blank: Int?
        let hidden_reason: String?
        let person_id: UUID
        let given_name: String
        let family_name: String
        let street: String
        let house_number: String
        let floor: String?
        let door: String?

        var addressLine: String {
            Dwelling.addressLine(street: street, houseNumber: house_number, floor: floor, door: door)
        }
    }

    /// A meeting holds at most this many proposals.
    static let maxProposals = 200

    /// The meeting's proposals in the order they came.
    static func proposals(_ meeting: UUID, on sql: any SQLDatabase) async throws -> [Proposal] {
        try await sql.raw(
            """
            SELECT mp.id, mp.title, mp.text, mp.submitted_at, mp.votes_for, mp.votes_against, mp.votes_blank,
              mp.hidden_reason, mp.person_id, p.given_name, p.family_name, d.street, d.house_number, d.floor, d.door
            FROM meeting_proposals mp JOIN people p ON p.id = mp.person_id
            JOIN leases l ON l.id = mp.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            WHERE mp.meeting_id = \(bind: meeting) ORDER BY mp.submitted_at, mp.id
            LIMIT \(literal: maxProposals)
            """
        ).rows(decoding: Proposal.self)
    }

    /// A meeting in a list.
    struct ListRow: Decodable, Sendable {
        let id: UUID
        let body: MeetingBody
        let kind: MeetingKind
        let held_on: String
        let starts_at: String
        let place: String
        let notice_by: String
        let proposals_by: String
        let minutes_by: String
        let notice_run_id: UUID?
        let published_at: Date?
        let cancelled_at: Date?
        let department_id: UUID?
        let organisation_name: String
        let department_number: Int?
        let department_name: String?
        let proposals: Int
        /// The first and last days of the meeting's ballots, if any.
        let ballot_opens: String?
        let ballot_closes: String?
    }

    private static let listSelect: SQLQueryString = """
        SELECT m.id, m.body, m.kind, m.held_on, m.starts_at, m.place, m.notice_by, m.proposals_by, m.minutes_by,
          m.notice_run_id, m.published_at, m.cancelled_at, m.department_id, o.name AS organisation_name,
          dep.number AS department_number,
          dep.name AS department_name,
          (SELECT COUNT(*) FROM meeting_proposals mp WHERE mp.meeting_id = m.id AND mp.hidden_at IS NULL) AS proposals,
          (SELECT MIN(b.opens_on) FROM ballots b WHERE b.meeting_id = m.id) AS ballot_opens,
          (SELECT MAX(b.closes_on) FROM ballots b WHERE b.meeting_id = m.id) AS ballot_closes
        FROM meetings m JOIN housing_organisations o ON o.id = m.organisation_id
        LEFT JOIN departments dep ON dep.id = m.department_id
        """

    /// The meetings in scope, latest day first, a page from `cursor` on, of one organisation if
    /// asked, held in `period`, matching `search` in the organisation's or department's name or
    /// the place.
    /// Where meetings stand, as the staff's list narrows them (`?status=`).
    enum Standing: String, CaseIterable, Sendable {
        /// Not yet held, nor cancelled.
        case upcoming
        /// Held, its minutes not yet published.
        case minutesDue = "minutes"
        case published
        case cancelled

        /// The condition on `meetings m`, on `today`.
        func condition(today: LocalDate) -> SQLQueryString {
            switch self {
            case .upcoming: " AND m.cancelled_at IS NULL AND m.held_on > \(bind: today.iso)"
            case .minutesDue:
                " AND m.cancelled_at IS NULL AND m.published_at IS NULL AND m.held_on <= \(bind: today.iso)"
            case .published: " AND m.cancelled_at IS NULL AND m.published_at IS NOT NULL"
            case .cancelled: " AND m.cancelled_at IS NOT NULL"
            }
        }
    }

    static func staffList(
        scope: StaffScope,
        organisation: UUID? = nil,
        period: ListPeriod = ListPeriod(),
        standing: (Standing, today: LocalDate)? = nil,
        search: String?,
        after cursor: UUID?,
        on sql: any SQLDatabase
    ) async throws -> [ListRow] {
        guard let inScope = scope.condition("m", "organisation_id") else { return [] }
        var query = listSelect + " WHERE 1 = 1" + inScope
        if let organisation { query += " AND m.organisation_id = \(bind: organisation)" }
        if let (standing, today) = standing { query += standing.condition(today: today) }
        query += period.dayCondition("m", "held_on")
        if let search {
            query += " AND " + Keyset.like("o.name || ' ' || COALESCE(dep.name, '') || ' ' || m.place", search)
        }
        query += Keyset.after(cursor, table: "meetings", alias: "m", column: "held_on")
        query += " ORDER BY m.held_on DESC, m.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
        return try await sql.raw(query).rows(decoding: ListRow.self)
    }

    /// The coming meetings of the given departments, soonest first (the department board's).
    static func coming(
        in departments: [UUID],
        from today: LocalDate,
        on sql: any SQLDatabase
    ) async throws
        -> [ListRow]
    {
        guard !departments.isEmpty else { return [] }
        return try await sql.raw(
            listSelect
                + " WHERE m.department_id IN (\(binds: departments)) AND m.held_on >= \(bind: today.iso)"
                + " ORDER BY m.held_on LIMIT 50"
        ).rows(decoding: ListRow.self)
    }

    /// The resident's meetings, latest day first, a page from `cursor` on.
    static func residentList(_ person: UUID, after cursor: UUID?, on sql: any SQLDatabase) async throws -> [ListRow] {
        try await sql.raw(
            listSelect + " WHERE " + visibleTo(person)
                + Keyset.after(cursor, table: "meetings", alias: "m", column: "held_on")
                + " ORDER BY m.held_on DESC, m.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
        ).rows(decoding: ListRow.self)
    }

    /// A department's requests for an extraordinary meeting.
    struct Requests: Decodable, Sendable {
        let department_id: UUID
        let number: Int
        let name: String
        let organisation_name: String
        let households: Int
        let requests: Int
        /// Whether the resident's household has asked (for a resident's own departments).
        let mine: Int

        var needed: Int { ExtraordinaryMeetingRule.needed(households: households) }
        var required: Bool { ExtraordinaryMeetingRule.required(households: households, requests: requests) }
    }

    private static func requestsSelect(mine: SQLQueryString) -> SQLQueryString {
        """
        SELECT dep.id AS department_id, dep.number, dep.name, o.name AS organisation_name,
          (SELECT COUNT(*) FROM leases hl JOIN dwellings hd ON hd.id = hl.dwelling_id
            WHERE hd.department_id = dep.id AND hl.status <> 'ended') AS households,
          (SELECT COUNT(*) FROM extraordinary_meeting_requests er JOIN leases el ON el.id = er.lease_id
            WHERE er.department_id = dep.id AND el.status <> 'ended') AS requests,
          \(mine) AS mine
        FROM departments dep JOIN housing_organisations o ON o.id = dep.organisation_id
        """
    }

    /// The resident's departments with their requests.
    static func residentRequests(_ person: UUID, on sql: any SQLDatabase) async throws -> [Requests] {
        try await sql.raw(
            requestsSelect(
                mine: """
                    (SELECT COUNT(*) FROM extraordinary_meeting_requests er JOIN leases ml ON ml.id = er.lease_id
                      WHERE er.department_id = dep.id AND ml.status <> 'ended'
                        AND er.lease_id IN (\(actingLeases(person))))
                    """
            )
                + """
                 WHERE dep.id IN (SELECT dw.department_id FROM leases ll JOIN dwellings dw ON dw.id = ll.dwelling_id
                  WHERE ll.status <> 'ended' AND ll.id IN (\(actingLeases(person))))
                ORDER BY o.name, dep.number LIMIT 20
                """
        ).rows(decoding: Requests.self)
    }

    /// The given departments' requests (the department board's own departments).
    static func departmentRequests(_ departments: [UUID], on sql: any SQLDatabase) async throws -> [Requests] {
        guard !departments.isEmpty else { return [] }
        return try await sql.raw(
            requestsSelect(mine: "0") + " WHERE dep.id IN (\(binds: departments)) ORDER BY dep.number LIMIT 50"
        ).rows(decoding: Requests.self)
    }

    /// What the households asking for an extraordinary meeting want the meeting to deal with.
    /// Each department lists its newest topics (`shown`) and counts all of them (`total`).
    struct Topics: Sendable, Equatable {
        let shown: [String]
        let total: Int
    }

    /// The topics shown per department: the meeting's need is the count of requests, and the
    /// topics give their gist; a department of 2,000 households could otherwise list 2,000.
    static let topicsShown = 10

    /// Each department's newest topics and their count, without who asked: one statement (a
    /// window per department, on both databases).
    static func requestTopics(_ departments: [UUID], on sql: any SQLDatabase) async throws -> [UUID: Topics] {
        guard !departments.isEmpty else { return [:] }
        struct Row: Decodable {
            let department_id: UUID
            let topic: String
            let total: Int
        }
        let rows = try await sql.raw(
            """
            SELECT department_id, topic, total FROM (
              SELECT er.department_id, er.topic,
                ROW_NUMBER() OVER (PARTITION BY er.department_id ORDER BY er.requested_at DESC, er.id DESC) AS place,
                COUNT(*) OVER (PARTITION BY er.department_id) AS total
              FROM extraordinary_meeting_requests er JOIN leases el ON el.id = er.lease_id
              WHERE er.department_id IN (\(binds: departments)) AND el.status <> 'ended'
            ) t WHERE place <= \(literal: topicsShown) ORDER BY department_id, place
            """
        ).rows(decoding: Row.self)
        return Dictionary(grouping: rows, by: \.department_id).mapValues {
            Topics(shown: $0.map(\.topic), total: $0.first?.total ?? 0)
        }
    }

    /// Departments with requests on a page of the staff's list.
    static let requestsPageSize = 10

    /// The departments in scope where households have asked, most requests first, a page at a
    /// time (`page` from 1; one more row than a page when another follows). Numbered pages, not a
    /// keyset: the order is a live count, so no row names a stable place to continue from; the
    /// list is the few departments with requests, so skipping rows costs little.
    static func staffRequests(
        scope: StaffScope,
        page: Int,
        size: Int = requestsPageSize,
        on sql: any SQLDatabase
    ) async throws -> [Requests] {
        guard let inScope = scope.condition("dep", "organisation_id") else { return [] }
        // Requests of households still living there, as the count shown counts them.
        return try await sql.raw(
            requestsSelect(mine: "0")
                + """
                 WHERE dep.id IN (SELECT er.department_id FROM extraordinary_meeting_requests er
                  JOIN leases el ON el.id = er.lease_id WHERE el.status <> 'ended')
                """
                + inScope
                + " ORDER BY requests DESC, o.name, dep.number, dep.id"
                + " LIMIT \(literal: size + 1) OFFSET \(literal: (max(page, 1) - 1) * size)"
        ).rows(decoding: Requests.self)
    }
}

extension MeetingPage {
    /// A ballot of a meeting with its turnout and tallies (and whether the resident has voted).
    struct Ballot: Sendable {
        let id: UUID
        let question: String
        let options: [String]
        let opens: LocalDate
        let closes: LocalDate
        let voters: Int
        let paper: Int
        let voted: Bool
        let paperCounted: Bool
        var tallies: [Int]
    }

    /// The meeting's ballots, in the order they were made: one statement (a row per option).
    static func ballots(_ meeting: UUID, person: UUID?, on sql: any SQLDatabase) async throws -> [Ballot] {
        struct Row: Decodable {
            let id: UUID
            let question: String
            let options: String
            let opens_on: String
            let closes_on: String
            let voters: Int
            let paper: Int
            let voted: Int
            let paper_counted_at: Date?
            let option_index: Int?
            let votes: Int?
        }
        let voted: SQLQueryString =
            person.map {
                "(SELECT COUNT(*) FROM ballot_voters v WHERE v.ballot_id = b.id AND v.person_id = \(bind: $0))"
            } ?? "0"
        let rows = try await sql.raw(
            """
            SELECT b.id, b.question, b.options, b.opens_on, b.closes_on,
              (SELECT COUNT(*) FROM ballot_voters v WHERE v.ballot_id = b.id) AS voters,
              (SELECT COUNT(*) FROM ballot_voters v WHERE v.ballot_id = b.id AND v.channel = 'paper') AS paper,
              \(voted) AS voted, b.paper_counted_at, t.option_index, t.votes
            FROM ballots b LEFT JOIN ballot_tallies t ON t.ballot_id = b.id
            WHERE b.meeting_id = \(bind: meeting) ORDER BY b.created_at, b.id, t.option_index LIMIT 400
            """
        ).rows(decoding: Row.self)
        var ballots: [Ballot] = []
        for row in rows {
            if ballots.last?.id != row.id {
                ballots.append(
                    Ballot(
                        id: row.id,
                        question: row.question,
                        options: (try? JSONDecoder().decode([String].self, from: Data(row.options.utf8))) ?? [],
                        opens: LocalDate(iso: row.opens_on) ?? LocalDate(year: 2000, month: 1, day: 1)!,
                        closes: LocalDate(iso: row.closes_on) ?? LocalDate(year: 2000, month: 1, day: 1)!,
                        voters: row.voters,
                        paper: row.paper,
                        voted: row.voted > 0,
                        paperCounted: row.paper_counted_at != nil,
                        tallies: []
                    )
                )
            }
            if let votes = row.votes { ballots[ballots.count - 1].tallies.append(votes) }
        }
        return ballots
    }
}
