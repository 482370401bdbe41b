import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// An election's results entered for a department board or the organisation's board: the seats
/// in term on the election day continue unless unticked; those elected are found by their name
/// and address (an organisation board member from outside gets a record of their own). The board
/// as it will be is checked against the composition rules first, and nothing is saved while a
/// rule is broken. Seats that do not continue end the day before the election.
enum BoardElectionController {
    struct Context: Encodable {
        let page: PageChrome
        let title: String
        let action: String
        let isDepartment: Bool
        let date: String
        let continuing: [Continuing]
        let rows: [Row]
        let errors: [String: String]
        let errorList: [FieldError]
        /// The rules the board as entered would break (not one field's fault).
        let composition: [String]
        let boardsHref: String
    }

    struct Continuing: Encodable {
        let id: String
        let name: String
        let position: String
        let term: String
        let kept: Bool
    }

    struct Row: Encodable {
        let index: Int
        let number: Int
        let name: String
        let address: String
        let positions: [SelectOption]
        let years: [SelectOption]
        let nameError: String?
        let addressError: String?
    }

    /// New seats a form offers.
    static let rowCount = 7

    /// Which board, and where its members must live.
    struct Target {
        let board: BoardKind
        let organisationID: UUID
        let departmentID: UUID?
        let title: String
        let action: String
    }

    /// The board asked for, found in the register summary the application keeps (no statement).
    static func target(_ req: Request, scope: StaffScope, board: BoardKind) async throws -> Target {
        let strings = Strings.table(req.language)
        switch board {
        case .department:
            guard let id = req.parameters.get("departmentID", as: UUID.self),
                let (organisation, department) = try await req.application.registerSummary.department(id, on: req.db),
                scope.contains(organisation.id)
            else { throw Abort(.notFound) }
            return Target(
                board: .department,
                organisationID: organisation.id,
                departmentID: id,
                title: "\(strings["boardsElectionDepartment"] ?? "") \(department.number) \(department.name)",
                action: SiteRoute.departmentBoardElection(id).path
            )
        case .organisation:
            guard let id = req.parameters.get("organisationID", as: UUID.self), scope.contains(id),
                let organisation = try await req.application.registerSummary.organisations(on: req.db)
                    .first(where: { $0.id == id })
            else { throw Abort(.notFound) }
            return Target(
                board: .organisation,
                organisationID: id,
                departmentID: nil,
                title: "\(strings["boardsElectionOrganisation"] ?? "") \(organisation.name)",
                action: SiteRoute.organisationBoardElection(id).path
            )
        }
    }

    static func seats(
        _ target: Target,
        on day: LocalDate,
        sql: any SQLDatabase
    ) async throws
        -> [BoardsController.SeatRow]
    {
        switch target.board {
        case .department:
            try await BoardsController.departmentSeats(
                organisation: nil,
                department: target.departmentID,
                on: day,
                sql: sql
            ).filter { $0.id != nil }
        case .organisation:
            try await BoardsController.organisationSeats(target.organisationID, on: day, sql: sql)
        }
    }

    @Sendable
    static func showDepartment(_ req: Request) async throws -> View { try await show(req, board: .department) }

    @Sendable
    static func showOrganisation(_ req: Request) async throws -> View { try await show(req, board: .organisation) }

    @Sendable
    static func saveDepartment(_ req: Request) async throws -> Response { try await save(req, board: .department) }

    @Sendable
    static func saveOrganisation(_ req: Request) async throws -> Response { try await save(req, board: .organisation) }

    static func show(_ req: Request, board: BoardKind) async throws -> View {
        let (_, scope) = try await req.requireStaffScope()
        let target = try await target(req, scope: scope, board: board)
        let seats = try await seats(target, on: req.today, sql: try req.sql)
        return try await render(req, target, date: req.today.iso, seats: seats, fields: [:], problems: [])
    }

    static func render(
        _ req: Request,
        _ target: Target,
        date: String,
        seats: [BoardsController.SeatRow],
        fields: [String: String],
        problems: [(String, String)],
        composition: [String] = []
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, $0.1) },
            labelKey: { "boardsField_\($0.prefix { $0 != "_" })" },
            strings
        )
        let submitted = !fields.isEmpty
        return try await req.view.render(
            "board-election",
            Context(
                page: await PageChrome.make(for: req, title: target.title),
                title: target.title,
                action: target.action,
                isDepartment: target.board == .department,
                date: date,
                continuing: seats.compactMap { seat in
                    guard let id = seat.id, let member = BoardsController.member(seat, language, strings) else {
                        return nil
                    }
                    let key = id.lowercasedString
                    return Continuing(
                        id: key,
                        name: member.name,
                        position: member.position,
                        term: member.term,
                        kept: submitted ? fields["keep_\(key)"] == "ja" : true
                    )
                },
                rows: (0..<rowCount).map { index in
                    Row(
                        index: index,
                        number: index + 1,
                        name: fields["name_\(index)"] ?? "",
                        address: fields["address_\(index)"] ?? "",
                        positions: BoardPosition.allCases.map {
                            SelectOption(
                                value: $0.rawValue,
                                label: (strings["boardPosition_\($0.rawValue)"] ?? "").capitalizedFirst,
                                selected: (fields["position_\(index)"] ?? BoardPosition.member.rawValue) == $0.rawValue
                            )
                        },
                        years: ["1", "2"].map {
                            SelectOption(
                                value: $0,
                                label: $0 == "1" ? strings["boardsOneYear"] ?? "" : strings["boardsTwoYears"] ?? "",
                                selected: (fields["years_\(index)"] ?? "2") == $0
                            )
                        },
                        nameError: errors["name_\(index)"],
                        addressError: errors["address_\(index)"]
                    )
                },
                errors: errors,
                errorList: errorList,
                composition: composition,
                boardsHref: SiteRoute.boards.path(query: [("organisation", target.organisationID.uuidString)])
            )
        )
    }

    /// A new seat from the form, with its person once found.
    struct Elected: Sendable {
        let index: Int
        let name: String
        let person: UUID?
        let resident: Bool
        let position: BoardPosition
        let years: Int
    }

    static func save(_ req: Request, board: BoardKind) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let target = try await target(req, scope: scope, board: board)
        let sql = try req.sql
        let language = req.language
        let strings = Strings.table(language)
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        var problems: [(String, String)] = []
        let day = LocalDate(iso: (fields["date"] ?? "").trimmingCharacters(in: .whitespaces))
        if day == nil || day.map({ req.today.adding(days: 366) < $0 || $0 < req.today.adding(days: -366) }) == true {
            problems.append(("date", strings["boardsErrorDate"] ?? ""))
        }
        let electionDay = day ?? req.today
        let seats = try await seats(target, on: electionDay, sql: sql)
        let kept = seats.filter { seat in seat.id.map { fields["keep_\($0.lowercasedString)"] == "ja" } ?? false
        }
        // Where the elected must live: the department, or any of the organisation's departments.
        let homes: [UUID] =
            if let department = target.departmentID {
                [department]
            } else {
                try await Department.query(on: req.db).filter(\.$organisation.$id == target.organisationID).all()
                    .compactMap(\.id)
            }
        var elected: [Elected] = []
        for index in 0..<rowCount {
            let name = (fields["name_\(index)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            let address = (fields["address_\(index)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty || !address.isEmpty else { continue }
            let position = BoardPosition(rawValue: fields["position_\(index)"] ?? "") ?? .member
            let years = fields["years_\(index)"] == "1" ? 1 : 2
            guard name.count >= 2, name.count <= 200, name.contains(" ") else {
                problems.append(("name_\(index)", strings["boardsErrorName"] ?? ""))
                continue
            }
            if address.isEmpty {
                guard target.board == .organisation else {
                    problems.append(("address_\(index)", strings["boardsErrorAddressRequired"] ?? ""))
                    continue
                }
                // A member from outside the organisation: not a resident.
                elected.append(
                    Elected(index: index, name: name, person: nil, resident: false, position: position, years: years)
                )
                continue
            }
            let occupants = try await BallotController.occupants(address: address, departments: homes, on: sql)
            guard !occupants.isEmpty else {
                problems.append(("address_\(index)", strings["boardsErrorAddress"] ?? ""))
                continue
            }
            guard
                let person = occupants.first(where: {
                    BallotController.normalised("\($0.given_name) \($0.family_name)")
                        == BallotController.normalised(name)
                })
            else {
                problems.append(("name_\(index)", strings["boardsErrorNameAtAddress"] ?? ""))
                continue
            }
            elected.append(
                Elected(
                    index: index,
                    name: name,
                    person: person.person_id,
                    resident: true,
                    position: position,
                    years: years
                )
            )
        }
        // One person, one seat: someone continuing is not elected again, nor elected twice.
        var people = Set(kept.compactMap(\.person_id))
        for seat in elected {
            guard let person = seat.person else { continue }
            if !people.insert(person).inserted {
                problems.append(("name_\(seat.index)", strings["boardsErrorTwice"] ?? ""))
            }
        }
        let composition =
            kept.compactMap(BoardsController.seat)
            + elected.map { BoardComposition.Seat(role: BoardsController.role($0.position), isResident: $0.resident) }
        var broken: [String] = []
        if problems.isEmpty {
            broken = BoardCompositionText.describe(
                target.board == .department
                    ? BoardComposition.departmentBoard(composition) : BoardComposition.organisationBoard(composition),
                language
            )
        }
        guard problems.isEmpty, broken.isEmpty else {
            return try await render(
                req,
                target,
                date: fields["date"] ?? "",
                seats: seats,
                fields: fields,
                problems: problems,
                composition: broken
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let dependencies = req.application.dependencies
        let ending = seats.filter { seat in !kept.contains { $0.id == seat.id } }.compactMap(\.id)
        let newSeats = elected
        let subjects = try await req.db.transaction { db -> [UUID] in
            // Saved already (sent twice): the board elected on this day stands.
            struct Count: Decodable { let count: Int }
            let board: SQLQueryString =
                if let department = target.departmentID {
                    "board = 'department' AND department_id = \(bind: department)"
                } else {
                    "board = 'organisation' AND organisation_id = \(bind: target.organisationID)"
                }
            let already =
                try await db.sql().raw(
                    "SELECT COUNT(*) AS count FROM board_memberships WHERE " + board
                        + " AND term_start = \(bind: electionDay.iso)"
                ).first(decoding: Count.self)?.count ?? 0
            guard already == 0 else { return [] }
            if !ending.isEmpty {
                try await db.sql().raw(
                    """
                    UPDATE board_memberships SET term_end = \(bind: electionDay.adding(days: -1).iso)
                    WHERE id IN (\(binds: ending)) AND term_end >= \(bind: electionDay.iso)
                      AND term_start < \(bind: electionDay.iso)
                    """
                ).run()
            }
            var people: [UUID] = []
            for seat in newSeats {
                var personID = seat.person
                if personID == nil {
                    let parts = seat.name.split(separator: " ")
                    let person = Person(
                        id: dependencies.uuid(),
                        givenName: parts.dropLast().joined(separator: " "),
                        familyName: String(parts.last ?? ""),
                        cprCiphertext: nil,
                        cprLookupHash: nil,
                        email: nil,
                        phone: nil
                    )
                    try await person.create(on: db)
                    personID = person.id
                }
                guard let personID else { continue }
                people.append(personID)
                try await BoardMembership(
                    id: dependencies.uuid(),
                    personID: personID,
                    board: target.board,
                    departmentID: target.departmentID,
                    organisationID: target.board == .organisation ? target.organisationID : nil,
                    position: seat.position,
                    termStart: electionDay,
                    termEnd: electionDay.anniversary(afterYears: seat.years).adding(days: -1)
                ).create(on: db)
            }
            return people
        }
        try await req.audit.record(
            .boardElection,
            dataSubjects: subjects,
            subjectKind: .housingOrganisation,
            subjectID: target.organisationID,
            purpose: AuditPurpose("boardElection"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.boards.path(query: [("organisation", target.organisationID.uuidString), ("besked", "valg")]),
            redirectType: .normal
        )
    }
}
