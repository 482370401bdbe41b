import AlmenDomain
import Foundation
import SQLKit

/// What the pages of a notice after a death read (`EstateNoticeController`), each in a fixed
/// few statements, scoped to the caseworker's organisations in SQL: the leases a search finds,
/// and one lease with its people, its notice and the case the notice may complete.
enum EstateNoticePage {
    /// A lease a search found, with its tenants' names.
    struct Found: Decodable, Sendable, AddressRow {
        let id: UUID
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let organisation_name: String
        let status: String
        /// The lejemålsnummer, which tells apart homes of one address (row houses) and which a
        /// letter about the lease quotes.
        let number: String?
    }

    struct Tenant: Decodable, Sendable {
        let lease_id: UUID
        let person_id: UUID
        let given_name: String
        let family_name: String
        var name: String { "\(given_name) \(family_name)" }
    }

    /// The most leases a search shows: a search narrow enough to find one home.
    static let searchLimit = 20

    /// The expressions a search looks in, each with an index on PostgreSQL
    /// (`AddEstateSearchIndexes`, `AddAddressSearchIndex`): the whole address without its
    /// punctuation ("havevej 13 1 tv 4700 næstved", which a search written as pages and letters
    /// write it, "Havevej 13, 1. tv, 4700 Næstved", becomes: `addressText`), the postcode and
    /// town, the lease's number, and a tenant's name either way round.
    static let address =
        "REPLACE(d.street, '.', '') || ' ' || d.house_number || COALESCE(' ' || d.floor, '') || COALESCE(' ' || d.door, '')"
        + " || ' ' || d.postal_code || ' ' || d.city"
    static let town = "d.postal_code || ' ' || d.city"
    static let number = "COALESCE(l.number, '')"
    static let name = "sp.given_name || ' ' || sp.family_name"
    static let reversedName = "sp.family_name || ' ' || sp.given_name"

    /// The search with one space between words, however many were typed.
    static func spaced(_ search: String) -> String {
        search.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A name as the search looks for it: "Nielsen, Mette" is "Nielsen Mette".
    static func nameText(_ search: String) -> String {
        spaced(search.replacingOccurrences(of: ",", with: " "))
    }

    /// An address as `address` holds it: no full stops ("st." is "st", "Skt. Peders Gade" is
    /// "Skt Peders Gade"), commas as spaces, one space between words.
    static func addressText(_ search: String) -> String {
        nameText(search.replacingOccurrences(of: ".", with: ""))
    }

    /// Floors in the order of a building: none, "kl" (the cellar), "st" (the ground floor), then
    /// "1", "2", … "10" by number.
    static let floorOrder =
        "CASE WHEN d.floor IS NULL THEN 0 WHEN d.floor = 'kl' THEN 1 WHEN d.floor = 'st' THEN 2 ELSE 3 END, "
        + "LENGTH(COALESCE(d.floor, '')), COALESCE(d.floor, '')"

    /// The leases that have not ended whose address, postcode and town, number or tenant's name
    /// begins with `search`, by address, with their tenants and the read's audit: two statements
    /// (three on SQLite, which writes the audit apart). At most
    /// `searchLimit`, and whether more matched. Each kind of match is found by its index, so a
    /// search reads the homes it finds, not the register (a search for text anywhere in the
    /// address read all 80,000 homes, about 75 ms of PostgreSQL's time each).
    static func leases(
        matching search: String,
        scope: StaffScope,
        audit: AuditedRead,
        on sql: any SQLDatabase
    ) async throws -> (leases: [(Found, [Tenant])], more: Bool) {
        guard let inScope = scope.condition("dep", "organisation_id") else {
            try await audit.write([nil], on: sql)
            return ([], false)
        }
        let (words, named) = (spaced(search), nameText(search))
        // A search of full stops or commas alone is no beginning of anything (not every row).
        let prefix = { (expression: String, text: String) -> SQLQueryString in
            text.isEmpty ? "1 = 0" : Keyset.prefix(expression, text, on: sql)
        }
        let hits: SQLQueryString =
            "SELECT l.id FROM leases l JOIN dwellings d ON d.id = l.dwelling_id WHERE "
            + prefix(address, addressText(search))
            + " UNION SELECT l.id FROM leases l JOIN dwellings d ON d.id = l.dwelling_id WHERE "
            + prefix(town, words)
            + " UNION SELECT l.id FROM leases l WHERE " + prefix(number, words)
            + " UNION SELECT st.lease_id FROM lease_tenants st JOIN people sp ON sp.id = st.person_id WHERE "
            + prefix(name, named) + " OR " + prefix(reversedName, named)
        var query: SQLQueryString = """
            SELECT l.id, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              o.name AS organisation_name, l.status, l.number
            FROM leases l JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            JOIN housing_organisations o ON o.id = dep.organisation_id
            WHERE l.status <> \(bind: LeaseStatus.ended.rawValue)
            """
        query += inScope
        query += " AND l.id IN (" + hits + ")"
        // Address order: house numbers by length first (3 before 11); a house of its own, then
        // the cellar, the ground floor and the floors by number; empty doors first on both
        // databases (NULLs do not).
        query += """
             ORDER BY d.street, LENGTH(d.house_number), d.house_number, \(unsafeRaw: floorOrder), COALESCE(d.door, ''), l.id
             LIMIT \(unsafeRaw: String(searchLimit + 1))
            """
        // Unprepared: PostgreSQL plans it for what was typed. A prepared statement may settle on
        // its generic plan, blind to how many rows a beginning finds (10–12 ms, docs/benchmarks.md).
        let read = try await sql.raw(query).rows(decoding: Found.self)
        let found = Array(read.prefix(searchLimit))
        guard !found.isEmpty else {
            try await audit.write([nil], on: sql)
            return ([], false)
        }
        // The tenants shown are people whose data was read: their statement writes the audit.
        let tenantsQuery: SQLQueryString =
            """
            SELECT lt.lease_id, p.id AS person_id, p.given_name, p.family_name
            FROM lease_tenants lt JOIN people p ON p.id = lt.person_id
            """ + " WHERE " + .oneOf("lt.lease_id", found.map(\.id), on: sql)
            + " ORDER BY p.given_name, p.family_name, p.id"
        let subjects: SQLQueryString =
            "SELECT al.person_id FROM lease_tenants al WHERE " + .oneOf("al.lease_id", found.map(\.id), on: sql)
        let tenants = try await sql.raw(audit.statement(tenantsQuery, subjects: subjects, on: sql))
            .preparedRows(decoding: Tenant.self)
        try await audit.finish(subjects: tenants.map(\.person_id), on: sql)
        return (found.map { lease in (lease, tenants.filter { $0.lease_id == lease.id }) }, read.count > searchLimit)
    }

    /// The lease, with what the notice needs and what stands in its way.
    struct Lease: Decodable, Sendable, AddressRow, LeaseStatusRow {
        let id: UUID
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let organisation_id: UUID
        let organisation_name: String
        let housing_type: String
        let start_date: String
        let monthly_rent_ore: Int64
        let notice_weeks: Int?
        let status: String
        let end_date: String?
        /// The lease's notice, if one was given (a tenant's, or an estate's), with its case.
        let notice_id: UUID?
        let notice_case_id: UUID?
        let notice_received_on: String?
        let notice_case_status: String?

        /// A tenant's notice that waited for a co-tenant and whose case staff closed: a new
        /// notice replaces it.
        var noticeWithdrawn: Bool { notice_id != nil && notice_received_on == nil && notice_case_status == "closed" }
    }

    /// A person of the lease: a tenant, or a household member (who may have the right to go on
    /// living there, so the caseworker must know of them).
    struct Person: Decodable, Sendable {
        let id: UUID
        let given_name: String
        let family_name: String
        let tenant: Int
        var name: String { "\(given_name) \(family_name)" }
    }

    /// An open termination case the estate's notice completes: one opened for the estate's mail,
    /// with no notice yet, about no lease or this one.
    struct OpenCase: Decodable, Sendable {
        let id: UUID
        let number: String
    }

    struct Loaded: Sendable {
        let lease: Lease
        let people: [Person]
        let openCase: OpenCase?

        var tenants: [Person] { people.filter { $0.tenant == 1 } }
        var household: [Person] { people.filter { $0.tenant == 0 } }
    }

    /// A row of `load`'s statement: the lease, and one of its people (none when nobody is
    /// registered on it).
    private struct LeaseRow: Decodable, Sendable {
        let lease: Lease
        let person: Person?

        private enum Keys: String, CodingKey { case person_id, given_name, family_name, tenant }

        init(from decoder: any Decoder) throws {
            lease = try Lease(from: decoder)
            let row = try decoder.container(keyedBy: Keys.self)
            if let id = try row.decodeIfPresent(UUID.self, forKey: .person_id) {
                person = Person(
                    id: id,
                    given_name: try row.decode(String.self, forKey: .given_name),
                    family_name: try row.decode(String.self, forKey: .family_name),
                    tenant: try row.decode(Int.self, forKey: .tenant)
                )
            } else {
                person = nil
            }
        }
    }

    /// The lease in `scope` that has not ended, its people and the case named by `caseID` if the
    /// notice may complete it: one statement for the lease and its people, a row for each person,
    /// and one more for the case. Nil when the lease is not found in the scope. With `audit`,
    /// reading the people is audited, in the same statement on PostgreSQL, and only when the
    /// lease is in the scope.
    static func load(
        _ leaseID: UUID,
        case caseID: UUID?,
        scope: StaffScope,
        audit: AuditedRead? = nil,
        on sql: any SQLDatabase
    ) async throws -> Loaded? {
        guard let inScope = scope.condition("dep", "organisation_id") else { return nil }
        var query: SQLQueryString = """
            SELECT l.id, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              o.id AS organisation_id, o.name AS organisation_name, d.housing_type, l.start_date,
              l.monthly_rent_ore, l.notice_weeks, l.status, l.end_date,
              n.id AS notice_id, n.case_id AS notice_case_id, n.received_on AS notice_received_on,
              c.status AS notice_case_status,
              pp.id AS person_id, pp.given_name, pp.family_name, pp.tenant
            FROM leases l JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            JOIN housing_organisations o ON o.id = dep.organisation_id
            LEFT JOIN termination_notices n ON n.lease_id = l.id
            LEFT JOIN cases c ON c.id = n.case_id
            LEFT JOIN (
              SELECT p.id AS id, p.given_name AS given_name, p.family_name AS family_name, 1 AS tenant
              FROM lease_tenants lt JOIN people p ON p.id = lt.person_id WHERE lt.lease_id = \(bind: leaseID)
              UNION ALL
              SELECT p.id, p.given_name, p.family_name, 0 AS tenant FROM household_members h
                JOIN people p ON p.id = h.person_id WHERE h.lease_id = \(bind: leaseID)
            ) pp ON TRUE
            WHERE l.id = \(bind: leaseID) AND l.status <> \(bind: LeaseStatus.ended.rawValue)
            """
        query += inScope + " ORDER BY pp.tenant DESC, pp.given_name, pp.family_name, pp.id"
        if let audit {
            guard let auditScope = scope.condition("adep", "organisation_id") else { return nil }
            query = audit.statement(
                query,
                subjects: """
                    SELECT al.person_id FROM lease_tenants al WHERE al.lease_id = \(bind: leaseID)
                    UNION SELECT ah.person_id FROM household_members ah WHERE ah.lease_id = \(bind: leaseID)
                    """,
                when: """
                    EXISTS (SELECT 1 FROM leases ale JOIN dwellings ad ON ad.id = ale.dwelling_id
                      JOIN departments adep ON adep.id = ad.department_id
                      WHERE ale.id = \(bind: leaseID) AND ale.status <> \(bind: LeaseStatus.ended.rawValue)
                    """ + auditScope + ")",
                on: sql
            )
        }
        let rows = try await sql.raw(query).preparedRows(decoding: LeaseRow.self)
        guard let lease = rows.first?.lease else { return nil }
        // A lease has one notice at most (`termination_notices.lease_id` is unique): a row a person.
        let people = rows.compactMap(\.person)
        try await audit?.finish(subjects: people.map(\.id), on: sql)
        var openCase: OpenCase?
        if let caseID {
            openCase = try await sql.raw(
                """
                SELECT c.id, c.number FROM cases c
                WHERE c.id = \(bind: caseID) AND c.organisation_id = \(bind: lease.organisation_id)
                  AND c.kind = \(bind: CaseKind.termination.rawValue) AND c.status = \(bind: CaseStatus.open.rawValue)
                  AND (c.lease_id IS NULL OR c.lease_id = \(bind: leaseID))
                  AND NOT EXISTS (SELECT 1 FROM termination_notices n WHERE n.case_id = c.id)
                """
            ).first(decoding: OpenCase.self)
        }
        return Loaded(lease: lease, people: people, openCase: openCase)
    }
}
