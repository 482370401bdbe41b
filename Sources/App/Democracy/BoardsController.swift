import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// The boards of resident democracy in the back office (rules.md §6): an organisation's board and
/// its departments' boards as they stand today, each checked against the composition rules with a
/// clear message, the representative body's balance, and an election's results entered: who
/// continues, who was elected, for how long. The organisation board's access to residents'
/// contact details follows these terms.
enum BoardsController {
    struct Context: Encodable {
        let page: PageChrome
        let action: String
        let organisations: [SelectOption]
        let chosen: Bool
        /// The organisation's board, once an organisation is chosen (a list, for the view's loop).
        let organisationBoards: [Board]
        let departments: [Board]
        let representatives: [String]
        let message: String?
    }

    struct Board: Encodable {
        let title: String
        let members: [Member]
        let problems: [String]
        let electionHref: String
    }

    struct Member: Encodable {
        let name: String
        let position: String
        let term: String
        let resident: Bool
    }

    /// A seat in its term, with whether its holder lives where the rules ask.
    struct SeatRow: Decodable, Sendable {
        let id: UUID?
        let person_id: UUID?
        let department_id: UUID?
        let number: Int?
        let name: String?
        let position: BoardPosition?
        let term_start: String?
        let term_end: String?
        let given_name: String?
        let family_name: String?
        let resident: Int?
    }

    /// "Lives in one of the organisation's (or the department's) homes": an `EXISTS` on person
    /// `p`, for departments matching `departments` (an SQL condition on `dw.department_id`).
    static func lives(_ departments: SQLQueryString) -> SQLQueryString {
        """
        EXISTS (SELECT 1 FROM leases rl JOIN dwellings dw ON dw.id = rl.dwelling_id
          WHERE rl.status <> 'ended' AND \(departments)
            AND (rl.id IN (SELECT t.lease_id FROM lease_tenants t WHERE t.person_id = p.id)
              OR rl.id IN (SELECT h.lease_id FROM household_members h WHERE h.person_id = p.id)))
        """
    }

    /// The organisation board's seats in term on `day`: one statement.
    static func organisationSeats(
        _ organisation: UUID,
        on day: LocalDate,
        sql: any SQLDatabase
    ) async throws
        -> [SeatRow]
    {
        try await sql.raw(
            """
            SELECT b.id, b.person_id, CAST(NULL AS TEXT) AS department_id, CAST(NULL AS INTEGER) AS number,
              CAST(NULL AS TEXT) AS name, b.position, b.term_start, b.term_end, p.given_name, p.family_name,
              CASE WHEN \(lives("dw.department_id IN (SELECT od.id FROM departments od WHERE od.organisation_id = \(bind: organisation))")) THEN 1 ELSE 0 END AS resident
            FROM board_memberships b JOIN people p ON p.id = b.person_id
            WHERE b.board = 'organisation' AND b.organisation_id = \(bind: organisation)
              AND b.term_start <= \(bind: day.iso) AND b.term_end >= \(bind: day.iso)
            ORDER BY b.position, p.family_name, p.given_name
            """
        ).rows(decoding: SeatRow.self)
    }

    /// Every department of the organisation with its board's seats in term on `day` (a row with
    /// no seat for a department without a board): one statement.
    static func departmentSeats(
        organisation: UUID?,
        department: UUID? = nil,
        on day: LocalDate,
        sql: any SQLDatabase
    ) async throws -> [SeatRow] {
        let which: SQLQueryString =
            if let department { "dep.id = \(bind: department)" } else { "dep.organisation_id = \(bind: organisation)" }
        return try await sql.raw(
            """
            SELECT b.id, b.person_id, dep.id AS department_id, dep.number, dep.name, b.position, b.term_start, b.term_end,
              p.given_name, p.family_name,
              CASE WHEN p.id IS NULL THEN NULL WHEN \(lives("dw.department_id = dep.id")) THEN 1 ELSE 0 END AS resident
            FROM departments dep
            LEFT JOIN board_memberships b ON b.department_id = dep.id AND b.board = 'department'
              AND b.term_start <= \(bind: day.iso) AND b.term_end >= \(bind: day.iso)
            LEFT JOIN people p ON p.id = b.person_id
            WHERE \(which)
            ORDER BY dep.number, b.position, p.family_name, p.given_name
            LIMIT 20000
            """
        ).rows(decoding: SeatRow.self)
    }

    static func seat(_ row: SeatRow) -> BoardComposition.Seat? {
        guard let position = row.position else { return nil }
        return BoardComposition.Seat(role: role(position), isResident: row.resident == 1)
    }

    static func role(_ position: BoardPosition) -> BoardComposition.Role {
        switch position {
        case .chair: .chair
        case .deputyChair: .deputyChair
        case .member: .member
        case .alternate: .alternate
        }
    }

    static func member(_ row: SeatRow, _ language: Language, _ strings: [String: String]) -> Member? {
        guard let position = row.position, let start = row.term_start.flatMap(LocalDate.init(iso:)),
            let end = row.term_end.flatMap(LocalDate.init(iso:))
        else { return nil }
        return Member(
            name: "\(row.given_name ?? "") \(row.family_name ?? "")",
            position: (strings["boardPosition_\(position.rawValue)"] ?? "").capitalizedFirst,
            term: "\(DateText.short(start, language)) – \(DateText.short(end, language))",
            resident: row.resident == 1
        )
    }

    /// What the boards' page shows, in one statement (three with an organisation chosen): the
    /// staff's organisations to choose from and, for the chosen one of them, its board's seats
    /// (`organisationSeats`) and its departments with their boards' seats (`departmentSeats`).
    struct Page: Sendable {
        let organisations: [HousingOrganisation]
        /// The chosen organisation's board and its departments' boards, nil with none chosen.
        var seats: (organisation: [SeatRow], departments: [SeatRow])? = nil

        static func load(
            scope: StaffScope,
            chosen: UUID?,
            today: LocalDate,
            on database: any Database
        ) async throws -> Page {
            var query = HousingOrganisation.query(on: database)
            if let ids = scope.ids { query = query.filter(\.$id ~~ ids) }
            var page = Page(
                organisations: try await query.sort(\.$name).field(\.$id).field(\.$name).range(..<500).all()
            )
            if let organisation = chosen, scope.contains(organisation),
                page.organisations.contains(where: { $0.id == organisation })
            {
                let sql = try database.sql()
                page.seats = (
                    try await organisationSeats(organisation, on: today, sql: sql),
                    try await departmentSeats(organisation: organisation, on: today, sql: sql)
                )
            }
            return page
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        let language = req.language
        let strings = Strings.table(language)
        let chosen = req.queryValue("organisation").flatMap(UUID.init(uuidString:)).flatMap {
            scope.contains($0) ? $0 : nil
        }
        let page = try await Page.load(scope: scope, chosen: chosen, today: req.today, on: req.db)
        let organisations = page.organisations
        var organisationBoard: Board?
        var departments: [Board] = []
        var representatives: [String] = []
        if let organisation = chosen, let seats = page.seats {
            let (orgSeats, rows) = (seats.organisation, seats.departments)
            organisationBoard = Board(
                title: strings["boardsOrganisation"] ?? "",
                members: orgSeats.compactMap { member($0, language, strings) },
                problems: BoardCompositionText.describe(
                    BoardComposition.organisationBoard(orgSeats.compactMap(seat)),
                    language
                ),
                electionHref: SiteRoute.organisationBoardElection(organisation).path
            )
            var perDepartment: [Int] = []
            for (id, group) in Dictionary(grouping: rows, by: { $0.department_id }).sorted(by: {
                ($0.value.first?.number ?? 0) < ($1.value.first?.number ?? 0)
            }) {
                guard let id, let first = group.first else { continue }
                let seats = group.compactMap(seat)
                perDepartment.append(seats.filter { $0.role != .alternate }.count)
                departments.append(
                    Board(
                        title: "\(strings["department"] ?? "") \(first.number ?? 0) \(first.name ?? "")",
                        members: group.compactMap { member($0, language, strings) },
                        problems: seats.isEmpty
                            ? [strings["boardsNoBoard"] ?? ""]
                            : BoardCompositionText.describe(BoardComposition.departmentBoard(seats), language),
                        electionHref: SiteRoute.departmentBoardElection(id).path
                    )
                )
            }
            // The department boards' members represent their departments in the representative body.
            representatives = BoardCompositionText.describe(
                BoardComposition.representativeBody(
                    boardMembers: orgSeats.compactMap(seat).filter { $0.role != .alternate }.count,
                    representativesPerDepartment: perDepartment
                ),
                language
            )
            try await req.audit.record(
                .boardsRead,
                dataSubjects: rows.compactMap(\.person_id) + orgSeats.compactMap(\.person_id),
                subjectKind: .housingOrganisation,
                subjectID: organisation,
                purpose: AuditPurpose("boards"),
                actor: principal
            )
        }
        return try await req.view.render(
            "boards",
            Context(
                page: await PageChrome.make(for: req, title: strings["boardsTitle"] ?? ""),
                action: SiteRoute.boards.path,
                organisations: try organisations.map {
                    let id = try $0.requireID()
                    return SelectOption(value: id.uuidString, label: $0.name, selected: id == chosen)
                },
                chosen: organisationBoard != nil,
                organisationBoards: organisationBoard.map { [$0] } ?? [],
                departments: departments,
                representatives: representatives,
                message: req.queryValue("besked").flatMap { strings["boardsNotice_\($0)"] }
            )
        )
    }
}
