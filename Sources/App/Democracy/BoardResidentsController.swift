import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// "Beboere i boligorganisationen": an organisation board member sees the residents' names and
/// contact details while their election period is active, and only then (rules.md §6). A
/// department board gets no resident list. Every view is an audited read of personal data.
enum BoardResidentsController {
    struct Resident: Encodable {
        let name: String
        let address: String
        let email: String?
        let phone: String?
    }

    struct Context: Encodable {
        let page: PageChrome
        let organisation: String
        let termEnd: String
        let residents: [Resident]
        let pager: Pager
        let action: String
        let search: String
    }

    static let pageSize = 100

    /// One resident as the list reads them: a tenant of a current lease in the organisation.
    struct Row: Decodable, Sendable, AddressRow {
        let id: UUID
        let person_id: UUID
        let given_name: String
        let family_name: String
        let email: String?
        let phone: String?
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
    }

    /// The residents by name, a page from `cursor` (a tenancy id) on: one statement. Keyset on
    /// (family name, given name, tenancy), so a deep page costs what the first does.
    static func residents(
        of organisationID: UUID,
        search: String?,
        after cursor: UUID?,
        on database: any SQLDatabase
    ) async throws -> [Row] {
        var query: SQLQueryString = """
            SELECT lt.id, lt.person_id, p.given_name, p.family_name, p.email, p.phone,
              d.street, d.house_number, d.floor, d.door, d.postal_code, d.city
            FROM lease_tenants lt
            JOIN leases l ON l.id = lt.lease_id
            JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            JOIN people p ON p.id = lt.person_id
            WHERE dep.organisation_id = \(bind: organisationID) AND l.status <> \(bind: LeaseStatus.ended.rawValue)
              AND p.name_address_protected = \(bind: false)
            """
        if let search {
            query +=
                " AND (" + Keyset.like("p.given_name || ' ' || p.family_name", search) + " OR "
                + Keyset.like("d.street || ' ' || d.house_number", search) + ")"
        }
        if let cursor {
            query += """
                 AND (p.family_name, p.given_name, lt.id) > (SELECT p2.family_name, p2.given_name, lt2.id
                   FROM lease_tenants lt2 JOIN people p2 ON p2.id = lt2.person_id WHERE lt2.id = \(bind: cursor))
                """
        }
        query += " ORDER BY p.family_name, p.given_name, lt.id LIMIT \(literal: pageSize + 1)"
        return try await database.raw(query).rows(decoding: Row.self)
    }

    /// A seat on an organisation board, with the organisation's name.
    struct Seat: Decodable, Sendable {
        let organisation_id: UUID
        let organisation_name: String
        let term_end: String
    }

    /// The person's seat on an organisation board whose term runs `today`, if any: one statement.
    static func seat(of personID: UUID, today: LocalDate, on sql: any SQLDatabase) async throws -> Seat? {
        try await sql.raw(
            """
            SELECT o.id AS organisation_id, o.name AS organisation_name, b.term_end
            FROM board_memberships b JOIN housing_organisations o ON o.id = b.organisation_id
            WHERE b.person_id = \(bind: personID) AND b.board = \(bind: BoardKind.organisation.rawValue)
              AND b.term_start <= \(bind: today.iso) AND b.term_end >= \(bind: today.iso)
            ORDER BY b.term_end DESC, o.name LIMIT 1
            """
        ).first(decoding: Seat.self)
    }

    /// What the page shows: the member's seat on an organisation board whose term runs today, and
    /// a page of the organisation's residents. Two statements; nil without such a seat.
    struct Page: Sendable {
        let seat: Seat
        let rows: [Row]

        static func load(
            person: UUID,
            today: LocalDate,
            search: String?,
            after cursor: UUID?,
            on database: any SQLDatabase
        ) async throws -> Page? {
            guard let seat = try await BoardResidentsController.seat(of: person, today: today, on: database) else {
                return nil
            }
            let rows = try await residents(of: seat.organisation_id, search: search, after: cursor, on: database)
            return Page(seat: seat, rows: rows)
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let search = Keyset.search(req)
        let cursor = Keyset.cursor(req)
        // The seat must be on an organisation board and its term running today.
        guard
            let loaded = try await Page.load(
                person: principal.id,
                today: req.today,
                search: search,
                after: cursor,
                on: try req.sql
            )
        else { throw AccessRefused(key: "refusedBoardResidents") }
        let (seat, rows) = (loaded.seat, loaded.rows)
        let organisationID = seat.organisation_id
        let (shown, pager) = Pager.page(
            rows,
            size: pageSize,
            id: \.id,
            route: .boardResidents,
            query: [("q", search)],
            cursor: cursor,
            alphabetical: true
        )
        try await req.audit.record(
            .boardResidentsList,
            dataSubjects: shown.map(\.person_id),
            subjectKind: .housingOrganisation,
            subjectID: organisationID,
            purpose: AuditPurpose("boardResidentsContact"),
            actor: principal
        )
        let strings = Strings.table(req.language)
        return try await req.view.render(
            "board-residents",
            Context(
                page: await PageChrome.make(for: req, title: strings["boardResidentsTitle"] ?? ""),
                organisation: seat.organisation_name,
                termEnd: LocalDate(iso: seat.term_end).map { DateText.short($0, req.language) } ?? "",
                residents: shown.map { row in
                    Resident(
                        name: "\(row.given_name) \(row.family_name)",
                        address: "\(row.addressLine), \(row.postalCity)",
                        email: row.email,
                        phone: row.phone
                    )
                },
                pager: pager,
                action: SiteRoute.boardResidents.path,
                search: search ?? ""
            )
        )
    }
}
