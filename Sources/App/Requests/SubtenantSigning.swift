import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// The sub-tenant's signature on an application to let a whole home (rules.md §4: "both tenant
/// and sub-tenant sign the application with MitID"). Sending the application gives the tenant a
/// code for the sub-tenant, shown once, as a fuldmagt's code is. The sub-tenant logs in with
/// their own MitID and types it: at `/mit-hjem/fremlejetager` when the register knows them, or
/// on the activation page when it does not (`Activation.redeemSubtenant`, which makes them a
/// person). MitID's name must match the name the tenant wrote. The code then belongs to them:
/// they read the application (never why the tenant is away) and sign it, and follow the case
/// as its other party. A caseworker approves only once they have signed.
enum SubtenantSigning {
    /// A code not used within 30 days stops working; the tenant makes a new one on the case.
    static let codeLifetime: TimeInterval = 30 * 86_400

    /// A new code for the request, replacing one given before; the code to show once.
    static func issue(_ requestID: UUID, now: Date, on db: any Database) async throws -> String {
        try await SigningCodes.issue(SigningCodes.subletting, requestID, now: now, on: db)
    }

    /// Why a typed code was refused. A wrong code and someone else's get the same answer.
    enum Refusal: String, Error {
        case code = "subtenantErrorCode"
        /// The tenant (or a co-tenant) typed their own code.
        case own = "subtenantErrorOwn"
        case tooMany = "subtenantErrorTooMany"
    }

    /// An application waiting for its other party's code: what taking the code needs, without
    /// the files the application holds.
    struct Pending: Decodable, Sendable {
        let id: UUID
        let lease_id: UUID
        let filed_by: UUID
        /// The other party's name, as the tenant wrote it.
        let name: String
        let sign_code_hash: String
    }

    /// The sent, unsigned application a code belongs to, while its case is open.
    static func waiting(code typed: String, now: Date, on db: any Database) async throws -> Pending? {
        guard let normalised = ActivationCodeText.normalised(typed) else { return nil }
        return try await db.sql().raw(
            """
            SELECT r.id, r.lease_id, r.filed_by, r.subtenants AS name, r.sign_code_hash
            FROM subletting_requests r JOIN cases c ON c.id = r.case_id
            WHERE r.sign_code_hash = \(bind: Activation.hash(normalised))
              AND r.status = \(bind: SublettingRequestStatus.sent.rawValue) AND r.subtenant_person_id IS NULL
              AND r.sign_code_expires_at > \(bind: now) AND c.status = \(bind: CaseStatus.open.rawValue)
            """
        ).first(decoding: Pending.self)
    }

    /// `personID`, whose MitID name is `name`, takes the code: one conditional statement, so a
    /// code is used once. Returns the application's id.
    static func take(
        code typed: String,
        personID: UUID,
        name: String,
        now: Date,
        on db: any Database
    ) async throws
        -> UUID
    {
        guard let request = try await waiting(code: typed, now: now, on: db) else { throw Refusal.code }
        return try await SigningCodes.take(request, SigningCodes.subletting, personID: personID, name: name, on: db)
    }

    /// The applications a person took the code of and has not signed yet, newest first.
    static func unsigned(of personID: UUID, on db: any Database) async throws -> [UUID] {
        struct Row: Decodable { let id: UUID }
        return try await db.sql().raw(
            """
            SELECT id FROM subletting_requests WHERE subtenant_person_id = \(bind: personID)
              AND subtenant_signed_at IS NULL ORDER BY sent_at DESC LIMIT 20
            """
        ).rows(decoding: Row.self).map(\.id)
    }

    // MARK: The code, shown once to the tenant

    struct CodeContext: Encodable {
        let page: PageChrome
        /// "Ansøgningen er sendt" after sending, or a new code from the case.
        let sent: Bool
        let code: String
        let subtenant: String
        let expires: String
        let signHref: String
        let caseHref: String
    }

    static func renderCode(
        _ req: Request,
        caseID: UUID,
        code: String,
        subtenant: String,
        sent: Bool = true
    )
        async throws -> View
    {
        let strings = Strings.table(req.language)
        let expires = req.application.dependencies.now().addingTimeInterval(codeLifetime)
        return try await req.view.render(
            "subtenant-code",
            CodeContext(
                page: await PageChrome.make(
                    for: req,
                    title: strings[sent ? "subtenantCodeSentTitle" : "subtenantCodeNewTitle"] ?? ""
                ),
                sent: sent,
                code: ActivationCodeText.printed(code),
                subtenant: subtenant,
                expires: DateText.timestamp(expires, req.language),
                signHref: SiteRoute.mySignCode.path,
                caseHref: SiteRoute.myCase(caseID).path
            )
        )
    }

    /// `POST /mit-hjem/sager/{id}/ny-kode`: a tenant of the case makes a new code for the
    /// sub-tenant or the swap partner, while the case is open and nobody has taken the last one.
    @Sendable
    static func newCode(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let party = try await req.application.cases.party(principal.id, in: caseID), party.role == .tenant
        else { throw Abort(.notFound) }
        // Whom the code is for, its table, and whether someone has taken the last one.
        let other: (name: String, id: UUID, table: SigningCodes.Table, taken: Bool)
        if let request = try await CaseFilesController.agreement(of: caseID, on: req.db), request.kind == .whole,
            let id = request.id
        {
            other = (request.subtenants, id, SigningCodes.subletting, request.subtenantPersonID != nil)
        } else if let swap = try await SwapRequest.query(on: req.db).filter(\.$caseID == caseID).first(),
            let id = swap.id
        {
            other = (swap.otherTenant, id, SigningCodes.swap, swap.otherPersonID != nil)
        } else {
            throw Abort(.notFound)
        }
        guard party.caseFile.status == .open, !other.taken else {
            return req.redirect(to: SiteRoute.myCase(caseID).path, redirectType: .normal)
        }
        let code = try await SigningCodes.issue(
            other.table,
            other.id,
            now: req.application.dependencies.now(),
            on: req.db
        )
        return try await renderCode(req, caseID: caseID, code: code, subtenant: other.name, sent: false)
            .encodeResponse(for: req)
    }

    // MARK: The sub-tenant

    struct CodeFormContext: Encodable {
        let page: PageChrome
        let action: String
        let code: String
        let error: String?
        /// Applications already theirs and waiting for the signature.
        let waiting: [Waiting]
    }

    struct Waiting: Encodable {
        let address: String
        let href: String
    }

    /// The applications whose code the person took and has not signed yet, whole sub-lettings
    /// and swaps, newest first, with the home each is about: one statement, at most 20.
    struct WaitingQuery: PreparedQuery {
        struct Row: Decodable, Sendable, AddressRow {
            let id: UUID
            /// 1 for a swap, 0 for a sub-letting.
            let swap: Int
            let street: String
            let house_number: String
            let floor: String?
            let door: String?
            let postal_code: String
            let city: String
        }
        let personID: UUID
        static let sql = """
            SELECT w.id, w.swap, w.street, w.house_number, w.floor, w.door, w.postal_code, w.city FROM (
              SELECT r.id, 0 AS swap, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city, r.sent_at
              FROM subletting_requests r JOIN cases c ON c.id = r.case_id
              JOIN leases l ON l.id = r.lease_id JOIN dwellings d ON d.id = l.dwelling_id
              WHERE r.subtenant_person_id = $1 AND r.subtenant_signed_at IS NULL AND r.kind = $2
              UNION ALL
              SELECT s.id, 1 AS swap, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city, s.sent_at
              FROM swap_requests s JOIN cases c ON c.id = s.case_id
              JOIN leases l ON l.id = s.lease_id JOIN dwellings d ON d.id = l.dwelling_id
              WHERE s.other_person_id = $1 AND s.other_signed_at IS NULL
            ) w ORDER BY w.sent_at DESC, w.id LIMIT 20
            """
        var binds: [SQLValue] { [.uuid(personID), .text(SublettingKind.whole.rawValue)] }
    }

    /// What the code form shows besides the form, in one statement (`WaitingQuery`): the
    /// applications whose code the person took and has not signed yet. Only their own.
    struct CodeFormPage: Sendable {
        let waiting: [WaitingQuery.Row]

        static func load(person: UUID, on database: any Database) async throws -> CodeFormPage {
            CodeFormPage(waiting: try await WaitingQuery(personID: person).all(on: database))
        }
    }

    @Sendable
    static func codeForm(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let page = try await CodeFormPage.load(person: principal.id, on: req.db)
        return try await renderCodeForm(req, page, code: "", error: nil)
    }

    /// The form as loaded (`CodeFormPage`), with the code typed and why it was refused.
    static func renderCodeForm(
        _ req: Request,
        _ page: CodeFormPage,
        code: String,
        error: String?
    ) async throws
        -> View
    {
        let strings = Strings.table(req.language)
        let waiting = page.waiting.map {
            Waiting(
                address: $0.addressLine,
                href: $0.swap == 1 ? SiteRoute.mySwapSign($0.id).path : SiteRoute.mySubtenantSign($0.id).path
            )
        }
        return try await req.view.render(
            "subtenant-code-form",
            CodeFormContext(
                page: await PageChrome.make(for: req, title: strings["subtenantTitle"] ?? ""),
                action: SiteRoute.mySignCode.path,
                code: code,
                error: error,
                waiting: waiting
            )
        )
    }

    @Sendable
    static func takeCode(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        struct Input: Content { var code: String? }
        let typed = String((try req.content.decode(Input.self).code ?? "").prefix(40))
        // Nothing typed is said as such, not as a wrong code (and costs no try).
        guard !typed.trimmingCharacters(in: .whitespaces).isEmpty else {
            return try await renderCodeForm(
                req,
                try await CodeFormPage.load(person: principal.id, on: req.db),
                code: "",
                error: Strings.table(req.language)["signCodeEmpty"]
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            guard await req.application.throttles.typedCodes.allow(key: principal.id.uuidString, now: Date())
            else { throw Refusal.tooMany }
            let now = req.application.dependencies.now()
            let target: String
            do {
                let requestID = try await take(
                    code: typed,
                    personID: principal.id,
                    name: principal.name,
                    now: now,
                    on: req.db
                )
                target = SiteRoute.mySubtenantSign(requestID).path
            } catch Refusal.code {
                // Not a sub-tenant's code: perhaps a swap partner's.
                let requestID = try await SwapSigning.take(
                    code: typed,
                    personID: principal.id,
                    name: principal.name,
                    now: now,
                    on: req.db
                )
                target = SiteRoute.mySwapSign(requestID).path
            }
            return req.redirect(to: target, redirectType: .normal)
        } catch let refusal as Refusal {
            let page = try await CodeFormPage.load(person: principal.id, on: req.db)
            // A code taken before works no more; its application is listed above the form.
            let key = refusal == .code && !page.waiting.isEmpty ? "subtenantErrorCodeUsed" : refusal.rawValue
            return try await renderCodeForm(
                req,
                page,
                code: typed,
                error: Strings.table(req.language)[key]
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    /// What the sub-tenant reads before signing: the home, the period, the rent, how many will
    /// live there, and who the tenant is. Never the tenant's reason for being away.
    struct Facts: Decodable, AddressRow {
        let case_id: UUID
        let case_status: String
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let start_date: String
        let end_date: String?
        let occupants: Int
        let rent_ore: Int64?
        let subtenants: String
        let given_name: String
        let family_name: String
        let subtenant_person_id: UUID?
        let subtenant_signed_at: Date?
    }

    static func facts(of requestID: UUID, on sql: any SQLDatabase) async throws -> Facts? {
        try await sql.raw(
            """
            SELECT r.case_id, c.status AS case_status, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              r.start_date, r.end_date, r.occupants, r.rent_ore, r.subtenants, p.given_name, p.family_name,
              r.subtenant_person_id, r.subtenant_signed_at
            FROM subletting_requests r JOIN cases c ON c.id = r.case_id
            JOIN leases l ON l.id = r.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            JOIN people p ON p.id = r.filed_by
            WHERE r.id = \(bind: requestID) AND r.kind = \(bind: SublettingKind.whole.rawValue)
            """
        ).first(decoding: Facts.self)
    }

    struct SignContext: Encodable {
        let page: PageChrome
        let address: String
        let tenant: String
        let subtenant: String
        let period: String
        let rent: String
        let persons: Int
        /// Nil once signed, or when the case has closed.
        let action: String?
        let signedAt: String?
        let caseHref: String?
        let error: String?
    }

    /// The application, for the person who took its code only; anyone else gets a 404.
    static func found(_ req: Request, _ principal: Principal) async throws -> (UUID, Facts) {
        guard let requestID = req.parameters.get("requestID", as: UUID.self),
            let facts = try await facts(of: requestID, on: try req.sql), facts.subtenant_person_id == principal.id
        else { throw Abort(.notFound) }
        return (requestID, facts)
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let (requestID, facts) = try await found(req, principal)
        return try await render(req, requestID, facts, error: nil)
    }

    static func render(_ req: Request, _ requestID: UUID, _ facts: Facts, error: String?) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let start = LocalDate(iso: facts.start_date).map { DateText.long($0, language) } ?? ""
        let end = facts.end_date.flatMap(LocalDate.init(iso:)).map { DateText.long($0, language) } ?? ""
        let open = facts.case_status == CaseStatus.open.rawValue
        return try await req.view.render(
            "subtenant-sign",
            SignContext(
                page: await PageChrome.make(for: req, title: strings["subtenantSignTitle"] ?? ""),
                address: "\(facts.addressLine), \(facts.postal_code) \(facts.city)",
                tenant: "\(facts.given_name) \(facts.family_name)",
                subtenant: facts.subtenants,
                period: "\(start) – \(end)",
                rent:
                    "\(MoneyText.written(Money(ore: facts.rent_ore ?? 0), language)) \(strings["wholeRentMonthly"] ?? "")",
                persons: facts.occupants,
                action: facts.subtenant_signed_at == nil && open ? SiteRoute.mySubtenantSign(requestID).path : nil,
                signedAt: facts.subtenant_signed_at.map { DateText.timestamp($0, language) },
                caseHref: facts.subtenant_signed_at == nil ? nil : SiteRoute.myCase(facts.case_id).path,
                error: error
            )
        )
    }

    /// Signs: the signature, the sub-tenant a party to the case, and a line in its history, in
    /// one transaction; a second click signs nothing twice.
    @Sendable
    static func sign(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let (requestID, facts) = try await found(req, principal)
        // A signature with MitID: a recent login.
        try req.requireRecentAuthentication(principal, returnTo: SiteRoute.mySubtenantSign(requestID).path)
        struct Input: Content { var confirm: String? }
        guard (try? req.content.decode(Input.self))?.confirm == "ja" else {
            return try await render(req, requestID, facts, error: Strings.table(req.language)["subtenantErrorConfirm"])
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard facts.case_status == CaseStatus.open.rawValue else {
            return try await render(req, requestID, facts, error: nil).encodeResponse(for: req)
        }
        let now = req.application.dependencies.now()
        try await SigningCodes.sign(
            """
            UPDATE subletting_requests SET subtenant_signed_at = \(bind: now)
            WHERE id = \(bind: requestID) AND subtenant_person_id = \(bind: principal.id) AND subtenant_signed_at IS NULL
            """,
            event: .subtenantSigned,
            caseID: facts.case_id,
            by: principal,
            at: now,
            req: req
        )
        return req.redirect(
            to: SiteRoute.myCase(facts.case_id).path(query: [("besked", "fremlejetager")]),
            redirectType: .normal
        )
    }
}

/// The codes a tenant gives the other party to an application (a sub-tenant, a swap partner):
/// shown once, stored as a hash, used once, for 30 days.
enum SigningCodes {
    /// Where a kind of application keeps its code and the person who took it.
    struct Table: Sendable {
        let name: String
        let personColumn: String
    }

    static let subletting = Table(name: "subletting_requests", personColumn: "subtenant_person_id")
    static let swap = Table(name: "swap_requests", personColumn: "other_person_id")

    /// A new code for the application, replacing one given before, while nobody has taken it.
    static func issue(_ table: Table, _ id: UUID, now: Date, on db: any Database) async throws -> String {
        let code = Activation.randomCode()
        try await db.sql().raw(
            """
            UPDATE \(ident: table.name) SET sign_code_hash = \(bind: Activation.hash(code)),
              sign_code_expires_at = \(bind: now.addingTimeInterval(SubtenantSigning.codeLifetime))
            WHERE id = \(bind: id) AND \(ident: table.personColumn) IS NULL
            """
        ).run()
        return code
    }

    /// `personID`, whose MitID name is `name`, takes the pending application's code: the name
    /// must match the one the tenant wrote, and a tenant of the lease is not its other party.
    static func take(
        _ request: SubtenantSigning.Pending,
        _ table: Table,
        personID: UUID,
        name: String,
        on db: any Database
    ) async throws -> UUID {
        guard PowersOfAttorney.nameMatches(request.name, name) else { throw SubtenantSigning.Refusal.code }
        let tenants = try await LeaseTenant.query(on: db).filter(\.$lease.$id == request.lease_id)
            .filter(\.$person.$id == personID).count()
        guard tenants == 0, request.filed_by != personID else { throw SubtenantSigning.Refusal.own }
        guard try await claim(table, request.id, hash: request.sign_code_hash, by: personID, on: db) else {
            throw SubtenantSigning.Refusal.code
        }
        return request.id
    }

    /// Records a signature in one transaction: `update` (an `UPDATE … WHERE <not signed yet>`)
    /// signs once; then the signer is the case's other party (once), and its history says who
    /// signed. A second click changes nothing.
    static func sign(
        _ update: SQLQueryString,
        event: CaseEvent.Kind,
        caseID: UUID,
        by principal: Principal,
        at now: Date,
        req: Request
    ) async throws {
        let dependencies = req.application.dependencies
        try await req.db.transaction { db in
            guard try await OnceUpdate.run(update, on: db) else { return }
            try await CaseParty.add(
                principal.id,
                as: .otherParty,
                to: caseID,
                id: dependencies.uuid(),
                at: now,
                on: db
            )
            try await CaseEvent(
                id: dependencies.uuid(),
                caseID: caseID,
                kind: event,
                at: now,
                by: nil,
                detail: principal.name
            ).create(on: db)
        }
    }

    /// `personID` takes the code whose hash is `hash`: one conditional statement, so a code is
    /// used once. False when someone else took it first.
    static func claim(
        _ table: Table,
        _ id: UUID,
        hash: String,
        by personID: UUID,
        on db: any Database
    ) async throws
        -> Bool
    {
        try await OnceUpdate.run(
            """
            UPDATE \(ident: table.name) SET \(ident: table.personColumn) = \(bind: personID), sign_code_hash = NULL
            WHERE id = \(bind: id) AND \(ident: table.personColumn) IS NULL AND sign_code_hash = \(bind: hash)
            """,
            on: db
        )
    }
}
