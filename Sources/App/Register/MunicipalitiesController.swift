import Fluent
import SQLKit
import Vapor

/// `/admin/kommuner`: the register of municipalities (administrators). Every municipality a
/// department lies in is listed, with its CVR number and address or as missing; saving one sends
/// the notices that were waiting for it.
enum MunicipalitiesController {
    struct Form: Encodable {
        var name = ""
        var cvr = ""
        var attention = "Borgerservice"
        var street = ""
        var postalCode = ""
        var city = ""
    }

    struct Listed: Encodable {
        let name: String
        let cvr: String?
        let address: String?
        let departments: String
        let waiting: String?
        let editHref: String
    }

    struct Context: Encodable {
        let page: PageChrome
        let rows: [Listed]
        let missing: Bool
        let form: Form
        let errors: [String: String]
        let errorList: [FieldError]
        let action: String
        let backHref: String
        let notice: String?
        /// "Tilføj eller ret en kommune", or "Ret Aarhus Kommune" for one of the register.
        let formTitle: String
    }

    /// A municipality of the register or of a department, with how many departments lie in it and
    /// how many notices wait for it.
    struct Row: Decodable, Sendable {
        let name: String
        let cvr: String?
        let attention: String?
        let street: String?
        let postal_code: String?
        let city: String?
        let departments: Int
        let waiting: Int
    }

    /// Denmark has 98 municipalities; the page lists at most this many.
    static let limit = 200

    /// The page's one query: the register, and every municipality a department names that the
    /// register lacks.
    static func rows(on sql: any SQLDatabase) async throws -> [Row] {
        let waiting = MunicipalityNotice.Status.notInRegister.rawValue
        return try await sql.raw(
            """
            SELECT m.name AS name, m.cvr AS cvr, m.attention AS attention, m.street AS street,
              m.postal_code AS postal_code, m.city AS city,
              (SELECT count(*) FROM departments d WHERE d.municipality = m.name) AS departments,
              (SELECT count(*) FROM municipality_notices n WHERE n.municipality = m.name AND n.status = \(bind: waiting))
                AS waiting
            FROM municipalities m
            UNION ALL
            SELECT d.municipality AS name, NULL AS cvr, NULL AS attention, NULL AS street, NULL AS postal_code,
              NULL AS city, count(*) AS departments,
              (SELECT count(*) FROM municipality_notices n WHERE n.municipality = d.municipality AND n.status = \(bind: waiting))
                AS waiting
            FROM departments d WHERE NOT EXISTS (SELECT 1 FROM municipalities m WHERE m.name = d.municipality)
            GROUP BY d.municipality
            ORDER BY name LIMIT \(bind: limit)
            """
        ).rows(decoding: Row.self)
    }

    /// The register's municipalities named `names`, for one past the list's `limit` rows (without
    /// their departments and waiting notices): one statement.
    static func registered(_ names: [String], on sql: any SQLDatabase) async throws -> [Row] {
        guard !names.isEmpty else { return [] }
        return try await sql.raw(
            """
            SELECT m.name AS name, m.cvr AS cvr, m.attention AS attention, m.street AS street,
              m.postal_code AS postal_code, m.city AS city, 0 AS departments, 0 AS waiting
            FROM municipalities m WHERE m.name IN (\(binds: names))
            """
        ).rows(decoding: Row.self)
    }

    /// What the page shows: the list (`rows`), and the municipalities of the register that the
    /// form (`chosen`) and the notice of one just saved (`saved`) name. One statement when both are
    /// among the list's rows (or the list is all there is); one more, for both names at once, when
    /// the list stops at `limit` before either.
    struct Page: Sendable {
        let rows: [Row]
        /// The register's municipalities (with a CVR number) named `chosen` or `saved`, by name.
        let registered: [String: Row]

        static func load(chosen: String?, saved: String?, on database: any Database) async throws -> Page {
            let sql = try database.sql()
            let rows = try await MunicipalitiesController.rows(on: sql)
            let names = Set([chosen, saved].compactMap { $0 })
            var registered: [String: Row] = [:]
            for row in rows where row.cvr != nil && names.contains(row.name) { registered[row.name] = row }
            // The list stops at `limit`: a municipality past it is looked up by its name.
            let past = names.subtracting(registered.keys)
            if rows.count >= limit && !past.isEmpty {
                for row in try await MunicipalitiesController.registered(past.sorted(), on: sql) where row.cvr != nil {
                    registered[row.name] = row
                }
            }
            return Page(rows: rows, registered: registered)
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let chosen = req.queryValue("kommune").map(normalisedName).flatMap { $0.isEmpty ? nil : $0 }
        let asked = req.queryValue("gemt")
        let loaded = try await Page.load(chosen: chosen, saved: asked, on: req.db)
        var form = Form()
        if let chosen {
            form.name = chosen
            if let known = loaded.registered[chosen], let cvr = known.cvr {
                form = Form(
                    name: known.name,
                    cvr: cvr,
                    attention: known.attention ?? "",
                    street: known.street ?? "",
                    postalCode: known.postal_code ?? "",
                    city: known.city ?? ""
                )
            }
        }
        var notice: String? = nil
        // The message names a municipality of the register, never text from the address alone.
        if let asked, let saved = loaded.registered[asked]?.name {
            let sent = req.queryValue("sendes").flatMap(Int.init) ?? 0
            notice =
                (strings["municipalitySaved"] ?? "").replacingOccurrences(of: "{name}", with: Municipality.title(saved))
                + (sent > 0
                    ? " "
                        + (strings[sent == 1 ? "municipalityNoticesResent_one" : "municipalityNoticesResent_other"]
                        ?? "").replacingOccurrences(
                            of: "{n}",
                            with: String(sent)
                        )
                    : "")
        }
        return try await render(req, loaded, form: form, problems: [], notice: notice)
    }

    struct Input: Content {
        var name: String?
        var cvr: String?
        var attention: String?
        var street: String?
        var postalCode: String?
        var city: String?
    }

    /// "Aarhus Kommune" and " Aarhus " are both "Aarhus", as departments name it.
    static func normalisedName(_ text: String) -> String {
        var name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for suffix in [" Kommune", " kommune"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        return name
    }

    /// The form's problems, each at its field, in the words' keys. `saved` is the CVR number the
    /// municipality has already: kept unchanged, it is not checked again (the demo's made-up
    /// numbers fail modulus 11, and correcting an address must not need a new number).
    static func problems(_ form: Form, saved: String? = nil) -> [(field: String, key: String)] {
        var problems: [(field: String, key: String)] = []
        if let problem = FieldError.requiredText(form.name, max: 60, "municipalityErrorName") {
            problems.append(("name", problem))
        }
        if form.cvr.isEmpty {
            problems.append(("cvr", "municipalityErrorCVRMissing"))
        } else if let key = cvrProblem(form.cvr, saved: saved) {
            problems.append(("cvr", key))
        }
        if form.attention.count > 80 { problems.append(("attention", "municipalityErrorAttention")) }
        if let problem = FieldError.requiredText(form.street, max: 100, "municipalityErrorStreet") {
            problems.append(("street", problem))
        }
        if form.postalCode.count != 4 || !form.postalCode.allSatisfy(\.isASCIIDigit) {
            problems.append(("postalCode", "municipalityErrorPostalCode"))
        }
        if let problem = FieldError.requiredText(form.city, max: 60, "municipalityErrorCity") {
            problems.append(("city", problem))
        }
        return problems
    }

    /// What is wrong with a typed CVR number, as the words' key; nil when nothing is. `saved`, a
    /// number already kept, is not checked again.
    static func cvrProblem(_ cvr: String, saved: String?) -> String? {
        if cvr.count != 8 || !cvr.allSatisfy(\.isASCIIDigit) || cvr.hasPrefix("0") { return "municipalityErrorCVR" }
        if cvr != saved && !passesModulus11(cvr) { return "municipalityErrorCVRCheck" }
        return nil
    }

    /// A CVR number's check digit: the digits weighted 2, 7, 6, 5, 4, 3, 2, 1 sum to a multiple of
    /// 11. A typing mistake would send tenants' names to another company, so a number that fails
    /// is refused (the demo's made-up numbers fail it on purpose).
    static func passesModulus11(_ cvr: String) -> Bool {
        let digits = cvr.compactMap(\.wholeNumberValue)
        guard digits.count == 8 else { return false }
        return zip(digits, [2, 7, 6, 5, 4, 3, 2, 1]).reduce(0) { $0 + $1.0 * $1.1 } % 11 == 0
    }

    /// How the register, or else a department, spells `name` regardless of case (the register's
    /// spelling first): one statement. SQLite's `lower` folds only ASCII letters.
    static func spelling(of name: String, on sql: any SQLDatabase) async throws -> String? {
        struct Row: Decodable { let name: String }
        return try await sql.raw(
            """
            SELECT name, 0 AS preferred FROM municipalities WHERE lower(name) = lower(\(bind: name))
            UNION ALL
            SELECT municipality AS name, 1 AS preferred FROM departments WHERE lower(municipality) = lower(\(bind: name))
            ORDER BY preferred, name LIMIT 1
            """
        ).first(decoding: Row.self)?.name
    }

    /// `POST`: enters or corrects a municipality; the notices that waited for it are sent.
    @Sendable
    static func save(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        // The CVR number decides where legal notices go: a recent login, as for the fees.
        try req.requireRecentAuthentication(principal, returnTo: SiteRoute.municipalities.path)
        let strings = Strings.table(req.language)
        let input = (try? req.content.decode(Input.self)) ?? Input()
        let line = { (text: String?) in
            DepartmentContactController.clean(text).replacingOccurrences(of: "\n", with: " ")
        }
        var typed = Form(
            name: normalisedName(line(input.name)),
            cvr: TypedCVR.digits(line(input.cvr)),
            attention: line(input.attention),
            street: line(input.street),
            postalCode: line(input.postalCode).filter { !$0.isWhitespace },
            city: line(input.city)
        )
        // "aarhus" is the Aarhus the register or a department already spells.
        if let spelt = try await spelling(of: typed.name, on: req.sql) { typed.name = spelt }
        let form = typed
        let known = try await Municipality.query(on: req.db).filter(\.$name == form.name).first()
        var problems = problems(form, saved: known?.cvr).map { ($0.field, strings[$0.key] ?? "") }
        if !problems.contains(where: { $0.0 == "cvr" }),
            let other = try await Municipality.query(on: req.db).filter(\.$cvr == form.cvr)
                .filter(\.$name != form.name).first()
        {
            problems.append(
                (
                    "cvr",
                    (strings["municipalityErrorCVRTaken"] ?? "").replacingOccurrences(
                        of: "{name}",
                        with: Municipality.title(other.name)
                    )
                )
            )
        }
        guard problems.isEmpty else {
            return try await render(
                req,
                try await Page.load(chosen: nil, saved: nil, on: req.db),
                form: form,
                problems: problems,
                notice: nil
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        let audit = req.audit
        let resent = try await req.db.transaction { db -> Int in
            let municipality =
                try await Municipality.query(on: db).filter(\.$name == form.name).first()
                ?? Municipality(
                    id: dependencies.uuid(),
                    name: form.name,
                    cvr: "",
                    attention: "",
                    street: "",
                    postalCode: "",
                    city: "",
                    updatedBy: nil,
                    at: now
                )
            let before = municipality.cvr
            municipality.cvr = form.cvr
            municipality.attention = form.attention
            municipality.street = form.street
            municipality.postalCode = form.postalCode
            municipality.city = form.city
            municipality.updatedAt = now
            municipality.updatedBy = principal.id
            try await municipality.save(on: db)
            // The notices that could not be sent without it are sent now.
            struct Waiting: Decodable { let id: UUID }
            let waiting = try await db.sql().raw(
                """
                UPDATE municipality_notices SET status = \(bind: MunicipalityNotice.Status.queued.rawValue)
                WHERE municipality = \(bind: form.name) AND status = \(bind: MunicipalityNotice.Status.notInRegister.rawValue)
                RETURNING id
                """
            ).rows(decoding: Waiting.self)
            let queue = JobQueue(dependencies: dependencies)
            for notice in waiting {
                try await queue.enqueue(MunicipalityNoticeJob(notice: notice.id), rerun: true, on: db)
            }
            try await audit.record(
                .municipalitySet,
                purpose: {
                    let purpose = AuditPurpose(
                        "municipalityRegister",
                        ["name": .same(Municipality.title(form.name)), "cvr": .same(form.cvr)]
                    )
                    return before.isEmpty || before == form.cvr
                        ? purpose : purpose.within("municipalityCVRBefore", ["cvr": .same(before)])
                }(),
                actor: principal,
                on: db
            )
            return waiting.count
        }
        return req.redirect(
            to: SiteRoute.municipalities.path(query: [("gemt", form.name), ("sendes", String(resent))]),
            redirectType: .normal
        )
    }

    /// The page from what was loaded: the GET shows it, and a form refused with its problems.
    private static func render(
        _ req: Request,
        _ loaded: Page,
        form: Form,
        problems: [(field: String, message: String)],
        notice: String?
    ) async throws -> View {
        let rows = loaded.rows
        let language = req.language
        let strings = Strings.table(language)
        let (errors, errorList) = FieldError.collect(
            problems,
            labelKey: { "municipalityField_\($0)" },
            strings
        )
        return try await req.view.render(
            "municipalities",
            Context(
                page: await PageChrome.make(for: req, title: strings["municipalitiesTitle"] ?? ""),
                rows: rows.map { row in
                    Listed(
                        name: Municipality.title(row.name),
                        cvr: row.cvr,
                        address: row.street.map { street in
                            [row.attention ?? "", street, "\(row.postal_code ?? "") \(row.city ?? "")"]
                                .filter { !$0.isEmpty }.joined(separator: ", ")
                        },
                        departments: String(row.departments),
                        waiting: row.waiting > 0
                            ? (strings[row.waiting == 1 ? "municipalityWaiting_one" : "municipalityWaiting_other"] ?? "")
                                .replacingOccurrences(
                                    of: "{n}",
                                    with: String(row.waiting)
                                ) : nil,
                        editHref: SiteRoute.municipalities.path(query: [("kommune", row.name)]) + "#form-title"
                    )
                },
                missing: rows.contains { $0.cvr == nil },
                form: form,
                errors: errors,
                errorList: errorList,
                action: SiteRoute.municipalities.path,
                backHref: SiteRoute.administration.path,
                notice: notice,
                formTitle: rows.contains { $0.name == form.name && $0.cvr != nil }
                    ? (strings["municipalityFormTitleEdit"] ?? "").replacingOccurrences(
                        of: "{name}",
                        with: Municipality.title(form.name)
                    ) : strings["municipalityFormTitle"] ?? ""
            )
        )
    }
}
