import AlmenDomain
import Fluent
import Foundation

/// What "Mit hjem" and a lease's page show, read in a fixed few statements whatever the size of
/// the register (issue: Fast pages). Every read is scoped to the signed-in person, so another
/// resident's lease id finds nothing (a 404), never a leak.
enum MyHomePage {
    /// A home the person lives in: as tenant or co-tenant (`role` = the tenancy's role), or as a
    /// household member (`role` = "household").
    struct Home: Decodable, Sendable, AddressRow {
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
              l.deposit_ore, l.notice_weeks, dep.service_name, dep.service_phone, dep.service_email, dep.service_hours
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
    struct Lease: Decodable, Sendable, AddressRow {
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
        let start_date: String
        let monthly_rent_ore: Int64
        let deposit_ore: Int64
        let notice_weeks: Int?
    }

    struct LeaseQuery: PreparedQuery {
        typealias Row = MyHomePage.Lease
        let leaseID: UUID
        let personID: UUID
        static let sql = """
            SELECT d.street, d.house_number, d.floor, d.door, d.postal_code, d.city, d.habitable_rooms, d.floor_area_m2,
              d.housing_type, dep.number AS department_number, dep.name AS department_name, o.name AS organisation_name,
              l.start_date, l.monthly_rent_ore, l.deposit_ore, l.notice_weeks
            FROM leases l
            JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            JOIN housing_organisations o ON o.id = dep.organisation_id
            WHERE l.id = $1 AND l.status <> $3
              AND EXISTS (SELECT 1 FROM lease_tenants lt WHERE lt.lease_id = l.id AND lt.person_id = $2)
            """
        var binds: [SQLValue] { [.uuid(leaseID), .uuid(personID), .text(LeaseStatus.ended.rawValue)] }
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

    /// The person's open cases, newest first (at most `shownCases`): one statement.
    struct OpenCase: Decodable, Sendable {
        let id: UUID
        let number: String
        let title: String
        let kind: String
        let opened_at: Date
    }

    static let shownCases = 5
    static let shownLetters = 5
    static let shownDocuments = 10
    static let shownArticles = 5

    struct OpenCasesListQuery: PreparedQuery {
        typealias Row = OpenCase
        let personID: UUID
        static let sql = """
            SELECT c.id, c.number, c.title, c.kind, c.opened_at FROM cases c
            WHERE c.status = $2 AND EXISTS (SELECT 1 FROM case_parties cp WHERE cp.case_id = c.id AND cp.person_id = $1)
            ORDER BY c.opened_at DESC, c.id DESC LIMIT \(shownCases + 1)
            """
        var binds: [SQLValue] { [.uuid(personID), .text(CaseStatus.open.rawValue)] }
    }

    /// The person's latest letters, with how many they have not opened: one statement.
    struct LatestLetter: Decodable, Sendable {
        let id: UUID
        let subject: String
        let created_at: Date
        let opened_at: Date?
        let unopened: Int
    }

    struct LatestLettersQuery: PreparedQuery {
        typealias Row = LatestLetter
        let personID: UUID
        static let sql = """
            SELECT l.id, l.subject, l.created_at, l.opened_at,
              (SELECT COUNT(*) FROM letters u WHERE u.recipient_person_id = $1 AND u.opened_at IS NULL) AS unopened
            FROM letters l WHERE l.recipient_person_id = $1
            ORDER BY l.created_at DESC, l.id DESC LIMIT \(shownLetters)
            """
        var binds: [SQLValue] { [.uuid(personID)] }
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
            WHERE d.department_id = $1
              AND (d.visibility = $3 OR EXISTS (SELECT 1 FROM board_memberships b WHERE b.person_id = $2
                AND b.department_id = $1 AND b.board = $4 AND b.term_start <= $5 AND b.term_end >= $5))
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
              AND (d.visibility = $3 OR EXISTS (SELECT 1 FROM board_memberships b WHERE b.person_id = $1
                AND b.department_id = d.department_id AND b.board = $4 AND b.term_start <= $5 AND b.term_end >= $5))
            """
        var binds: [SQLValue] {
            [
                .uuid(personID), .text(LeaseStatus.ended.rawValue), .text(DocumentVisibility.residents.rawValue),
                .text(BoardKind.department.rawValue), .text(today), .uuid(documentID),
            ]
        }
    }

    /// A department's board in its term today, by position and name; a member whose name and
    /// address are protected is left out: one statement.
    struct BoardMember: Decodable, Sendable {
        let given_name: String
        let family_name: String
        let position: String
    }

    struct BoardQuery: PreparedQuery {
        typealias Row = BoardMember
        let departmentID: UUID
        let today: String
        static let sql = """
            SELECT p.given_name, p.family_name, b.position FROM board_memberships b
            JOIN people p ON p.id = b.person_id
            WHERE b.department_id = $1 AND b.board = $2 AND b.term_start <= $3 AND b.term_end >= $3
              AND p.name_address_protected = $4
            ORDER BY CASE b.position WHEN 'chair' THEN 0 WHEN 'deputy_chair' THEN 1 WHEN 'member' THEN 2 ELSE 3 END,
              p.given_name, p.family_name
            """
        var binds: [SQLValue] {
            [.uuid(departmentID), .text(BoardKind.department.rawValue), .text(today), .bool(false)]
        }
    }
}
