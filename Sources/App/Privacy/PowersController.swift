import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/mit-hjem/fuldmagter`: the fuldmagter a resident has given (to whom, for how long, what the
/// helper may do; revoke) and those given to them (act for the grantor; give it back), and a code
/// to accept one. Everything here is about the person signed in, also while they act for someone.
enum PowersController {
    struct Context: Encodable {
        let page: PageChrome
        let backHref: String
        let message: String?
        /// The code of a fuldmagt just given, shown once.
        let code: String?
        let codeFor: String?
        let codeExpires: String?
        let acting: String?
        let stopAction: String
        let grantAction: String
        /// The grant form's one-time token.
        let token: String
        let acceptAction: String
        let given: [Item]
        let received: [Item]
        /// Whether there were more fuldmagter than are shown (`shown`; those revoked go first).
        let more: String?
        let form: Form
        let acceptError: String?
        /// The code as typed, when it was refused: it comes back to be corrected.
        let acceptCode: String
    }

    struct Item: Encodable {
        let name: String
        let state: String
        let period: String
        let scope: String
        let revokeAction: String?
        let actAction: String?
        let guardian: Bool
    }

    struct Form: Encodable {
        var helperName = ""
        var until = ""
        var mayFile = false
        var copies = false
        var errors: [String: String] = [:]
        var errorList: [FieldError] = []
    }

    struct Input: Content {
        var helperName: String?
        var until: String?
        var mayFile: String?
        var copies: String?
        var token: String?
        var code: String?
    }

    struct Row: Decodable {
        let id: UUID
        let grantor_id: UUID
        let helper_id: UUID?
        let helper_name: String
        let kind: String
        let may_file: Bool
        let copies: Bool
        let valid_from: String
        let valid_to: String?
        let code_expires_at: Date
        let accepted_at: Date?
        let revoked_at: Date?
        let grantor_given: String
        let grantor_family: String
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let strings = Strings.table(req.language)
        let message = req.queryValue("besked").flatMap { strings["powersNotice_\($0)"] }
        return try await render(
            req,
            principal,
            try await Page.load(of: principal.signedInID, on: try req.sql),
            message: message,
            form: Form()
        )
    }

    /// How many fuldmagter (given and received) the page shows at most.
    static let shown = 100

    /// What the page shows: the fuldmagter the person gave and received, those in force first,
    /// newest first, one more than `shown` (the page says there are more). One statement.
    struct Page: Sendable {
        let rows: [Row]

        static func load(of person: UUID, on sql: any SQLDatabase) async throws -> Page {
            Page(
                rows: try await sql.raw(
                    """
                    SELECT a.id, a.grantor_id, a.helper_id, a.helper_name, a.kind, a.may_file, a.copies, a.valid_from, a.valid_to,
                      a.code_expires_at, a.accepted_at, a.revoked_at, g.given_name AS grantor_given, g.family_name AS grantor_family
                    FROM powers_of_attorney a JOIN people g ON g.id = a.grantor_id
                    WHERE a.grantor_id = \(bind: person) OR a.helper_id = \(bind: person)
                    ORDER BY CASE WHEN a.revoked_at IS NULL THEN 0 ELSE 1 END, a.created_at DESC, a.id LIMIT \(literal: shown + 1)
                    """
                ).rows(decoding: Row.self)
            )
        }
    }

    /// The page from what was loaded: the GET renders it, and a grant's or an accept's answer
    /// (the code shown once, or the form with its errors).
    static func render(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Page,
        message: String?,
        form: Form,
        code: (String, String, Date)? = nil,
        acceptError: String? = nil,
        acceptCode: String = ""
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let me = principal.signedInID
        let read = loaded.rows
        // More than anyone keeps: the newest in force are shown, and the page says so.
        let more = read.count > shown
        let rows = read.prefix(shown)
        let today = req.today
        let now = req.application.dependencies.now()
        func item(_ row: Row, given: Bool) -> Item {
            let holds =
                row.accepted_at != nil && row.revoked_at == nil
                && LocalDate(iso: row.valid_from).map {
                    PowerOfAttorneyRules.holds(from: $0, to: row.valid_to.flatMap(LocalDate.init(iso:)), on: today)
                } == true
            let state: String
            if row.revoked_at != nil {
                state = strings["powersState_revoked"] ?? ""
            } else if row.accepted_at == nil {
                state =
                    row.code_expires_at < now
                    ? strings["powersState_expired"] ?? ""
                    : "\(strings["powersState_waiting"] ?? "") \(DateText.timestamp(row.code_expires_at, req.language))"
            } else if holds {
                state = strings["powersState_active"] ?? ""
            } else {
                state = strings["powersState_outside"] ?? ""
            }
            let from = LocalDate(iso: row.valid_from).map { DateText.long($0, req.language) } ?? ""
            let period =
                row.valid_to.flatMap(LocalDate.init(iso:)).map {
                    "\(from) – \(DateText.long($0, req.language))"
                } ?? "\(strings["powersFrom"] ?? "") \(from)"
            let open = row.revoked_at == nil && !(row.accepted_at == nil && row.code_expires_at < now)
            return Item(
                name: given ? row.helper_name : "\(row.grantor_given) \(row.grantor_family)",
                state: state,
                period: period,
                scope: (strings[row.may_file ? "powersScopeFile" : "powersScopeView"] ?? "")
                    + (row.copies ? " " + (strings["powersScopeCopies"] ?? "") : ""),
                // A guardian is ended by staff, not by the person under guardianship.
                revokeAction: open && !(given && row.kind == PowerOfAttorneyKind.guardian.rawValue)
                    ? SiteRoute.myPowerRevoke(row.id).path : nil,
                actAction: !given && holds && principal.acting == nil ? SiteRoute.myPowerAct(row.id).path : nil,
                guardian: row.kind == PowerOfAttorneyKind.guardian.rawValue
            )
        }
        return try await req.view.render(
            "powers",
            Context(
                page: await PageChrome.make(for: req, title: strings["powersTitle"] ?? ""),
                backHref: SiteRoute.myData.path,
                message: message,
                code: code.map { ActivationCodeText.printed($0.0) },
                codeFor: code?.1,
                codeExpires: code.map { DateText.timestamp($0.2, req.language) },
                acting: principal.acting == nil ? nil : principal.name,
                stopAction: SiteRoute.myPowersStop.path,
                grantAction: SiteRoute.myPowers.path,
                token: req.application.dependencies.uuid().uuidString,
                // A refused code comes back at its heading, where its problem is listed.
                acceptAction: SiteRoute.myPowersAccept.path + "#kode-ind",
                given: rows.filter { $0.grantor_id == me }.map { item($0, given: true) },
                received: rows.filter { $0.helper_id == me }.map { item($0, given: false) },
                more: more ? strings.filled("powersMore", ["shown": String(shown)]) : nil,
                form: form,
                acceptError: acceptError,
                acceptCode: acceptCode
            )
        )
    }

    /// A new fuldmagt: the helper's name, the last day, whether they may file requests. The code
    /// is shown once, on this answer.
    @Sendable
    static func grant(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let input = try req.content.decode(Input.self)
        let strings = Strings.table(req.language)
        var form = Form(
            helperName: (input.helperName ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            until: (input.until ?? "").trimmingCharacters(in: .whitespaces),
            mayFile: input.mayFile == "ja",
            copies: input.copies == "ja"
        )
        var problems: [(String, String)] = []
        if form.helperName.split(separator: " ").count < 2 || form.helperName.count > 200 {
            problems.append(("helperName", "powersErrorName"))
        } else if PowersOfAttorney.nameMatches(form.helperName, principal.name) {
            problems.append(("helperName", "powersErrorOwnCode"))
        }
        let today = req.today
        let until = LedgerCSV.date(form.until)
        if let until {
            if let problem = PowerOfAttorneyRules.problem(from: today, to: until, today: today) {
                problems.append(("until", "powersError_\(problem.rawValue)"))
            }
        } else {
            problems.append(("until", "powersErrorDate"))
        }
        // The same form sent twice (a double click): the first made it, and showed its code.
        if let token = input.token, UUID(uuidString: token) != nil,
            try await PowerOfAttorney.query(on: req.db).filter(\.$submissionToken == token).first() != nil
        {
            return req.redirect(to: SiteRoute.myPowers.path(query: [("besked", "already")]), redirectType: .normal)
        }
        guard problems.isEmpty, let until else {
            (form.errors, form.errorList) = FieldError.collect(
                problems.map { ($0.0, strings[$0.1] ?? "") },
                labelKey: { "powersField_\($0)" },
                strings
            )
            return try await render(
                req,
                principal,
                try await Page.load(of: principal.signedInID, on: try req.sql),
                message: nil,
                form: form
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let (power, code) = try await req.application.powersOfAttorney
            .grant(
                by: principal.id,
                helperName: form.helperName,
                kind: .fuldmagt,
                mayFile: form.mayFile,
                copies: form.copies,
                from: today,
                to: until,
                token: input.token.flatMap { UUID(uuidString: $0) == nil ? nil : $0 }
            )
        try await req.audit.record(
            .powerGrant,
            subjectID: power.id,
            dataSubjectID: principal.id,
            purpose: AuditPurpose(
                "powerGranted",
                [
                    "helper": .same(form.helperName),
                    "until": .each { DateText.long(until, $0) },
                ]
            )
        )
        return try await render(
            req,
            principal,
            try await Page.load(of: principal.signedInID, on: try req.sql),
            message: nil,
            form: Form(),
            code: (code, form.helperName, power.codeExpiresAt)
        ).encodeResponse(for: req)
    }

    /// The helper, signed in with their own MitID, types the code they were given.
    @Sendable
    static func accept(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let input = try req.content.decode(Input.self)
        let strings = Strings.table(req.language)
        let refused = { (key: String) async throws -> Response in
            try await render(
                req,
                principal,
                try await Page.load(of: principal.signedInID, on: try req.sql),
                message: nil,
                form: Form(),
                acceptError: strings[key],
                acceptCode: String((input.code ?? "").prefix(40))
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        // Nothing typed is said as such, not as a wrong code.
        if (input.code ?? "").trimmingCharacters(in: .whitespaces).isEmpty { return try await refused("signCodeEmpty") }
        do {
            let power = try await req.application.powersOfAttorney.accept(
                code: input.code ?? "",
                helper: principal.signedInID,
                helperName: principal.acting?.helperName ?? principal.name
            )
            try await req.audit.record(
                .powerAccept,
                subjectID: power.id,
                dataSubjectID: power.grantorID,
                purpose: AuditPurpose("powerUsed", ["helper": .same(principal.acting?.helperName ?? principal.name)])
            )
            return req.redirect(
                to: SiteRoute.myPowers.path(query: [("besked", "accepted")]) + "#besked",
                redirectType: .normal
            )
        } catch let refusal as PowersOfAttorney.Refusal {
            return try await refused(refusal == .ownCode ? "powersErrorOwnCode" : "powersErrorCode")
        }
    }

    /// The grantor revokes, or the helper gives it back; a session acting on it stops.
    @Sendable
    static func revoke(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let me = principal.signedInID
        guard let id = req.parameters.get("powerID", as: UUID.self),
            let power = try await PowerOfAttorney.find(id, on: req.db),
            power.grantorID == me && power.kind == .fuldmagt || power.helperID == me
        else { throw Abort(.notFound) }
        try await req.application.powersOfAttorney.revoke(id)
        try await req.audit.record(
            .powerRevoke,
            subjectID: id,
            dataSubjectID: power.grantorID,
            purpose: power.grantorID == me
                ? AuditPurpose("powerRevoked", ["helper": .same(power.helperName)]) : AuditPurpose("powerReturned")
        )
        return req.redirect(to: SiteRoute.myPowers.path(query: [("besked", "revoked")]), redirectType: .normal)
    }

    /// The helper starts acting for the grantor: Mit hjem is then the grantor's.
    @Sendable
    static func act(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("powerID", as: UUID.self),
            let power = try await PowerOfAttorney.find(id, on: req.db), power.helperID == principal.signedInID
        else { throw Abort(.notFound) }
        do {
            try await req.application.powersOfAttorney.act(
                power,
                session: principal.sessionID
            )
        } catch PowersOfAttorney.Refusal.notFound {
            return req.redirect(to: SiteRoute.myPowers.path, redirectType: .normal)
        }
        try await req.audit.record(
            .powerAct,
            subjectID: id,
            dataSubjectID: power.grantorID,
            purpose: AuditPurpose("actingWithPower", ["name": .same(principal.name)])
        )
        return req.redirect(to: SiteRoute.myHome.path, redirectType: .normal)
    }

    @Sendable
    static func stop(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        try await req.application.powersOfAttorney.stop(
            session: principal.sessionID
        )
        return req.redirect(to: SiteRoute.myPowers.path(query: [("besked", "stopped")]), redirectType: .normal)
    }
}
