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
        let code = Activation.randomCode()
        try await db.sql().raw(
            """
            UPDATE subletting_requests SET sign_code_hash = \(bind: Activation.hash(code)),
              sign_code_expires_at = \(bind: now.addingTimeInterval(codeLifetime))
            WHERE id = \(bind: requestID) AND subtenant_person_id IS NULL
            """
        ).run()
        return code
    }

    /// Why a typed code was refused. A wrong code and someone else's get the same answer.
    enum Refusal: String, Error {
        case code = "subtenantErrorCode"
        /// The tenant (or a co-tenant) typed their own code.
        case own = "subtenantErrorOwn"
        case tooMany = "subtenantErrorTooMany"
    }

    /// The sent, unsigned application a code belongs to, while its case is open.
    static func waiting(code typed: String, now: Date, on db: any Database) async throws -> SublettingRequest? {
        guard let normalised = ActivationCodeText.normalised(typed) else { return nil }
        return try await SublettingRequest.query(on: db).filter(\.$signCodeHash == Activation.hash(normalised))
            .filter(\.$status == .sent).filter(\.$subtenantPersonID == nil).filter(\.$signCodeExpiresAt > now)
            .join(CaseFile.self, on: \SublettingRequest.$caseID == \CaseFile.$id)
            .filter(CaseFile.self, \.$status == .open).first()
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
        guard let request = try await waiting(code: typed, now: now, on: db), let requestID = request.id,
            PowersOfAttorney.nameMatches(request.subtenants, name), let hash = request.signCodeHash
        else { throw Refusal.code }
        // A tenant of the lease is not their own sub-tenant.
        let tenants = try await LeaseTenant.query(on: db).filter(\.$lease.$id == request.leaseID)
            .filter(\.$person.$id == personID).count()
        guard tenants == 0, request.filedBy != personID else { throw Refusal.own }
        struct Row: Decodable { let id: UUID }
        let taken = try await db.sql().raw(
            """
            UPDATE subletting_requests SET subtenant_person_id = \(bind: personID), sign_code_hash = NULL
            WHERE id = \(bind: requestID) AND subtenant_person_id IS NULL AND sign_code_hash = \(bind: hash)
            RETURNING id
            """
        ).first(decoding: Row.self)
        guard taken != nil else { throw Refusal.code }
        return requestID
    }

    /// The applications a person took the code of and has not signed yet, newest first.
    static func unsigned(of personID: UUID, on db: any Database) async throws -> [SublettingRequest] {
        try await SublettingRequest.query(on: db).filter(\.$subtenantPersonID == personID)
            .filter(\.$subtenantSignedAt == nil).sort(\.$sentAt, .descending).range(..<20).all()
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
                signHref: SiteRoute.mySubtenantCode.path,
                caseHref: SiteRoute.myCase(caseID).path
            )
        )
    }

    /// `POST /mit-hjem/sager/{id}/fremlejetager-kode`: a tenant of the case makes a new code, while
    /// the case is open and nobody has taken the last one.
    @Sendable
    static func newCode(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let party = try await req.application.cases.party(principal.id, in: caseID), party.role == .tenant,
            let request = try await CaseFilesController.agreement(of: caseID, on: req.db), request.kind == .whole,
            let requestID = request.id
        else { throw Abort(.notFound) }
        guard party.caseFile.status == .open, request.subtenantPersonID == nil else {
            return req.redirect(to: SiteRoute.myCase(caseID).path, redirectType: .normal)
        }
        let code = try await issue(requestID, now: req.application.dependencies.now(), on: req.db)
        return try await renderCode(req, caseID: caseID, code: code, subtenant: request.subtenants, sent: false)
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

    @Sendable
    static func codeForm(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        return try await renderCodeForm(req, principal, code: "", error: nil)
    }

    static func renderCodeForm(
        _ req: Request,
        _ principal: Principal,
        code: String,
        error: String?
    ) async throws
        -> View
    {
        let strings = Strings.table(req.language)
        var waiting: [Waiting] = []
        for request in try await unsigned(of: principal.id, on: req.db) {
            guard let id = request.id, let facts = try await facts(of: id, on: try req.sql) else { continue }
            waiting.append(Waiting(address: facts.addressLine, href: SiteRoute.mySubtenantSign(id).path))
        }
        return try await req.view.render(
            "subtenant-code-form",
            CodeFormContext(
                page: await PageChrome.make(for: req, title: strings["subtenantTitle"] ?? ""),
                action: SiteRoute.mySubtenantCode.path,
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
        do {
            guard await req.application.throttles.typedCodes.allow(key: principal.id.uuidString, now: Date())
            else { throw Refusal.tooMany }
            let requestID = try await take(
                code: typed,
                personID: principal.id,
                name: principal.name,
                now: req.application.dependencies.now(),
                on: req.db
            )
            return req.redirect(to: SiteRoute.mySubtenantSign(requestID).path, redirectType: .normal)
        } catch let refusal as Refusal {
            return try await renderCodeForm(
                req,
                principal,
                code: typed,
                error: Strings.table(req.language)[refusal.rawValue]
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
                rent: Money(ore: facts.rent_ore ?? 0).danish,
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
        struct Input: Content { var confirm: String? }
        guard (try? req.content.decode(Input.self))?.confirm == "ja" else {
            return try await render(req, requestID, facts, error: Strings.table(req.language)["subtenantErrorConfirm"])
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard facts.case_status == CaseStatus.open.rawValue else {
            return try await render(req, requestID, facts, error: nil).encodeResponse(for: req)
        }
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        try await req.db.transaction { db in
            struct Row: Decodable { let id: UUID }
            let signed = try await db.sql().raw(
                """
                UPDATE subletting_requests SET subtenant_signed_at = \(bind: now)
                WHERE id = \(bind: requestID) AND subtenant_person_id = \(bind: principal.id)
                  AND subtenant_signed_at IS NULL RETURNING id
                """
            ).first(decoding: Row.self)
            guard signed != nil else { return }
            if try await CaseParty.query(on: db).filter(\.$caseFile.$id == facts.case_id)
                .filter(\.$person.$id == principal.id).count() == 0
            {
                try await CaseParty(
                    id: dependencies.uuid(),
                    caseID: facts.case_id,
                    personID: principal.id,
                    role: .otherParty,
                    addedAt: now
                ).create(on: db)
            }
            try await CaseEvent(
                id: dependencies.uuid(),
                caseID: facts.case_id,
                kind: .subtenantSigned,
                at: now,
                by: nil,
                detail: principal.name
            ).create(on: db)
        }
        return req.redirect(
            to: SiteRoute.myCase(facts.case_id).path(query: [("besked", "fremlejetager")]),
            redirectType: .normal
        )
    }
}
