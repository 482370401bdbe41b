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

        var isTenancy: Bool { role != Self.household }
        static let household = "household"
    }

    /// The homes of leases that have not ended, tenancies first, by address: one statement.
    struct HomesQuery: PreparedQuery {
        typealias Row = Home
        let personID: UUID
        static let sql = """
            SELECT x.lease_id, x.role, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              dep.number AS department_number, dep.name AS department_name, o.name AS organisation_name
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

    /// How many open cases the person is party to: one statement.
    struct OpenCasesQuery: PreparedQuery {
        struct Row: Decodable, Sendable { let open: Int }
        let personID: UUID
        static let sql = """
            SELECT COUNT(DISTINCT c.id) AS open FROM cases c JOIN case_parties cp ON cp.case_id = c.id
            WHERE cp.person_id = $1 AND c.status = $2
            """
        var binds: [SQLValue] { [.uuid(personID), .text(CaseStatus.open.rawValue)] }
    }

    static func openCases(of personID: UUID, on database: any Database) async throws -> Int {
        try await OpenCasesQuery(personID: personID).first(on: database)?.open ?? 0
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
}
