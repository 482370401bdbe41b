import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// The pages of CPR collection: the resident's activation form after a MitID login the register
/// did not know, and the back office's page that sends activation letters to the tenants whose
/// CPR number is missing.
enum ActivationController {
    struct FormContext: Encodable {
        let page: PageChrome
        /// nil when there is no login waiting: the page says to log in first.
        let action: String?
        let loginHref: String
        let consentText: String
        /// A refusal of the whole login (expired, too many tries, the number linked already).
        let error: String?
        /// The problems of the code and the consent, at their fields and above the form.
        let errors: [String: String]
        let errorList: [FieldError]
        let code: String
        let consented: Bool
    }

    /// After a MitID login with a CPR number the register does not know: keep it for 15 minutes
    /// and ask for the activation code.
    static func beginPending(_ req: Request, identity: OIDCClient.Identity, cpr: CPRNumber) async throws -> Response {
        let token = req.application.dependencies.token()
        let vault = req.application.cprVault
        let dependencies = req.application.dependencies
        let activation = req.application.activation
        try await activation.purgeExpiredPendingLinks()
        // One waiting login per CPR number: a new login replaces the last.
        try await PendingLink.query(on: req.db).filter(\.$cprLookupHash == vault.lookupHash(cpr)).delete()
        try await PendingLink(
            id: dependencies.uuid(),
            tokenHash: PKCE.hash(token),
            cprCiphertext: try vault.seal(cpr),
            cprLookupHash: vault.lookupHash(cpr),
            name: identity.name ?? "",
            authTime: identity.authTime,
            now: dependencies.now()
        ).create(on: req.db)
        try await req.audit.record(
            .loginUnknownCPR,
            purpose: AuditPurpose("activationCodeRequested")
        )
        let response = req.redirect(to: SiteRoute.activation.path, redirectType: .normal)
        response.cookies[SessionCookie.activation] = SessionCookie.value(token, maxAge: Int(PendingLink.lifetime))
        return response
    }

    /// What the form shows: the login waiting for its code, found by the activation cookie's
    /// token. One statement; none without a token.
    struct FormPage: Sendable {
        let pending: PendingLink?

        static func load(token: String?, on database: any Database) async throws -> FormPage {
            guard let token, !token.isEmpty else { return FormPage(pending: nil) }
            return FormPage(
                pending: try await PendingLink.query(on: database).filter(\.$tokenHash == PKCE.hash(token)).first()
            )
        }

        /// Whether a login waits for its code at `now`: within its lifetime.
        func live(at now: Date) -> Bool {
            pending.map { now.timeIntervalSince($0.createdAt) <= PendingLink.lifetime } ?? false
        }
    }

    @Sendable
    static func form(_ req: Request) async throws -> View {
        let loaded = try await FormPage.load(token: req.cookies[SessionCookie.activation]?.string, on: req.db)
        return try await render(req, live: loaded.live(at: req.application.dependencies.now()), error: nil, code: "")
    }

    private static func render(
        _ req: Request,
        live: Bool,
        error: String?,
        problems: [(String, String)] = [],
        code: String,
        consented: Bool = false
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { "activationField_\($0)" },
            strings
        )
        return try await req.view.render(
            "activation",
            FormContext(
                page: await PageChrome.make(for: req, title: strings["activationTitle"] ?? ""),
                action: live ? SiteRoute.activation.path : nil,
                loginHref: SiteRoute.loginStart(.resident).path,
                consentText: Activation.consentText(req.language),
                error: error,
                errors: errors,
                errorList: errorList,
                code: code,
                consented: consented
            )
        )
    }

    struct Input: Content {
        var code: String?
        var consent: String?
    }

    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let strings = Strings.table(req.language)
        let input = try req.content.decode(Input.self)
        // No login waiting, or one too old: to log in again before anything else is said.
        let loaded = try await FormPage.load(token: req.cookies[SessionCookie.activation]?.string, on: req.db)
        guard let pending = loaded.pending, loaded.live(at: req.application.dependencies.now()) else {
            let response = try await render(
                req,
                live: false,
                error: strings[Activation.Refusal.expired.rawValue],
                code: ""
            )
            .encodeResponse(status: loaded.pending == nil ? .badRequest : .unprocessableEntity, for: req)
            if loaded.pending != nil { response.cookies[SessionCookie.activation] = SessionCookie.expired }
            return response
        }
        // What the form lacks is said at once, at its fields, before a code is tried (an empty
        // code is not a try).
        let typed = (input.code ?? "").trimmingCharacters(in: .whitespaces)
        let consented = input.consent == "ja"
        var problems: [(String, String)] = []
        if typed.isEmpty { problems.append(("code", "activationErrorCodeEmpty")) }
        if !consented { problems.append(("consent", Activation.Refusal.consent.rawValue)) }
        guard problems.isEmpty else {
            return try await render(req, live: true, error: nil, problems: problems, code: typed, consented: consented)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            let person = try await req.application.activation.redeem(
                pending,
                typed: input.code ?? "",
                consented: input.consent == "ja",
                language: req.language
            )
            let principal = Principal(
                kind: .resident,
                id: try person.requireID(),
                name: person.fullName,
                sessionID: req.application.dependencies.uuid(),
                authTime: pending.authTime
            )
            try await req.audit.record(
                .cprCaptured,
                subjectKind: .person,
                subjectID: principal.id,
                dataSubjectID: principal.id,
                purpose: AuditPurpose("activationCPRStored"),
                actor: principal
            )
            await confirmByLetter(req, person: person)
            // A sub-tenant who came with an application's code goes on to sign it.
            let sublet = try await SubtenantSigning.unsigned(of: principal.id, on: req.db).first
            let swap = try await SwapSigning.unsigned(of: principal.id, on: req.db).first
            let returnTo =
                sublet.map { SiteRoute.mySubtenantSign($0).path } ?? swap.map { SiteRoute.mySwapSign($0).path }
                ?? SiteRoute.myHome.path
            let response = try await SessionStarter.begin(
                req,
                principal: principal,
                authTime: pending.authTime,
                returnTo: returnTo,
                purpose: AuditPurpose("activationLogin")
            )
            response.cookies[SessionCookie.activation] = SessionCookie.expired
            return response
        } catch let refusal as Activation.Refusal {
            req.logger.info("Activation refused", metadata: ["reason": "\(refusal)"])
            try await req.audit.record(
                .activationRefused,
                purpose: AuditPurpose("activationRefused", ["reason": .word(refusal.auditWord)])
            )
            let live = refusal != .expired && refusal != .tooMany
            // A code or consent refused is said at its field; the rest of the login's.
            let field: String? = refusal == .code ? "code" : refusal == .consent ? "consent" : nil
            let response = try await render(
                req,
                live: live,
                error: field == nil ? strings[refusal.rawValue] : nil,
                problems: field.map { [($0, refusal.rawValue)] } ?? [],
                code: live ? typed : "",
                consented: consented
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
            if !live { response.cookies[SessionCookie.activation] = SessionCookie.expired }
            return response
        }
    }

    /// A letter on paper to the lease's address saying that a CPR number is now linked, so that
    /// a wrong link (someone else at the address used the code) is seen by the tenant. A letter
    /// that cannot be made is logged; the activation stands.
    private static func confirmByLetter(_ req: Request, person: Person) async {
        do {
            let personID = try person.requireID()
            guard
                let tenancy = try await LeaseTenant.query(on: req.db).filter(\.$person.$id == personID).current()
                    .first()
            else { return }
            let today = DateText.short(LocalDate(req.application.dependencies.now(), timeZone: danishTimeZone), .da)
            let letters = req.application.letters()
            let prepared = try await letters.prepare(
                GeneralLetter(
                    subject: "Din adgang til beboerportalen er aktiveret",
                    paragraphs: [
                        MarkupText(
                            "Den \(today) loggede du ind i beboerportalen med MitID og din aktiveringskode. Dit CPR-nummer er nu gemt hos os, så vi kan sende dig breve med Digital Post."
                        ),
                        "Var det ikke dig, så kontakt os straks. Så fjerner vi forbindelsen og sender dig en ny kode.",
                    ]
                ),
                to: personID,
                lease: tenancy.$lease.id,
                toTheAddress: true
            )
            try await letters.send(prepared, createdBy: nil)
        } catch {
            req.logger.error(
                "Activation: the confirmation letter could not be made",
                metadata: ["error": "\(String(reflecting: type(of: error)))"]
            )
        }
    }

    // MARK: The back office

    struct Row: Encodable {
        let organisation: String
        let missing: Int
        let action: String
    }

    struct StaffContext: Encodable {
        let page: PageChrome
        let rows: [Row]
        let notice: String?
    }

    /// `/admin/aktivering`: per organisation in scope, how many active tenants lack a CPR number.
    @Sendable
    static func overview(_ req: Request) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        let strings = Strings.table(req.language)
        let organisations = try await missingCPRNumbers(scope, on: try req.sql)
        try await req.audit.record(
            .activationList,
            subjectKind: .persons,
            purpose: AuditPurpose("tenantsWithoutCPR"),
            actor: principal
        )
        let sent = req.queryValue("sendt").flatMap(Int.init)
        return try await req.view.render(
            "activation-admin",
            StaffContext(
                page: await PageChrome.make(for: req, title: strings["activationAdminTitle"] ?? ""),
                rows: organisations.map { organisation in
                    Row(
                        organisation: organisation.name,
                        missing: organisation.missing,
                        action: SiteRoute.activationLetters(organisation.id).path
                    )
                },
                notice: sent.map { "\(strings["activationSent"] ?? ""): \($0)" }
            )
        )
    }

    /// Per organisation in scope with any, how many tenants of current leases lack a CPR number:
    /// one statement, counted by the database (there may be thousands).
    struct MissingCPR: Decodable, Sendable {
        let id: UUID
        let name: String
        let missing: Int
    }

    static func missingCPRNumbers(_ scope: StaffScope, on database: any SQLDatabase) async throws -> [MissingCPR] {
        var query: SQLQueryString = """
            SELECT o.id, o.name, COUNT(DISTINCT lt.person_id) AS missing
            FROM lease_tenants lt
            JOIN people p ON p.id = lt.person_id
            JOIN leases l ON l.id = lt.lease_id
            JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            JOIN housing_organisations o ON o.id = dep.organisation_id
            WHERE p.cpr_lookup_hash IS NULL AND l.status <> \(bind: LeaseStatus.ended.rawValue)
            """
        guard let inScope = scope.condition("o", "id") else { return [] }
        query += inScope
        query += " GROUP BY o.id, o.name ORDER BY o.name"
        return try await database.raw(query).rows(decoding: MissingCPR.self)
    }

    /// The most letters one click makes; the page can be used again for the rest.
    static let lettersPerRun = 200

    /// `POST /admin/aktivering/:organisationID`: a code and a letter to each tenant of the
    /// organisation who lacks a CPR number and has no code that still works.
    @Sendable
    static func sendLetters(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let organisationID = req.parameters.get("organisationID", as: UUID.self), scope.contains(organisationID),
            try await HousingOrganisation.find(organisationID, on: req.db) != nil
        else { throw Abort(.notFound) }
        let activation = req.application.activation
        let letters = req.application.letters()
        var sent = 0
        for tenant in try await activation.tenantsToActivate(in: organisationID, limit: lettersPerRun) {
            let (code, text) = activation.issue(to: tenant.personID, createdBy: principal.id)
            let printed = ActivationCodeText.printed(text)
            do {
                let prepared = try await letters.prepare(
                    GeneralLetter(
                        subject: "Din aktiveringskode til beboerportalen",
                        paragraphs: [
                            "Vi mangler dit CPR-nummer for at kunne sende dig breve med Digital Post og vise dig dit lejemål i beboerportalen.",
                            "Log ind med MitID i beboerportalen, og skriv denne kode, når du bliver bedt om den:",
                            MarkupText("Din aktiveringskode: \(printed)"),
                            "Koden virker én gang i 60 dage og kun for dig. Du giver samtykke til, at vi gemmer dit CPR-nummer, når du bruger den.",
                        ]
                    ),
                    to: tenant.personID,
                    lease: tenant.leaseID
                )
                try await req.db.transaction { db in
                    try await activation.claim(tenant.personID, on: db)
                    let letter = try await letters.send(prepared, createdBy: principal.id, on: db)
                    code.letterID = try letter.requireID()
                    try await code.create(on: db)
                }
                try await req.audit.record(
                    .activationLetter,
                    subjectKind: .person,
                    subjectID: tenant.personID,
                    dataSubjectID: tenant.personID,
                    purpose: AuditPurpose("activationCodeByPost"),
                    actor: principal
                )
                sent += 1
            } catch is Activation.AlreadyCovered {
                continue
            } catch {
                // One tenant's letter that cannot be made does not stop the others.
                req.logger.error(
                    "Activation letter failed",
                    metadata: ["person": "\(tenant.personID)", "error": "\(String(reflecting: type(of: error)))"]
                )
            }
        }
        return req.redirect(to: SiteRoute.activationAdmin.path(query: [("sendt", "\(sent)")]), redirectType: .normal)
    }
}
