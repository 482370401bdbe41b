import Fluent
import SQLKit
import Vapor

/// Administrators assign caseworkers to organisations (`/admin/medarbejdere`): the list of staff
/// with what each may see, and one caseworker's organisations as checkboxes. A change of scope is
/// sensitive: it needs a recent login, and it is audited.
enum StaffAssignmentController {
    struct Row: Encodable {
        let name: String
        let email: String
        let role: String
        let organisations: String
        let href: String
    }

    struct ListContext: Encodable {
        let page: PageChrome
        let rows: [Row]
        /// 50 a page by name (`?foer=<id>`), searched by name or e-mail (`q`), narrowed to the
        /// staff of one organisation.
        let pager: Pager
        let action: String
        let search: String
        let organisations: OptionList
        let choosesOrganisation: Bool
        let filtered: Bool
    }

    /// Members of staff on a page of the list.
    static let pageSize = 50

    struct Option: Encodable {
        let id: String
        let name: String
        let checked: Bool
    }

    struct EditContext: Encodable {
        let page: PageChrome
        let name: String
        let email: String
        let administrator: Bool
        let action: String
        let backHref: String
        let options: [Option]
        let notice: String?
    }

    /// `/admin/medarbejdere`: the active members of staff by name, 50 a page, searched by name
    /// or e-mail (`q`), narrowed to those who work for one organisation (`organisation`; the
    /// administrators work for all).
    @Sendable
    static func list(_ req: Request) async throws -> View {
        let principal = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let search = Keyset.search(req)
        let organisation = ListOrganisation.parse(req, scope: .all)
        let cursor = Keyset.cursor(req)
        let organisations = try await ListOrganisation.options(
            req,
            scope: .all,
            selected: organisation,
            strings: strings
        )
        let (staff, pager) = Pager.page(
            try await members(search: search, organisation: organisation, after: cursor, on: try req.sql),
            size: pageSize,
            id: \.id,
            route: .staffMembers,
            query: [("q", search), ("organisation", organisation?.lowercasedString)],
            cursor: cursor,
            alphabetical: true
        )
        try await req.audit.record(
            .staffList,
            subjectKind: .staff,
            purpose: AuditPurpose("staffAndAssignments"),
            actor: principal
        )
        return try await req.view.render(
            "staff",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["staffTitle"] ?? ""),
                rows: staff.map { member in
                    Row(
                        name: member.name,
                        email: member.email,
                        role: strings["staffRole_\(member.role)"] ?? "",
                        organisations: member.role == StaffRole.administrator.rawValue
                            ? (strings["staffAllOrganisations"] ?? "")
                            : member.organisations.isEmpty
                                ? (strings["staffNone"] ?? "") : member.organisations.joined(separator: ", "),
                        href: SiteRoute.staffMember(member.id).path
                    )
                },
                pager: pager,
                action: SiteRoute.staffMembers.path,
                search: search ?? "",
                organisations: organisations,
                choosesOrganisation: !organisations.isEmpty,
                filtered: search != nil || organisation != nil
            )
        )
    }

    /// An active member of staff with the organisations they are assigned to, by name.
    struct Member: Sendable {
        let id: UUID
        let name: String
        let email: String
        let role: String
        var organisations: [String]
    }

    /// A page of the active members of staff by name (one more than a page, to know whether
    /// another follows), each with their organisations: one statement. `search` finds a name or
    /// an e-mail address; `organisation` keeps those who work for it, administrators included.
    static func members(
        search: String? = nil,
        organisation: UUID? = nil,
        after cursor: UUID? = nil,
        on sql: any SQLDatabase
    ) async throws -> [Member] {
        struct Line: Decodable {
            let id: UUID
            let name: String
            let email: String
            let role: String
            let organisation: String?
        }
        var page: SQLQueryString =
            "SELECT m.id, m.name, m.email, m.role FROM staff_users m WHERE m.active = \(bind: true)"
        if let search {
            page += " AND (" + Keyset.like("m.name", search) + " OR " + Keyset.like("m.email", search) + ")"
        }
        if let organisation {
            page +=
                " AND (m.role = \(bind: StaffRole.administrator.rawValue) OR EXISTS (SELECT 1 FROM staff_assignments fa"
            page += " WHERE fa.staff_user_id = m.id AND fa.organisation_id = \(bind: organisation)))"
        }
        page += Keyset.after(cursor, table: "staff_users", alias: "m", column: "name", ascending: true)
        page += " ORDER BY m.name, m.id LIMIT \(literal: pageSize + 1)"
        let lines = try await sql.raw(
            "SELECT s.id, s.name, s.email, s.role, o.name AS organisation FROM (" + page + """
                ) s
                LEFT JOIN staff_assignments a ON a.staff_user_id = s.id
                LEFT JOIN housing_organisations o ON o.id = a.organisation_id
                ORDER BY s.name, s.id, o.name
                """
        ).rows(decoding: Line.self)
        var members: [Member] = []
        for line in lines {
            if members.last?.id != line.id {
                members.append(
                    Member(id: line.id, name: line.name, email: line.email, role: line.role, organisations: [])
                )
            }
            if let organisation = line.organisation { members[members.count - 1].organisations.append(organisation) }
        }
        return members
    }

    @Sendable
    static func edit(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        guard let memberID = req.parameters.get("staffID", as: UUID.self),
            let loaded = try await Page.load(memberID, on: req.db)
        else { throw Abort(.notFound) }
        let member = loaded.member
        let notice = req.queryValue("gemt") == "1" ? Strings.table(req.language)["staffSaved"] : nil
        return try await req.view.render(
            "staff-member",
            EditContext(
                page: await PageChrome.make(for: req, title: member.name),
                name: member.name,
                email: member.email,
                administrator: member.role == .administrator,
                action: SiteRoute.staffMember(memberID).path,
                backHref: SiteRoute.staffMembers.path,
                options: loaded.organisations.map { organisation in
                    Option(
                        id: organisation.id.lowercasedString,
                        name: organisation.name,
                        checked: organisation.assigned == 1
                    )
                },
                notice: notice
            )
        )
    }

    /// What a member's page shows: the member, every organisation by name, each with whether
    /// the member works for it. Two statements however many there are; nil for no such member.
    /// The organisations are read fresh, not from the register summary's minute-old copy: saving
    /// replaces the member's organisations with those ticked, so one missing from the form would
    /// be taken from them.
    struct Page: Sendable {
        struct Organisation: Decodable, Sendable {
            let id: UUID
            let name: String
            let assigned: Int
        }

        let member: StaffUser
        let organisations: [Organisation]

        static func load(_ memberID: UUID, on database: any Database) async throws -> Page? {
            let sql = try database.sql()
            guard let member = try await StaffUser.find(memberID, on: database) else { return nil }
            let organisations = try await sql.raw(
                """
                SELECT o.id, o.name,
                  CASE WHEN EXISTS (SELECT 1 FROM staff_assignments a
                                    WHERE a.organisation_id = o.id AND a.staff_user_id = \(bind: memberID))
                    THEN 1 ELSE 0 END AS assigned
                FROM housing_organisations o ORDER BY o.name, o.id
                """
            ).rows(decoding: Organisation.self)
            return Page(member: member, organisations: organisations)
        }
    }

    struct Input: Content {
        var organisations: [String]?
    }

    /// Replaces the caseworker's organisations with the ticked ones, in one transaction.
    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        let member = try await find(req)
        let memberID = try member.requireID()
        try req.requireRecentAuthentication(principal, returnTo: SiteRoute.staffMember(memberID).path)
        // No box ticked sends no field at all; anything sent must be an organisation's id.
        let sent = try req.content.decode(Input.self).organisations ?? []
        let ticked = Set(sent.compactMap(UUID.init(uuidString:)))
        let known = Set(
            try await HousingOrganisation.query(on: req.db).filter(\.$id ~~ Array(ticked)).all().compactMap(\.id)
        )
        guard ticked.count == sent.count, known == ticked else {
            throw RulesInputError(
                code: "unknown_organisation",
                field: "organisations",
                key: "apiError_unknownOrganisation"
            )
        }
        let dependencies = req.application.dependencies
        do {
            try await req.db.transaction { db in
                let current = try await StaffAssignment.query(on: db).filter(\.$staff.$id == memberID).all()
                let removed = current.filter { !ticked.contains($0.$organisation.id) }
                for assignment in removed { try await assignment.delete(on: db) }
                let added = ticked.subtracting(current.map(\.$organisation.id))
                for organisationID in added {
                    try await StaffAssignment(
                        id: dependencies.uuid(),
                        staffID: memberID,
                        organisationID: organisationID
                    ).create(on: db)
                }
                // The organisations by name: the log is read by people.
                let changedIDs = Array(added) + removed.map(\.$organisation.id)
                let names = Dictionary(
                    uniqueKeysWithValues: try await HousingOrganisation.query(on: db).filter(\.$id ~~ changedIDs).all()
                        .map { (try $0.requireID(), $0.name) }
                )
                let list = { (ids: [UUID]) -> AuditPurpose.Value in
                    let named = ids.compactMap { names[$0] }.sorted()
                    return named.isEmpty ? .word("auditNone") : .same(named.joined(separator: ", "))
                }
                try await req.audit.record(
                    .staffAssign,
                    subjectKind: .staff,
                    subjectID: memberID,
                    purpose: AuditPurpose(
                        "staffAssigned",
                        ["added": list(Array(added)), "removed": list(removed.map(\.$organisation.id))]
                    ),
                    actor: principal,
                    on: db
                )
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another administrator saved the same assignment at the same moment.
            throw Abort(.conflict, reason: "The assignments changed meanwhile; open the page again.")
        }
        return req.redirect(to: SiteRoute.staffMember(memberID).path(query: [("gemt", "1")]), redirectType: .normal)
    }

    private static func find(_ req: Request) async throws -> StaffUser {
        guard let id = req.parameters.get("staffID", as: UUID.self),
            let member = try await StaffUser.find(id, on: req.db)
        else {
            throw Abort(.notFound)
        }
        return member
    }
}
