import Fluent
import SQLKit
import Vapor

/// Administrators connect organisations to Digital Post: through the administration company's
/// connection, with their own, or not at all. An organisation that is not an eligible public
/// sender is refused with a clear message.
enum ConnectionController {
    struct Row: Encodable {
        let name: String
        let cvr: String
        let eligible: Bool
        let state: String
        let href: String
    }

    struct ListContext: Encodable {
        let page: PageChrome
        let rows: [Row]
        let sharedConfigured: Bool
        /// 50 a page by name (`?foer=<id>`), searched by name or CVR (`q`).
        let pager: Pager
        let action: String
        let search: String
        /// How the organisations send: not connected, through the shared connection, their own.
        let states: OptionList
        let filtered: Bool
    }

    /// How an organisation sends Digital Post, as the list shows and narrows it (`?status=`).
    enum State: String, CaseIterable, Sendable {
        case none
        case shared
        case own
    }

    /// Organisations on a page of the list.
    static let pageSize = 50

    struct EditContext: Encodable {
        let page: PageChrome
        let name: String
        let cvr: String
        let eligible: Bool
        let choice: String
        let baseURL: String
        let systemID: String
        let certificatePath: String
        let keyPath: String
        let hasToken: Bool
        /// Opted in to incoming mail of up to 60 MB.
        let largeIncomingMail: Bool
        let sharedConfigured: Bool
        let action: String
        let backHref: String
        let error: Problem?
        let notice: String?
    }

    struct Problem: Encodable {
        let field: String
        let message: String
    }

    struct Form: Content {
        var choice: String?
        var baseURL: String?
        var systemID: String?
        var token: String?
        var certificatePath: String?
        var keyPath: String?
        /// The checkbox: "on" when ticked, absent otherwise.
        var largeIncomingMail: String?
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let search = Keyset.search(req)
        let state = req.queryValue("status").flatMap(State.init(rawValue:))
        let cursor = Keyset.cursor(req)
        let (organisations, pager) = Pager.page(
            try await listRows(search: search, state: state, after: cursor, on: try req.sql),
            size: pageSize,
            id: \.id,
            route: .connections,
            query: [("q", search), ("status", state?.rawValue)],
            cursor: cursor,
            alphabetical: true
        )
        return try await req.view.render(
            "connections",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["connectionsTitle"] ?? ""),
                rows: organisations.map { organisation in
                    Row(
                        name: organisation.name,
                        cvr: organisation.cvr,
                        eligible: organisation.eligible_public_sender,
                        state: strings["connection_\(organisation.state.rawValue)"] ?? "",
                        href: SiteRoute.connection(organisation.id).path
                    )
                },
                sharedConfigured: req.application.ngdpClient != nil,
                pager: pager,
                action: SiteRoute.connections.path,
                search: search ?? "",
                states: OptionList.choosing(State.allCases, selected: state, all: strings["filterAll"] ?? "") {
                    strings["connection_\($0.rawValue)"] ?? ""
                },
                filtered: search != nil || state != nil
            )
        )
    }

    /// An organisation as the list shows it: how it sends Digital Post, and whether with a
    /// connection of its own.
    struct ListRow: Decodable, Sendable {
        let id: UUID
        let name: String
        let cvr: String
        let eligible_public_sender: Bool
        let digital_post_connection: String
        let own_connections: Int

        var state: State {
            digital_post_connection != DigitalPostConnectionState.connected.rawValue
                ? .none : own_connections > 0 ? .own : .shared
        }
    }

    /// A page of the organisations by name (one more than a page, to know whether another
    /// follows), found by name or CVR, each with whether it has its own connection: one statement
    /// (never the connections' keys).
    static func listRows(
        search: String? = nil,
        state: State? = nil,
        after cursor: UUID? = nil,
        on sql: any SQLDatabase
    ) async throws
        -> [ListRow]
    {
        var query: SQLQueryString = """
            SELECT o.id, o.name, o.cvr, o.eligible_public_sender, o.digital_post_connection,
              (SELECT COUNT(*) FROM digital_post_connections c WHERE c.organisation_id = o.id) AS own_connections
            FROM housing_organisations o WHERE 1 = 1
            """
        if let search {
            query +=
                " AND (" + Keyset.like("o.name", search) + " OR " + Keyset.like("o.cvr", TypedCVR.digits(search)) + ")"
        }
        let connected: SQLQueryString =
            "o.digital_post_connection = \(bind: DigitalPostConnectionState.connected.rawValue)"
        let own = "EXISTS (SELECT 1 FROM digital_post_connections c WHERE c.organisation_id = o.id)"
        switch state {
        case .none?: query += " AND NOT (" + connected + ")"
        case .shared?: query += " AND " + connected + " AND NOT \(unsafeRaw: own)"
        case .own?: query += " AND " + connected + " AND \(unsafeRaw: own)"
        case nil: break
        }
        query += Keyset.after(cursor, table: "housing_organisations", alias: "o", column: "name", ascending: true)
        query += " ORDER BY o.name, o.id LIMIT \(literal: pageSize + 1)"
        return try await sql.raw(query).rows(decoding: ListRow.self)
    }

    /// What an organisation's connection page shows: the organisation and its own connection, if
    /// it has one. Two statements.
    struct EditPage: Sendable {
        let organisation: HousingOrganisation
        let own: DigitalPostConnection?

        static func load(_ id: UUID, on database: any Database) async throws -> EditPage? {
            guard let organisation = try await HousingOrganisation.find(id, on: database) else { return nil }
            return EditPage(
                organisation: organisation,
                own: try await DigitalPostConnection.query(on: database).filter(\.$organisation.$id == id).first()
            )
        }
    }

    @Sendable
    static func edit(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        guard let id = req.parameters.get("organisationID", as: UUID.self),
            let loaded = try await EditPage.load(id, on: req.db)
        else { throw Abort(.notFound) }
        let (organisation, own) = (loaded.organisation, loaded.own)
        let choice = organisation.digitalPostConnection != .connected ? "none" : own == nil ? "shared" : "own"
        let form = Form(
            choice: choice,
            baseURL: own?.baseURL,
            systemID: own?.systemID,
            certificatePath: own?.certificatePath,
            keyPath: own?.keyPath,
            largeIncomingMail: organisation.largeIncomingMail ? "on" : nil
        )
        let strings = Strings.table(req.language)
        var notice = req.queryValue("besked") == "gemt" ? strings["connectionSaved"] : nil
        // Who was told of the change: the board's chair and deputy chair, one of them, or nobody.
        if let saved = notice, let told = req.queryValue("underrettet").flatMap(Int.init) {
            let key =
                told >= 2 ? "connectionNotifiedBoth" : told == 1 ? "connectionNotifiedOne" : "connectionNotifiedNobody"
            notice = saved + " " + (strings[key] ?? "")
        }
        return try await render(
            req,
            organisation: organisation,
            form: form,
            hasToken: own != nil,
            error: nil,
            notice: notice
        )
    }

    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        let organisation = try await find(req)
        try req.requireRecentAuthentication(
            principal,
            returnTo: SiteRoute.connection(try organisation.requireID()).path
        )
        let form = try req.content.decode(Form.self)
        let strings = Strings.table(req.language)
        let hasToken =
            try await DigitalPostConnection.query(on: req.db).filter(\.$organisation.$id == organisation.requireID())
            .count() > 0
        guard let choice = DigitalPostConnections.Choice(rawValue: form.choice ?? "") else {
            let problem = Problem(field: "choice-none", message: strings["connectionErrorChoice"] ?? "")
            return try await render(
                req,
                organisation: organisation,
                form: form,
                hasToken: hasToken,
                error: problem,
                notice: nil
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let settings = DigitalPostConnections.OwnSettings(
            baseURL: form.baseURL ?? "",
            systemID: form.systemID ?? "",
            token: form.token ?? "",
            certificatePath: form.certificatePath ?? "",
            keyPath: form.keyPath ?? ""
        )
        let connections = req.application.digitalPostConnections
        let now = req.application.dependencies.now()
        let plan: DigitalPostConnections.Plan
        do {
            plan = try await connections.plan(
                choice,
                own: choice == .own ? settings : nil,
                for: organisation,
                by: principal.id,
                on: req.db,
                now: now,
                newID: req.application.dependencies.uuid()
            )
        } catch let refusal as DigitalPostConnections.Refusal {
            let field = refusal.field == "choice" ? "choice-\(choice.rawValue)" : refusal.field
            let problem = Problem(field: field, message: strings[refusal.messageKey] ?? refusal.messageKey)
            var kept = form
            kept.token = nil
            return try await render(
                req,
                organisation: organisation,
                form: kept,
                hasToken: hasToken,
                error: problem,
                notice: nil
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        // A change is told to the organisation board's chair and deputy chair: their letters are
        // typeset first and stored with the change, so neither is ever saved without the other.
        let letters = req.application.letters()
        var notices: [LetterService.Prepared] = []
        if let change = plan.change {
            for recipient in try await ConnectionChangeLetter.recipients(
                of: try organisation.requireID(),
                today: req.today,
                on: req.db
            ) {
                let content = ConnectionChangeLetter.content(
                    change,
                    organisation: organisation.name,
                    changedBy: principal.name,
                    at: now,
                    position: BoardPosition(rawValue: recipient.position) ?? .member
                )
                // On paper to their home: a wrong or hostile connection cannot swallow the warning.
                notices.append(
                    try await letters.prepare(
                        content,
                        to: recipient.personID,
                        lease: recipient.leaseID,
                        toTheAddress: true
                    )
                )
            }
        }
        organisation.largeIncomingMail = form.largeIncomingMail == "on"
        try await req.db.transaction { [notices] db in
            try await connections.apply(plan, on: db)
            for notice in notices { try await letters.send(notice, createdBy: principal.id, on: db) }
        }
        var purpose = AuditPurpose("connectionSaved", ["way": .word("auditConnectionWay_\(choice.rawValue)")])
        if organisation.largeIncomingMail { purpose = purpose.within("connectionLargeMail") }
        if plan.change != nil { purpose = purpose.within("connectionBoardLetters", ["n": "\(notices.count)"]) }
        try await req.audit.record(
            .digitalPostConnectionSet,
            subjectKind: .housingOrganisation,
            subjectID: try organisation.requireID(),
            purpose: purpose,
            actor: principal
        )
        var query = [("besked", "gemt")]
        if plan.change != nil { query.append(("underrettet", String(notices.count))) }
        return req.redirect(
            to: SiteRoute.connection(try organisation.requireID()).path(query: query),
            redirectType: .normal
        )
    }

    static func render(
        _ req: Request,
        organisation: HousingOrganisation,
        form: Form,
        hasToken: Bool,
        error: Problem?,
        notice: String?
    ) async throws -> View {
        let strings = Strings.table(req.language)
        return try await req.view.render(
            "connection",
            EditContext(
                page: await PageChrome.make(
                    for: req,
                    title: "\(strings["connectionsTitle"] ?? "") – \(organisation.name)"
                ),
                name: organisation.name,
                cvr: organisation.cvr,
                eligible: organisation.eligiblePublicSender,
                choice: form.choice ?? "none",
                baseURL: form.baseURL ?? "",
                systemID: form.systemID ?? "",
                certificatePath: form.certificatePath ?? "",
                keyPath: form.keyPath ?? "",
                hasToken: hasToken,
                largeIncomingMail: form.largeIncomingMail == "on",
                sharedConfigured: req.application.ngdpClient != nil,
                action: SiteRoute.connection(try organisation.requireID()).path,
                backHref: SiteRoute.connections.path,
                error: error,
                notice: notice
            )
        )
    }

    private static func find(_ req: Request) async throws -> HousingOrganisation {
        guard let id = req.parameters.get("organisationID", as: UUID.self),
            let organisation = try await HousingOrganisation.find(id, on: req.db)
        else {
            throw Abort(.notFound)
        }
        return organisation
    }
}
