import AlmenDomain
import SQLKit
import Vapor

/// A choice each housing organisation makes for itself among a few values: whether the daily
/// arrears run's påkrav are reviewed first or sent by themselves, or how long after a henstilling
/// a repeated complaint leads to a påmindelse. Administrators set it on one page per setting that
/// lists the organisations by name, 25 a page, searchable; each organisation's choice is its own
/// small form, audited.
struct OrganisationSetting: Sendable {
    /// The page, and the form of one organisation.
    let list: SiteRoute
    let save: @Sendable (UUID) -> SiteRoute
    /// The page a link goes back to.
    let back: SiteRoute
    /// The column; its value as text, an SQL expression over `o`; the values as the form sends
    /// them; and a value as the column stores it.
    let column: String
    let current: String
    let values: [String]
    let stored: @Sendable (String) -> SQLBind
    /// The words' keys start with it: `…Title`, `…Intro`, `…Search`, `…Saved`, `…Back`, `…_<value>`.
    let words: String
    let audit: AuditAction
    /// "Påkrav for Boligselskabet Eng: sendes automatisk", for the audit log.
    let purpose: @Sendable (_ organisation: String, _ value: String) -> AuditPurpose

    /// Whether påkrav are reviewed first (the default) or sent by the run.
    static let arrearsMode = OrganisationSetting(
        list: .arrearsSettings,
        save: { .arrearsSetting($0) },
        back: .arrears,
        column: "arrears_automatic",
        // A boolean as one of two words, on both databases.
        current: "CASE WHEN o.arrears_automatic THEN 'automatic' ELSE 'review' END",
        values: ["review", "automatic"],
        stored: { SQLBind($0 == "automatic") },
        words: "arrearsSettings",
        audit: .arrearsModeSet,
        purpose: {
            AuditPurpose($1 == "automatic" ? "arrearsAutomatic" : "arrearsReviewed", ["organisation": .same($0)])
        }
    )

    /// The months after a henstilling in which a new episode leads to a påmindelse (rules.md §5:
    /// 1–3, the organisation's policy; 3 until it chooses).
    static let complaintWindow = OrganisationSetting(
        list: .complaintSettings,
        save: { .complaintSetting($0) },
        back: .complaintDashboard,
        column: "complaint_repeat_months",
        current: "CAST(o.complaint_repeat_months AS TEXT)",
        values: (1...3).map(String.init),
        stored: { SQLBind(Int($0)) },
        words: "complaintSettings",
        audit: .complaintWindowSet,
        purpose: { AuditPurpose("complaintWindow", ["organisation": .same($0), "months": .same($1)]) }
    )

    struct Row: Decodable {
        let id: UUID
        let name: String
        let value: String
    }

    struct Item: Encodable {
        let name: String
        let action: String
        let fieldID: String
        let options: [SelectOption]
    }

    struct Context: Encodable {
        let page: PageChrome
        let title: String
        let intro: String
        let searchLabel: String
        let backLabel: String
        let items: [Item]
        let pager: Pager
        let action: String
        let search: String
        let backHref: String
        let notice: String?
    }

    /// What a setting's page shows: a page of the organisations by name (one more than a page,
    /// for the pager), each with its value, found by name. One statement.
    struct Page: Sendable {
        let rows: [Row]

        static func load(
            _ setting: OrganisationSetting,
            search: String?,
            after cursor: UUID?,
            on sql: any SQLDatabase
        ) async throws -> Page {
            var query: SQLQueryString =
                "SELECT o.id, o.name, \(unsafeRaw: setting.current) AS value FROM housing_organisations o WHERE 1 = 1"
            if let search { query += " AND " + Keyset.like("o.name", search) }
            if let cursor {
                query +=
                    " AND (o.name, o.id) > (SELECT k.name, k.id FROM housing_organisations k WHERE k.id = \(bind: cursor))"
            }
            query += " ORDER BY o.name, o.id LIMIT \(literal: Keyset.pageSize + 1)"
            return Page(rows: try await sql.raw(query).rows(decoding: Row.self))
        }
    }

    func show(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let search = Keyset.search(req)
        let cursor = Keyset.cursor(req)
        let rows = try await Page.load(self, search: search, after: cursor, on: try req.sql).rows
        let (shown, pager) = Pager.page(
            rows,
            id: \.id,
            route: list,
            query: [("q", search)],
            cursor: cursor,
            alphabetical: true
        )
        let word = { (key: String) in strings[words + key] ?? "" }
        return try await req.view.render(
            "organisation-settings",
            Context(
                page: await PageChrome.make(for: req, title: word("Title")),
                title: word("Title"),
                intro: word("Intro"),
                searchLabel: word("Search"),
                backLabel: word("Back"),
                items: shown.map { row in
                    Item(
                        name: row.name,
                        action: save(row.id).path,
                        fieldID: "setting-\(row.id.lowercasedString)",
                        options: values.map {
                            SelectOption(value: $0, label: word("_\($0)"), selected: $0 == row.value)
                        }
                    )
                },
                pager: pager,
                action: list.path,
                search: search ?? "",
                backHref: back.path,
                notice: req.queryValue("besked") == "gemt" ? word("Saved") : nil
            )
        )
    }

    func save(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        struct Input: Content { var value: String? }
        guard let id = req.parameters.get("organisationID", as: UUID.self),
            let organisation = try await HousingOrganisation.find(id, on: req.db)
        else { throw Abort(.notFound) }
        guard let value = try req.content.decode(Input.self).value, values.contains(value) else {
            throw Abort(.badRequest)
        }
        let stored = stored(value)
        // Only a change is written and audited.
        let changed = try await OnceUpdate.run(
            """
            UPDATE housing_organisations SET \(ident: column) = \(stored)
            WHERE id = \(bind: id) AND \(ident: column) <> \(stored)
            """,
            on: req.db
        )
        if changed {
            try await req.audit.record(
                audit,
                subjectKind: .housingOrganisation,
                subjectID: id,
                purpose: purpose(organisation.name, value),
                actor: principal
            )
        }
        return req.redirect(to: list.path(query: [("besked", "gemt")]), redirectType: .normal)
    }
}
