import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/admin/samtykker`: the kinds of consent with how many have them now; administrators add a kind
/// (its words in both languages and what stops when it is withdrawn) and stop asking for one; staff
/// see who in their organisations has given one (the consent's effect for an administrator's kind),
/// 50 a page, searchable by name, audited.
enum ConsentKindsController {
    struct Context: Encodable {
        let page: PageChrome
        let message: String?
        let kinds: [KindRow]
        let form: Form?
        /// Administrators register guardians.
        let guardiansHref: String?
    }

    struct KindRow: Encodable {
        let title: String
        let href: String
        let given: Int
        let withdrawn: Int
        let builtIn: Bool
        let retired: Bool
        let retireAction: String?
    }

    struct Form: Encodable {
        let action: String
        let values: Input
        let errors: [String: String]
        let errorList: [FieldError]
    }

    struct Input: Content, Encodable {
        var titleDa: String?
        var titleEn: String?
        var textDa: String?
        var textEn: String?
        var effectDa: String?
        var effectEn: String?
    }

    static let fields = ["titleDa", "titleEn", "textDa", "textEn", "effectDa", "effectEn"]
    static let maxLength = 2000

    struct Count: Decodable, Sendable {
        let kind: String
        let given: Int
        let withdrawn: Int
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        let strings = Strings.table(req.language)
        let message = req.queryValue("besked").flatMap {
            ["oprettet": "consentsAdminCreated", "stoppet": "consentsAdminRetired"][$0].flatMap { strings[$0] }
        }
        let loaded = try await Page.load(scope: scope, on: req.db)
        return try await render(req, loaded, principal, message: message, input: Input(), problems: [])
    }

    /// How many residents of the scope's organisations have each kind given now, and withdrawn:
    /// the latest row per person and kind decides, as the list behind each count. One statement.
    static func counts(in scope: StaffScope, on sql: any SQLDatabase) async throws -> [Count] {
        guard let inScope = scope.condition("dep", "organisation_id") else { return [] }
        let query: SQLQueryString =
            """
            SELECT c.kind, SUM(CASE WHEN c.withdrawn_at IS NULL THEN 1 ELSE 0 END) AS given,
              SUM(CASE WHEN c.withdrawn_at IS NULL THEN 0 ELSE 1 END) AS withdrawn
            FROM consents c
            WHERE NOT EXISTS (SELECT 1 FROM consents n WHERE n.person_id = c.person_id AND n.kind = c.kind
                              AND (n.given_at > c.given_at OR (n.given_at = c.given_at AND n.id > c.id)))
              AND EXISTS (SELECT 1 FROM lease_tenants t JOIN leases l ON l.id = t.lease_id
                          JOIN dwellings d ON d.id = l.dwelling_id JOIN departments dep ON dep.id = d.department_id
                          WHERE t.person_id = c.person_id
            """ + inScope + ") GROUP BY c.kind"
        return try await sql.raw(query).rows(decoding: Count.self)
    }

    /// What the list shows: every kind, built-in first, and its counts in the staff's scope. Two
    /// statements; the counts are one aggregate over the scope's consents (a rare, administrative
    /// page; the residents' own consent pages read their own rows only).
    struct Page: Sendable {
        let kinds: [ConsentKind]
        let counts: [Count]

        static func load(scope: StaffScope, on database: any Database) async throws -> Page {
            let sql = try database.sql()
            return Page(
                kinds: try await ConsentKind.query(on: database).sort(\.$builtIn, .descending).sort(\.$createdAt).all(),
                counts: try await ConsentKindsController.counts(in: scope, on: sql)
            )
        }
    }

    /// The list and the new kind's form from what was loaded: the GET renders it, and a new kind
    /// refused with its problems.
    static func render(
        _ req: Request,
        _ loaded: Page,
        _ principal: Principal,
        message: String?,
        input: Input,
        problems: [(String, String)]
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (kinds, counts) = (loaded.kinds, loaded.counts)
        let administrator = principal.has(.administrator)
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { "consentField_\($0)" },
            strings
        )
        return try await req.view.render(
            "consent-kinds",
            Context(
                page: await PageChrome.make(for: req, title: strings["consentsAdminTitle"] ?? ""),
                message: message,
                kinds: kinds.compactMap { kind in
                    guard let id = kind.id else { return nil }
                    let count = counts.first { $0.kind == kind.code }
                    return KindRow(
                        title: kind.title(req.language),
                        href: SiteRoute.consentKind(id).path,
                        given: count?.given ?? 0,
                        withdrawn: count?.withdrawn ?? 0,
                        builtIn: kind.builtIn,
                        retired: kind.retiredAt != nil,
                        retireAction: administrator && !kind.builtIn && kind.retiredAt == nil
                            ? SiteRoute.consentKindRetire(id).path : nil
                    )
                },
                form: administrator
                    ? Form(action: SiteRoute.consentKinds.path, values: input, errors: errors, errorList: errorList)
                    : nil,
                guardiansHref: administrator ? SiteRoute.guardians.path : nil
            )
        )
    }

    /// An administrator's new kind: every field in both languages.
    @Sendable
    static func create(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        let input = try req.content.decode(Input.self)
        let values = [input.titleDa, input.titleEn, input.textDa, input.textEn, input.effectDa, input.effectEn].map {
            ($0 ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let problems = zip(fields, values).filter { $0.1.isEmpty || $0.1.count > maxLength }.map {
            ($0.0, "consentErrorRequired")
        }
        guard problems.isEmpty else {
            let loaded = try await Page.load(scope: try await req.requireStaffScope().1, on: req.db)
            return try await render(req, loaded, principal, message: nil, input: input, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let dependencies = req.application.dependencies
        let kind = ConsentKind()
        let id = dependencies.uuid()
        kind.id = id
        kind.code = "custom_\(id.lowercasedString.prefix(8))"
        (kind.titleDa, kind.titleEn, kind.textDa, kind.textEn, kind.effectDa, kind.effectEn) =
            (values[0], values[1], values[2], values[3], values[4], values[5])
        kind.builtIn = false
        kind.createdAt = dependencies.now()
        kind.createdBy = principal.id
        try await kind.create(on: req.db)
        try await req.audit.record(
            .consentKind,
            subjectKind: .consent,
            subjectID: id,
            purpose: AuditPurpose("consentKindNew", ["title": .each(kind.title)])
        )
        return req.redirect(to: SiteRoute.consentKinds.path(query: [("besked", "oprettet")]), redirectType: .normal)
    }

    /// Stops asking for an administrator's kind; the consents given stay in their history.
    @Sendable
    static func retire(_ req: Request) async throws -> Response {
        _ = try req.requireAdministrator()
        guard let id = req.parameters.get("kindID", as: UUID.self),
            let kind = try await ConsentKind.find(id, on: req.db), !kind.builtIn
        else { throw Abort(.notFound) }
        if kind.retiredAt == nil {
            kind.retiredAt = req.application.dependencies.now()
            try await kind.save(on: req.db)
            try await req.audit.record(
                .consentKind,
                subjectKind: .consent,
                subjectID: id,
                purpose: AuditPurpose("consentKindStopped", ["title": .each(kind.title)])
            )
        }
        return req.redirect(to: SiteRoute.consentKinds.path(query: [("besked", "stoppet")]), redirectType: .normal)
    }

    struct PeopleContext: Encodable {
        let page: PageChrome
        let backHref: String
        let text: String
        let search: String
        let people: [Person]
        let pager: Pager
    }

    struct Person: Encodable {
        let name: String
        let given: String
    }

    struct PersonRow: Decodable {
        let id: UUID
        let person_id: UUID
        let given_name: String
        let family_name: String
        let given_at: Date
    }

    /// What a kind's page shows: the kind, and a page of the residents in the scope's
    /// organisations whose latest consent of the kind is given, newest first (one more than a
    /// page, for the pager), found by name. Two statements; nil for an unknown kind.
    struct PeoplePage: Sendable {
        let kind: ConsentKind
        let rows: [PersonRow]

        static func load(
            _ id: UUID,
            scope: StaffScope,
            search: String,
            after cursor: UUID?,
            on database: any Database
        ) async throws -> PeoplePage? {
            let sql = try database.sql()
            guard let kind = try await ConsentKind.find(id, on: database) else { return nil }
            guard let inScope = scope.condition("dep", "organisation_id") else {
                return PeoplePage(kind: kind, rows: [])
            }
            var query: SQLQueryString = """
                SELECT c.id, c.person_id, p.given_name, p.family_name, c.given_at
                FROM consents c JOIN people p ON p.id = c.person_id
                WHERE c.kind = \(bind: kind.code) AND c.withdrawn_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.person_id = c.person_id AND n.kind = c.kind
                                  AND (n.given_at > c.given_at OR (n.given_at = c.given_at AND n.id > c.id)))
                  AND EXISTS (SELECT 1 FROM lease_tenants t JOIN leases l ON l.id = t.lease_id
                              JOIN dwellings d ON d.id = l.dwelling_id JOIN departments dep ON dep.id = d.department_id
                              WHERE t.person_id = c.person_id
                """
            query += inScope + ")"
            if !search.isEmpty { query += " AND " + Keyset.like("p.given_name || ' ' || p.family_name", search) }
            query += Keyset.after(cursor, table: "consents", alias: "c", column: "given_at")
            query += " ORDER BY c.given_at DESC, c.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
            return PeoplePage(kind: kind, rows: try await sql.raw(query).rows(decoding: PersonRow.self))
        }
    }

    /// `/admin/samtykker/{id}`: the residents in the staff member's organisations whose latest
    /// consent of this kind is given, newest first, 50 a page; the read is audited per person.
    @Sendable
    static func people(_ req: Request) async throws -> View {
        let (_, scope) = try await req.requireStaffScope()
        let search = (req.queryValue("q") ?? "").trimmingCharacters(in: .whitespaces)
        let cursor = Keyset.cursor(req)
        guard let id = req.parameters.get("kindID", as: UUID.self),
            let loaded = try await PeoplePage.load(id, scope: scope, search: search, after: cursor, on: req.db)
        else { throw Abort(.notFound) }
        let (kind, rows) = (loaded.kind, loaded.rows)
        let (shown, pager) = Pager.page(
            rows,
            id: \.id,
            route: .consentKind(id),
            query: [("q", search.isEmpty ? nil : search)],
            cursor: cursor
        )
        if !shown.isEmpty {
            try await req.audit.record(
                .consentList,
                dataSubjects: shown.map(\.person_id),
                subjectKind: .consent,
                subjectID: id,
                purpose: AuditPurpose("consentGivenBy", ["title": .each(kind.title)])
            )
        }
        return try await req.view.render(
            "consent-kind",
            PeopleContext(
                page: await PageChrome.make(for: req, title: kind.title(req.language)),
                backHref: SiteRoute.consentKinds.path,
                text: kind.text(req.language),
                search: search,
                people: shown.map {
                    Person(
                        name: "\($0.given_name) \($0.family_name)",
                        given: DateText.timestamp($0.given_at, req.language)
                    )
                },
                pager: pager
            )
        )
    }
}
