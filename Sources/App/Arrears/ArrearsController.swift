import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/admin/restancer`: the påkrav the daily run proposes for review (organisations that review
/// first), in the caseworker's scope, newest first, 25 a page, searchable by address or lease
/// number. A caseworker sees each påkrav's letter before it is sent (`udkast`), then sends the
/// ticked ones (each becomes a `paakrav.send` job, made from the account as it is then) or sets
/// them aside (until the arrears change).
enum ArrearsController {
    struct Row: Decodable {
        let id: UUID
        let lease_id: UUID
        let proposed_on: String
        let arrears_ore: Int64
        let number: String?
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let organisation_name: String
    }

    struct Item: Encodable {
        let id: String
        let number: String
        let address: String
        let organisation: String
        let arrears: String
        let proposed: String
        let previewHref: String
    }

    struct Context: Encodable {
        let page: PageChrome
        let items: [Item]
        let pager: Pager
        let action: String
        let search: String
        /// The staff's organisations, when they have more than one.
        let organisations: OptionList
        let choosesOrganisation: Bool
        /// A search or an organisation narrows the list.
        let filtered: Bool
        let showingAside: Bool
        let asideHref: String
        let proposedHref: String
        let casesHref: String
        let feesHref: String?
        let settingsHref: String?
        /// This year's fee is missing: nothing can be sent.
        let feeMissing: String?
        let notice: String?
        let noticeIsError: Bool
    }

    /// A proposal with its lease's number, address and organisation.
    private static let select: SQLQueryString = """
        SELECT p.id, p.lease_id, p.proposed_on, p.arrears_ore, l.number, d.street, d.house_number, d.floor, d.door,
          o.name AS organisation_name
        FROM arrears_proposals p JOIN leases l ON l.id = p.lease_id JOIN dwellings d ON d.id = l.dwelling_id
        JOIN housing_organisations o ON o.id = p.organisation_id
        """

    /// The proposals in `scope`, set aside or not, of one organisation if asked, matching
    /// `search` (the address, the lease's number or a tenant's name), a page from `cursor` on.
    static func proposals(
        _ scope: StaffScope,
        aside: Bool,
        organisation: UUID? = nil,
        search: String?,
        after cursor: UUID?,
        on sql: any SQLDatabase
    ) async throws -> [Row] {
        guard var inScope = scope.condition("p", "organisation_id") else { return [] }
        if let organisation { inScope += " AND p.organisation_id = \(bind: organisation)" }
        let matching: SQLQueryString =
            search.map {
                " AND (" + Keyset.like("d.street || ' ' || d.house_number", $0) + " OR "
                    + Keyset.like("COALESCE(l.number, '')", $0)
                    + " OR EXISTS (SELECT 1 FROM lease_tenants st JOIN people sp ON sp.id = st.person_id"
                    + " WHERE st.lease_id = p.lease_id AND " + Keyset.like("sp.given_name || ' ' || sp.family_name", $0)
                    + "))"
            } ?? ""
        return try await sql.raw(
            Self.select + """
                 WHERE p.set_aside_at IS \(unsafeRaw: aside ? "NOT NULL" : "NULL")\(inScope)\(matching)
                \(Keyset.after(cursor, table: ArrearsProposal.schema, alias: "p", column: "proposed_on"))
                ORDER BY p.proposed_on DESC, p.id DESC LIMIT \(unsafeRaw: String(Keyset.pageSize + 1))
                """
        ).rows(decoding: Row.self)
    }

    static func item(_ row: Row, _ language: Language) -> Item {
        Item(
            id: row.id.lowercasedString,
            number: row.number ?? "—",
            address: Dwelling.addressLine(
                street: row.street,
                houseNumber: row.house_number,
                floor: row.floor,
                door: row.door
            ),
            organisation: row.organisation_name,
            arrears: MoneyText.written(Money(ore: row.arrears_ore), language),
            proposed: LocalDate(iso: row.proposed_on).map { DateText.short($0, language) } ?? "",
            previewHref: SiteRoute.arrearsPreview(row.id).path
        )
    }

    /// The ticked proposals in `scope`, by address.
    static func proposals(_ scope: StaffScope, ids: [UUID], on sql: any SQLDatabase) async throws -> [Row] {
        guard let inScope = scope.condition("p", "organisation_id") else { return [] }
        return try await sql.raw(
            Self.select + """
                 WHERE p.id IN (\(binds: ids))\(inScope)
                ORDER BY d.street, d.house_number, p.id
                """
        ).rows(decoding: Row.self)
    }

    /// What the list shows: a page of the proposals in the scope (one more than a page, for the
    /// pager), and whether this year's påkrav fee is missing. Two statements, one for an empty
    /// scope.
    struct Page: Sendable {
        let rows: [Row]
        let feeMissing: Bool

        static func load(
            _ scope: StaffScope,
            aside: Bool,
            organisation: UUID?,
            search: String?,
            after cursor: UUID?,
            year: Int,
            on database: any Database
        ) async throws -> Page {
            let sql = try database.sql()
            let rows = try await proposals(
                scope,
                aside: aside,
                organisation: organisation,
                search: search,
                after: cursor,
                on: sql
            )
            return Page(
                rows: rows,
                feeMissing: try await PaakravFee.query(on: database).filter(\.$year == year).first() == nil
            )
        }
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        let strings = Strings.table(req.language)
        let aside = req.queryValue("vis") == "tilsidesat"
        let search = Keyset.search(req)
        let organisation = ListOrganisation.parse(req, scope: scope)
        let cursor = Keyset.cursor(req)
        let year = req.today.year
        let loaded = try await Page.load(
            scope,
            aside: aside,
            organisation: organisation,
            search: search,
            after: cursor,
            year: year,
            on: req.db
        )
        let query: [(String, String?)] = [
            ("vis", aside ? "tilsidesat" : nil), ("organisation", organisation?.lowercasedString), ("q", search),
        ]
        let organisations = try await ListOrganisation.options(
            req,
            scope: scope,
            selected: organisation,
            strings: strings
        )
        let (shown, pager) = Pager.page(loaded.rows, id: \.id, route: .arrears, query: query, cursor: cursor)
        let feeMissing = loaded.feeMissing
        let message = req.queryValue("besked")
        let count = req.queryValue("antal").flatMap(Int.init) ?? 0
        return try await req.view.render(
            "arrears",
            Context(
                page: await PageChrome.make(for: req, title: strings["arrearsTitle"] ?? ""),
                items: shown.map { item($0, req.language) },
                pager: pager,
                action: SiteRoute.arrears.path,
                search: search ?? "",
                organisations: organisations,
                choosesOrganisation: !organisations.isEmpty,
                filtered: search != nil || organisation != nil,
                showingAside: aside,
                asideHref: SiteRoute.arrears.path(query: [("vis", "tilsidesat")]),
                proposedHref: SiteRoute.arrears.path,
                casesHref: SiteRoute.staffCases.path(query: [("type", CaseKind.arrears.rawValue)]),
                feesHref: principal.has(.administrator) ? SiteRoute.paakravFees.path : nil,
                settingsHref: principal.has(.administrator) ? SiteRoute.arrearsSettings.path : nil,
                feeMissing: feeMissing ? ArrearsError.missingFee(year: year).localized(req.language) : nil,
                notice: message.flatMap { strings["arrearsNotice_\($0)\($0 == "sendt" && count == 1 ? "_one" : "")"] }
                    .map {
                        $0.replacingOccurrences(of: "{n}", with: String(count))
                    },
                noticeIsError: message == "ingen-valgt"
            )
        )
    }

    struct Input: Content {
        var proposals: [String]?
        var action: String?
        /// "ja" once the caseworker has seen how many påkrav and how much in all.
        var confirm: String?
    }

    struct ConfirmContext: Encodable {
        let page: PageChrome
        let items: [Item]
        let count: Int
        let total: String
        /// "Ja, send påkravet" or "Ja, send påkravene".
        let sendLabel: String
        let action: String
        let backHref: String
    }

    /// `POST /admin/restancer`: sends the ticked proposals (a job each) or sets them aside. Every
    /// ticked proposal must be in the caseworker's scope, or nothing happens (404).
    @Sendable
    static func act(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let input = try req.content.decode(Input.self)
        let ids = Array(Set((input.proposals ?? []).prefix(Keyset.pageSize).compactMap(UUID.init(uuidString:))))
        let answer = { (query: [(String, String?)]) in
            req.redirect(to: SiteRoute.arrears.path(query: query) + "#besked", redirectType: .normal)
        }
        guard !ids.isEmpty else { return answer([("besked", "ingen-valgt")]) }
        guard input.action == "send" || input.action == "aside" else { throw Abort(.badRequest) }
        let found = try await proposals(scope, ids: ids, on: try req.sql)
        guard found.count == ids.count else { throw Abort(.notFound) }
        // Påkrav have legal effect: before they go, how many and how much in all, once more.
        if input.action == "send" && input.confirm != "ja" {
            let rows = found
            let strings = Strings.table(req.language)
            return try await req.view.render(
                "arrears-confirm",
                ConfirmContext(
                    page: await PageChrome.make(for: req, title: strings["arrearsConfirmTitle"] ?? ""),
                    items: rows.map { item($0, req.language) },
                    count: rows.count,
                    total: MoneyText.written(Money(ore: rows.reduce(0) { $0 + $1.arrears_ore }), req.language),
                    sendLabel: strings[rows.count == 1 ? "arrearsConfirmSend_one" : "arrearsConfirmSend"] ?? "",
                    action: SiteRoute.arrears.path,
                    backHref: SiteRoute.arrears.path
                )
            ).encodeResponse(for: req)
        }
        let now = req.application.dependencies.now()
        let today = req.today
        let jobs = req.application.jobQueue
        let staffID = principal.id
        if input.action == "send" {
            // Queued, they leave the list at once: the job makes each påkrav from the account.
            try await req.db.transaction { db in
                for proposal in found {
                    try await jobs.enqueue(
                        PaakravJob(lease: proposal.lease_id, approvedBy: staffID, day: today.iso),
                        on: db
                    )
                }
                try await db.sql().raw("DELETE FROM arrears_proposals WHERE id IN (\(binds: ids))").run()
            }
        } else {
            try await ArrearsProposal.query(on: req.db).filter(\.$id ~~ ids)
                .set(\.$setAsideBy, to: staffID).set(\.$setAsideAt, to: now).update()
        }
        try await req.audit.record(
            input.action == "send" ? .paakravApprove : .paakravSetAside,
            subjectKind: .cases,
            purpose: AuditPurpose(
                "paakravLeases",
                // A lease without a number (none in a register Almen imports) by its address.
                [
                    "leases": .same(
                        found.map {
                            $0.number
                                ?? Dwelling.addressLine(
                                    street: $0.street,
                                    houseNumber: $0.house_number,
                                    floor: $0.floor,
                                    door: $0.door
                                )
                        }.sorted().joined(separator: ", ")
                    )
                ]
            ),
            actor: principal
        )
        return answer([("besked", input.action == "send" ? "sendt" : "tilsidesat"), ("antal", String(ids.count))])
    }

    /// `GET /admin/restancer/{id}/udkast`: the påkrav letter as it would be made today, to its
    /// first tenant, as a PDF. Nothing is stored or sent.
    @Sendable
    static func preview(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard
            let id = req.parameters.get("proposalID", as: UUID.self),
            let proposal = try await ArrearsProposal.query(on: req.db).filter(\.$id == id)
                .scoped(\.$organisationID, to: scope).first()
        else { throw Abort(.notFound) }
        let sending = req.application.paakravSending
        let draft: PaakravSending.Draft?
        do {
            draft = try await sending.draft(proposal.leaseID, today: req.today)
        } catch let error as ArrearsError {
            throw RulesInputError(code: "paakrav_unavailable", field: nil, words: error.words)
        }
        guard let draft, let tenant = draft.tenants.first else {
            throw RulesInputError(code: "paakrav_not_due", field: nil, key: "apiError_paakravNotDue")
        }
        let prepared = try await sending.letters.prepare(draft.content, to: tenant, lease: draft.leaseID, draft: true)
        try await req.audit.record(
            .letterRead,
            subjectKind: .letter,
            dataSubjectID: tenant,
            purpose: AuditPurpose("paakravDraft"),
            actor: principal
        )
        let response = Response(status: .ok, body: .init(data: prepared.rendered.pdf))
        response.headers.contentType = .init(type: "application", subType: "pdf")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"udkast-paakrav.pdf\"")
        return response
    }
}

extension Application {
    /// Makes påkrav with this application's letters and rules.
    var paakravSending: PaakravSending {
        PaakravSending(database: db, dependencies: dependencies, letters: letters(), rules: arrearsRules)
    }
}

/// `/admin/satser` (administrators): the påkravsgebyr per year. An administrator enters the
/// amount the housing authorities publish, with where it was published; a year may be corrected.
/// Every entry is audited. Without this year's amount no påkrav is made.
enum PaakravFeesController {
    /// The amounts an indexed 250 kr. (2009 level) can plausibly reach: a typo outside is refused.
    static let plausible = Money(kroner: 200)...Money(kroner: 1_000)

    /// A fee as typed: "325,00", "325", "325,-" or "325 kr.", within `plausible`.
    static func amount(_ text: String) -> Money? {
        TypedKroner.parse(text).flatMap { plausible.contains($0) ? $0 : nil }
    }

    struct Row: Encodable {
        let year: Int
        let amount: String
        let source: String
    }

    struct Form: Encodable {
        var year = ""
        var amount = ""
        var source = ""
    }

    struct Context: Encodable {
        let page: PageChrome
        let rows: [Row]
        let form: Form
        let errors: [String: String]
        let errorList: [FieldError]
        let action: String
        let backHref: String
        let notice: String?
    }

    /// What the page shows: every year's fee, newest first. One statement; a form sent with
    /// errors shows them again, with what was typed.
    struct Page: Sendable {
        let fees: [PaakravFee]

        static func load(on database: any Database) async throws -> Page {
            Page(fees: try await PaakravFee.query(on: database).sort(\.$year, .descending).all())
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let saved = req.queryValue("gemt").flatMap(Int.init)
        return try await render(
            req,
            try await Page.load(on: req.db),
            form: Form(year: String(req.today.year)),
            problems: [],
            notice: saved.map { (strings["feesSaved"] ?? "").replacingOccurrences(of: "{year}", with: String($0)) }
        )
    }

    struct Input: Content {
        var year: String?
        var amount: String?
        var source: String?
    }

    @Sendable
    static func save(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        // One wrong amount would make every påkrav of the year wrong: a recent login, as for templates.
        try req.requireRecentAuthentication(principal, returnTo: SiteRoute.paakravFees.path)
        let strings = Strings.table(req.language)
        let input = try req.content.decode(Input.self)
        let form = Form(
            year: (input.year ?? "").trimmingCharacters(in: .whitespaces),
            amount: (input.amount ?? "").trimmingCharacters(in: .whitespaces),
            source: (input.source ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        )
        var problems: [(field: String, message: String)] = []
        let year = Int(form.year).flatMap { (2000...2200).contains($0) ? $0 : nil }
        if year == nil { problems.append(("year", strings["feesErrorYear"] ?? "")) }
        let amount = Self.amount(form.amount)
        if amount == nil { problems.append(("amount", strings["feesErrorAmount"] ?? "")) }
        if let problem = FieldError.requiredText(form.source, max: 300, "feesErrorSource") {
            problems.append(("source", strings[problem] ?? ""))
        }
        guard let year, let amount, problems.isEmpty else {
            return try await render(req, try await Page.load(on: req.db), form: form, problems: problems, notice: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        try await PaakravFees.set(
            year: year,
            amount: amount,
            source: form.source,
            by: principal.id,
            app: req.application
        )
        try await req.audit.record(
            .paakravFeeSet,
            purpose: AuditPurpose("paakravFee", ["year": "\(year)", "amount": .same(amount.danish)]),
            actor: principal
        )
        return req.redirect(to: SiteRoute.paakravFees.path(query: [("gemt", String(year))]), redirectType: .normal)
    }

    private static func render(
        _ req: Request,
        _ loaded: Page,
        form: Form,
        problems: [(field: String, message: String)],
        notice: String?
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (errors, errorList) = FieldError.collect(
            problems,
            labelKey: { ["year": "feesYear", "amount": "feesAmount", "source": "feesSource"][$0] ?? $0 },
            strings
        )
        return try await req.view.render(
            "paakrav-fees",
            Context(
                page: await PageChrome.make(for: req, title: strings["feesTitle"] ?? ""),
                rows: loaded.fees.map {
                    Row(
                        year: $0.year,
                        amount: MoneyText.written(Money(ore: $0.amountOre), req.language),
                        source: $0.source
                    )
                },
                form: form,
                errors: errors,
                errorList: errorList,
                action: SiteRoute.paakravFees.path,
                backHref: SiteRoute.administration.path,
                notice: notice
            )
        )
    }
}
