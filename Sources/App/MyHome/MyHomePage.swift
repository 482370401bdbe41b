import AlmenDomain
import Fluent
import Foundation

/// What "Mit hjem" and a lease's page show, read in a fixed few statements whatever the size of
/// the register (issue: Fast pages). Every read is scoped to the signed-in person, so another
/// resident's lease id finds nothing (a 404), never a leak.
enum MyHomePage {
    /// A home the person lives in: as tenant or co-tenant (`role` = the tenancy's role), or as a
    /// household member (`role` = "household").
    struct Home: Decodable, Sendable, AddressRow, LeaseStatusRow {
        let lease_id: UUID
        let role: String
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let department_number: Int
        let department_name: String
        let organisation_name: String
        let department_id: UUID
        let organisation_id: UUID
        let housing_type: String
        let start_date: String
        let monthly_rent_ore: Int64
        let deposit_ore: Int64
        let notice_weeks: Int?
        /// "terminated" once notice has been given, with the day the lease ends.
        let status: String
        let end_date: String?
        let service_name: String?
        let service_phone: String?
        let service_email: String?
        let service_hours: String?

        var isTenancy: Bool { role != Self.household }
        static let household = "household"
    }

    /// The homes of leases that have not ended, tenancies first, by address: one statement.
    struct HomesQuery: PreparedQuery {
        typealias Row = Home
        let personID: UUID
        static let sql = """
            SELECT x.lease_id, x.role, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              dep.number AS department_number, dep.name AS department_name, o.name AS organisation_name,
              dep.id AS department_id, o.id AS organisation_id, d.housing_type, l.start_date, l.monthly_rent_ore,
              l.deposit_ore, l.notice_weeks, l.status, l.end_date, dep.service_name, dep.service_phone, dep.service_email,
              dep.service_hours
            FROM (
              SELECT lt.lease_id AS lease_id, lt.role AS role, 0 AS ord FROM lease_tenants lt WHERE lt.person_id = $1
              UNION ALL
              SELECT h.lease_id AS lease_id, $2 AS role, 1 AS ord FROM household_members h WHERE h.person_id = $1
            ) x
            JOIN leases l ON l.id = x.lease_id
            JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            JOIN housing_organisations o ON o.id = dep.organisation_id
            WHERE l.status <> $3
            ORDER BY x.ord, d.street, d.house_number, x.lease_id
            """
        var binds: [SQLValue] { [.uuid(personID), .text(Home.household), .text(LeaseStatus.ended.rawValue)] }
    }

    static func homes(of personID: UUID, on database: any Database) async throws -> [Home] {
        try await HomesQuery(personID: personID).all(on: database)
    }

    /// A lease the person is tenant or co-tenant of, with its dwelling: one statement. Nil when
    /// the lease is not theirs or has ended.
    struct Lease: Decodable, Sendable, AddressRow, LeaseStatusRow {
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let habitable_rooms: Int
        let floor_area_m2: Int
        let housing_type: String
        let department_number: Int
        let department_name: String
        let organisation_name: String
        let organisation_id: UUID
        let start_date: String
        let monthly_rent_ore: Int64
        let deposit_ore: Int64
        let notice_weeks: Int?
        let status: String
        let end_date: String?
        /// 1 while a tenant's notice waits for the others' signatures (its case open).
        let pending_notice: Int
        /// The lease's open sub-letting (partial or whole) and swap cases: a second application
        /// is not offered while one is handled.
        let open_subletting_case: UUID?
        let open_swap_case: UUID?
        /// The department's service centre (ejendomskontor), for an urgent fault.
        let service_name: String?
        let service_phone: String?
    }

    struct LeaseQuery: PreparedQuery {
        typealias Row = MyHomePage.Lease
        let leaseID: UUID
        let personID: UUID
        static let sql = """
            SELECT d.street, d.house_number, d.floor, d.door, d.postal_code, d.city, d.habitable_rooms, d.floor_area_m2,
              d.housing_type, dep.number AS department_number, dep.name AS department_name, o.name AS organisation_name,
              o.id AS organisation_id, l.start_date, l.monthly_rent_ore, l.deposit_ore, l.notice_weeks, l.status,
              l.end_date,
              CASE WHEN EXISTS (SELECT 1 FROM termination_notices n JOIN cases c ON c.id = n.case_id
                WHERE n.lease_id = l.id AND n.received_on IS NULL AND c.status = $4) THEN 1 ELSE 0 END AS pending_notice,
              (SELECT c.id FROM cases c WHERE c.lease_id = l.id AND c.kind = $5 AND c.status = $4
                AND EXISTS (SELECT 1 FROM case_parties cp WHERE cp.case_id = c.id AND cp.person_id = $2)
                ORDER BY c.opened_at LIMIT 1) AS open_subletting_case,
              (SELECT c.id FROM cases c WHERE c.lease_id = l.id AND c.kind = $6 AND c.status = $4
                AND EXISTS (SELECT 1 FROM case_parties cp WHERE cp.case_id = c.id AND cp.person_id = $2)
                ORDER BY c.opened_at LIMIT 1) AS open_swap_case,
              dep.service_name, dep.service_phone
            FROM leases l
            JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            JOIN housing_organisations o ON o.id = dep.organisation_id
            WHERE l.id = $1 AND l.status <> $3
              AND EXISTS (SELECT 1 FROM lease_tenants lt WHERE lt.lease_id = l.id AND lt.person_id = $2)
            """
        var binds: [SQLValue] {
            [
                .uuid(leaseID), .uuid(personID), .text(LeaseStatus.ended.rawValue), .text(CaseStatus.open.rawValue),
                .text(CaseKind.subletting.rawValue), .text(CaseKind.swap.rawValue),
            ]
        }
    }

    static func lease(_ leaseID: UUID, of personID: UUID, on database: any Database) async throws -> Lease? {
        try await LeaseQuery(leaseID: leaseID, personID: personID).first(on: database)
    }

    /// The people of a lease: its tenants and its household members, by name; one statement.
    struct Occupant: Decodable, Sendable {
        let given_name: String
        let family_name: String
        let tenant: Int

        var name: String { "\(given_name) \(family_name)" }
    }

    struct OccupantsQuery: PreparedQuery {
        typealias Row = Occupant
        let leaseID: UUID
        static let sql = """
            SELECT p.given_name, p.family_name, 1 AS tenant FROM lease_tenants lt JOIN people p ON p.id = lt.person_id
            WHERE lt.lease_id = $1
            UNION ALL
            SELECT p.given_name, p.family_name, 0 AS tenant FROM household_members h JOIN people p ON p.id = h.person_id
            WHERE h.lease_id = $1
            """
        var binds: [SQLValue] { [.uuid(leaseID)] }
    }

    static func occupants(of leaseID: UUID, on database: any Database) async throws -> [Occupant] {
        try await OccupantsQuery(leaseID: leaseID).all(on: database)
    }

    // MARK: "Mit hjem" as the start page

    /// The leases the person lives in (tenant, co-tenant or household member): `$1` the person.
    static let ownLeases = """
        SELECT lt.lease_id FROM lease_tenants lt WHERE lt.person_id = $1
        UNION SELECT h.lease_id FROM household_members h WHERE h.person_id = $1
        """

    /// The departments person `$1` lives in today (leases not ended, `$2`): an uncorrelated
    /// subquery, worked out once per statement rather than once per row it filters.
    static let ownDepartments = """
        SELECT dw.department_id FROM leases ll JOIN dwellings dw ON dw.id = ll.dwelling_id
        WHERE ll.status <> $2 AND ll.id IN (\(ownLeases))
        """

    static let shownCases = 5
    static let shownLetters = 5
    static let shownDocuments = 10
    static let shownArticles = 5

    /// An open case of the person's, for the start page.
    struct OpenCase: Sendable {
        let id: UUID
        let number: String
        let title: String
        /// The English beside a title the system gave (`CaseFile.titleEnglish`).
        let titleEnglish: String?
        let kind: String
        let opened_at: Date
        /// The unmet answer deadline, YYYY-MM-DD: the date promised to the resident.
        let answerDue: String?
    }

    /// One of the person's latest letters.
    struct LatestLetter: Sendable {
        let id: UUID
        let subject: String
        let created_at: Date
        let isNew: Bool
    }

    /// Everything "Mit hjem" shows besides the homes themselves: each home's occupants, the open
    /// cases (one more than shown, to tell whether there are more), the latest letters and how many
    /// are unopened, the first home's department's documents and board, the most read help
    /// articles in the department, and the termination notices waiting for signatures.
    struct Panels: Sendable {
        var occupants: [UUID: [Occupant]] = [:]
        var cases: [OpenCase] = []
        var letters: [LatestLetter] = []
        var unopenedLetters = 0
        var documents: [Document] = []
        var board: [BoardMember] = []
        var articles: [HelpPage.Listed] = []
        /// Leases with a termination notice waiting for signatures: whether this person has signed.
        var pendingNotices: [UUID: Bool] = [:]
        /// The balance of each of the person's tenancies today, in øre (positive is owed).
        var balances: [UUID: Int64] = [:]
        /// The latest payments to the person's tenancies, newest first.
        var payments: [Payment] = []
    }

    /// A payment to one of the person's tenancies.
    struct Payment: Sendable {
        let leaseID: UUID
        let date: String
        let ore: Int64
    }

    static let shownPayments = 3

    /// One row of `PanelsQuery`: `panel` names the list it belongs to, `seq` its place in that
    /// list, and the other columns are the list's own (see each part of the statement).
    struct PanelRow: Decodable, Sendable {
        let panel: String
        let id: UUID?
        let t1: String?
        let t2: String?
        let t3: String?
        let t4: String?
        let t5: String?
        let t6: String?
        let at: Date?
        let n: Int?
        let seq: Int
    }

    /// The start page's lists in one statement: each list is a part of a `UNION ALL` with the
    /// same columns (`PanelRow`), so the page costs one round trip to the database for all of
    /// them, not one each. A part that keeps only its first rows is a subquery with its own
    /// `ORDER BY` and `LIMIT`; `ROW_NUMBER()` keeps that order in `seq`. Every `NULL` is cast, as
    /// PostgreSQL types each column of a union from its parts.
    ///
    /// `$1` the person, `$2` the department (a random id when they have no home), `$3` today,
    /// `$4` the open case status, `$5` .. `$7` the document and board values of `readable`,
    /// `$8` .. `$10` the help scope's visible keys, `$11` the department's own help key.
    struct PanelsQuery: PreparedQuery {
        typealias Row = PanelRow
        let personID: UUID
        let departmentID: UUID
        let today: String
        let helpKeys: [String]
        let readerKey: String
        static let sql = """
            SELECT * FROM (
              SELECT 'occupant' AS panel, o.lease_id AS id, p.given_name AS t1, p.family_name AS t2,
                CAST(NULL AS TEXT) AS t3, CAST(NULL AS TEXT) AS t4, CAST(NULL AS TEXT) AS t5, CAST(NULL AS TEXT) AS t6,
                CAST(NULL AS TIMESTAMPTZ) AS at, CAST(o.tenant AS BIGINT) AS n, CAST(0 AS BIGINT) AS seq
              FROM (
                SELECT lt.lease_id, lt.person_id, 1 AS tenant FROM lease_tenants lt WHERE lt.lease_id IN (\(ownLeases))
                UNION ALL
                SELECT h.lease_id, h.person_id, 0 AS tenant FROM household_members h WHERE h.lease_id IN (\(ownLeases))
              ) o JOIN people p ON p.id = o.person_id
            ) AS occupants
            UNION ALL SELECT * FROM (
              SELECT 'case', c.id, c.number, c.title, c.kind,
                (SELECT MIN(dl.due_on) FROM case_deadlines dl
                  WHERE dl.case_id = c.id AND dl.met_at IS NULL AND dl.kind = 'answer'),
                c.title_en, CAST(NULL AS TEXT),
                c.opened_at, CAST(NULL AS BIGINT), ROW_NUMBER() OVER (ORDER BY c.opened_at DESC, c.id DESC)
              FROM cases c
              WHERE c.status = $4 AND EXISTS (SELECT 1 FROM case_parties cp WHERE cp.case_id = c.id AND cp.person_id = $1)
              ORDER BY c.opened_at DESC, c.id DESC LIMIT \(shownCases + 1)
            ) AS cases
            UNION ALL SELECT * FROM (
              SELECT 'letter', l.id, l.subject, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT),
                CAST(NULL AS TEXT), CAST(NULL AS TEXT), l.created_at, CASE WHEN l.opened_at IS NULL THEN 1 ELSE 0 END,
                ROW_NUMBER() OVER (ORDER BY l.created_at DESC, l.id DESC)
              FROM letters l WHERE l.recipient_person_id = $1 AND l.status <> 'replaced'
              ORDER BY l.created_at DESC, l.id DESC LIMIT \(shownLetters)
            ) AS letters
            UNION ALL
            SELECT 'unopened', CAST(NULL AS UUID), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT),
              CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TIMESTAMPTZ), COUNT(*), 0
            FROM letters u WHERE u.recipient_person_id = $1 AND u.opened_at IS NULL AND u.status <> 'replaced'
            UNION ALL SELECT * FROM (
              SELECT 'document', d.id, d.title, d.kind, d.document_date, d.visibility, CAST(NULL AS TEXT),
                CAST(NULL AS TEXT), CAST(NULL AS TIMESTAMPTZ), d.byte_count,
                ROW_NUMBER() OVER (ORDER BY d.document_date DESC, d.id DESC)
              FROM department_documents d
              WHERE d.department_id = $2 AND \(readable(person: "$1", residents: "$5", board: "$6", today: "$3"))
              ORDER BY d.document_date DESC, d.id DESC LIMIT \(shownDocuments)
            ) AS documents
            UNION ALL
            SELECT 'board', CAST(NULL AS UUID), p.given_name, p.family_name, b.position, CAST(NULL AS TEXT),
              CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TIMESTAMPTZ), CAST(NULL AS BIGINT),
              ROW_NUMBER() OVER (
                ORDER BY CASE b.position WHEN 'chair' THEN 0 WHEN 'deputy_chair' THEN 1 WHEN 'member' THEN 2 ELSE 3 END,
                  p.given_name, p.family_name)
            FROM board_memberships b JOIN people p ON p.id = b.person_id
            WHERE b.department_id = $2 AND b.board = $6 AND b.term_start <= $3 AND b.term_end >= $3
              AND p.name_address_protected = $7
            UNION ALL
            SELECT 'notice', n.lease_id,
              CASE WHEN EXISTS (SELECT 1 FROM termination_signatures s WHERE s.notice_id = n.id AND s.person_id = $1)
                THEN 'signed' ELSE 'unsigned' END,
              CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT),
              CAST(NULL AS TIMESTAMPTZ), CAST(NULL AS BIGINT), 0
            FROM termination_notices n JOIN cases c ON c.id = n.case_id
            WHERE n.received_on IS NULL AND c.status = $4
              AND n.lease_id IN (SELECT lt.lease_id FROM lease_tenants lt WHERE lt.person_id = $1)
            UNION ALL SELECT * FROM (
              SELECT 'article', CAST(NULL AS UUID), a.slug, v.topic, v.title_da, v.summary_da, v.title_en, v.summary_en,
                CAST(NULL AS TIMESTAMPTZ), CAST(NULL AS BIGINT),
                ROW_NUMBER() OVER (ORDER BY COALESCE(r.reads, 0) DESC, v.title_da)
              FROM help_articles a JOIN help_article_versions v ON v.id = a.published_version_id
              LEFT JOIN help_reads r ON r.slug = a.slug AND r.scope_key = $11
              WHERE a.scope_key IN ($8, $9, $10) AND \(HelpPage.notReplaced(keys: "$8, $9, $10"))
              ORDER BY COALESCE(r.reads, 0) DESC, v.title_da LIMIT \(shownArticles)
            ) AS articles
            UNION ALL
            SELECT 'balance', le.lease_id, CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT),
              CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TIMESTAMPTZ),
              CAST(SUM(CASE WHEN le.kind = 'payment' THEN -le.amount_ore ELSE le.amount_ore END) AS BIGINT), 0
            FROM ledger_entries le
            WHERE le.lease_id IN (SELECT lt.lease_id FROM lease_tenants lt WHERE lt.person_id = $1)
              AND le.entry_date <= $3
            GROUP BY le.lease_id
            UNION ALL SELECT * FROM (
              SELECT 'payment', le.lease_id, le.entry_date, CAST(NULL AS TEXT), CAST(NULL AS TEXT),
                CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS TIMESTAMPTZ), le.amount_ore,
                ROW_NUMBER() OVER (ORDER BY le.entry_date DESC, le.id DESC)
              FROM ledger_entries le
              WHERE le.kind = 'payment' AND le.entry_date <= $3
                AND le.lease_id IN (SELECT lt.lease_id FROM lease_tenants lt WHERE lt.person_id = $1)
              ORDER BY le.entry_date DESC, le.id DESC LIMIT \(shownPayments)
            ) AS payments
            ORDER BY 1, 11
            """
        var binds: [SQLValue] {
            [
                .uuid(personID), .uuid(departmentID), .text(today), .text(CaseStatus.open.rawValue),
                .text(DocumentVisibility.residents.rawValue), .text(BoardKind.department.rawValue), .bool(false),
            ] + helpKeys.map(SQLValue.text) + [.text(readerKey)]
        }
    }

    /// The start page's lists for the person, with the department of their first home (if any)
    /// for its documents, board and help: one statement.
    static func panels(
        of personID: UUID,
        home: Home?,
        today: String,
        on database: any Database
    ) async throws -> Panels {
        let scope = home.map { HelpScope.department($0.department_id, organisation: $0.organisation_id) } ?? .builtIn
        let rows = try await PanelsQuery(
            personID: personID,
            departmentID: home?.department_id ?? UUID(),
            today: today,
            helpKeys: scope.visibleKeys,
            readerKey: scope.key
        ).all(on: database)
        var panels = Panels()
        for row in rows {
            switch row.panel {
            case "occupant":
                guard let lease = row.id, let given = row.t1, let family = row.t2 else { continue }
                panels.occupants[lease, default: []].append(
                    Occupant(given_name: given, family_name: family, tenant: row.n ?? 0)
                )
            case "case":
                guard let id = row.id, let number = row.t1, let title = row.t2, let kind = row.t3, let at = row.at
                else { continue }
                panels.cases.append(
                    OpenCase(
                        id: id,
                        number: number,
                        title: title,
                        titleEnglish: row.t5,
                        kind: kind,
                        opened_at: at,
                        answerDue: row.t4
                    )
                )
            case "letter":
                guard let id = row.id, let subject = row.t1, let at = row.at else { continue }
                panels.letters.append(LatestLetter(id: id, subject: subject, created_at: at, isNew: row.n == 1))
            case "unopened":
                panels.unopenedLetters = row.n ?? 0
            case "document":
                guard let id = row.id, let title = row.t1, let kind = row.t2, let date = row.t3, let visibility = row.t4
                else { continue }
                panels.documents.append(
                    Document(
                        id: id,
                        title: title,
                        kind: kind,
                        document_date: date,
                        byte_count: row.n ?? 0,
                        visibility: visibility
                    )
                )
            case "balance":
                guard let lease = row.id else { continue }
                panels.balances[lease] = Int64(row.n ?? 0)
            case "payment":
                guard let lease = row.id, let date = row.t1 else { continue }
                panels.payments.append(Payment(leaseID: lease, date: date, ore: Int64(row.n ?? 0)))
            case "notice":
                guard let lease = row.id else { continue }
                panels.pendingNotices[lease] = row.t1 == "signed"
            case "board":
                guard let given = row.t1, let family = row.t2, let position = row.t3 else { continue }
                panels.board.append(BoardMember(given_name: given, family_name: family, position: position))
            case "article":
                guard let slug = row.t1, let topic = row.t2, let title = row.t3, let summary = row.t4 else { continue }
                panels.articles.append(
                    HelpPage.Listed(
                        slug: slug,
                        topic: topic,
                        title_da: title,
                        summary_da: summary,
                        title_en: row.t5,
                        summary_en: row.t6
                    )
                )
            default:
                continue
            }
        }
        return panels
    }

    /// Whether person `person` may read document `d` today: every resident may read a document
    /// for residents (`residents`); a board-only one needs a seat on the department's board in its
    /// term (`board` the board kind).
    static func readable(person: String, residents: String, board: String, today: String) -> String {
        """
        (d.visibility = \(residents) OR EXISTS (SELECT 1 FROM board_memberships b WHERE b.person_id = \(person)
          AND b.department_id = d.department_id AND b.board = \(board) AND b.term_start <= \(today)
          AND b.term_end >= \(today)))
        """
    }

    /// A department's documents that the person may read (board-only ones when they sit on its
    /// board today), newest first: one statement, by the department's index.
    struct Document: Decodable, Sendable {
        let id: UUID
        let title: String
        let kind: String
        let document_date: String
        let byte_count: Int
        let visibility: String
    }

    struct DocumentsQuery: PreparedQuery {
        typealias Row = Document
        let departmentID: UUID
        let personID: UUID
        let today: String
        static let sql = """
            SELECT d.id, d.title, d.kind, d.document_date, d.byte_count, d.visibility FROM department_documents d
            WHERE d.department_id = $1 AND \(readable(person: "$2", residents: "$3", board: "$4", today: "$5"))
            ORDER BY d.document_date DESC, d.id DESC LIMIT \(shownDocuments)
            """
        var binds: [SQLValue] {
            [
                .uuid(departmentID), .uuid(personID), .text(DocumentVisibility.residents.rawValue),
                .text(BoardKind.department.rawValue), .text(today),
            ]
        }
    }

    /// One document the person may read (as `DocumentsQuery` decides), with its PDF.
    struct DocumentFile: Decodable, Sendable {
        let title: String
        let pdf: Data
    }

    struct DocumentFileQuery: PreparedQuery {
        typealias Row = DocumentFile
        let personID: UUID
        let documentID: UUID
        let today: String
        static let sql = """
            SELECT d.title, d.pdf FROM department_documents d
            WHERE d.id = $6 AND d.department_id IN (\(ownDepartments))
              AND \(readable(person: "$1", residents: "$3", board: "$4", today: "$5"))
            """
        var binds: [SQLValue] {
            [
                .uuid(personID), .text(LeaseStatus.ended.rawValue), .text(DocumentVisibility.residents.rawValue),
                .text(BoardKind.department.rawValue), .text(today), .uuid(documentID),
            ]
        }
    }

    /// A member of a department's board in its term today (a member whose name and address are
    /// protected is left out).
    struct BoardMember: Sendable {
        let given_name: String
        let family_name: String
        let position: String
    }
}

/// A row with a lease's housing type, agreed notice, status and end date.
protocol LeaseStatusRow {
    var housing_type: String { get }
    var notice_weeks: Int? { get }
    var status: String { get }
    var end_date: String? { get }
}

extension LeaseStatusRow {
    /// The day the lease ends, when notice has been given (`LeaseStatus.terminated`).
    var terminatedEnd: LocalDate? {
        status == LeaseStatus.terminated.rawValue ? end_date.flatMap(LocalDate.init(iso:)) : nil
    }

    /// When the lease would end if the tenant's notice arrived on `received` (ALL § 88): the
    /// housing type's rule, with a youth lease's agreed notice (the family rule if it is not valid).
    /// `reason` `.death`: the estate's notice after the tenant died (care housing's own rule).
    func ending(
        ifReceived received: LocalDate,
        _ language: Language,
        reason: TerminationReason = .ordinary
    ) -> TerminationAnswer? {
        let agreed = HousingType(rawValue: housing_type) == .youth ? notice_weeks.map(String.init) : nil
        let answer = { (weeks: String?) in
            try? TerminationAnswer.evaluate(
                received: received.iso,
                housing: housing_type,
                noticeWeeks: weeks,
                reason: reason.rawValue,
                language: language
            )
        }
        return answer(agreed) ?? answer(nil)
    }

    /// The last day a notice may arrive and still end the lease when one arriving on `received`
    /// would: by when every tenant must have signed for that date.
    func lastArrivalForSameEnd(_ received: LocalDate) -> LocalDate? {
        let housing = HousingType(rawValue: housing_type) ?? .family
        let request = { (weeks: Int?) in
            TerminationRequest(received: received, housing: housing, agreedNoticeWeeks: weeks)
        }
        let rules = TerminationRules()
        let weeks = housing == .youth ? notice_weeks : nil
        return (try? rules.lastArrivalForSameEnd(request(weeks))) ?? (try? rules.lastArrivalForSameEnd(request(nil)))
    }
}
