import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// The other tenant's signature on an application to swap homes (rules.md §4: both tenants take
/// part). They take the tenant's code as a sub-tenant does (`SubtenantSigning`), read the
/// application, name their own home when the register has it (so the rules are checked for it
/// too, and this organisation can carry out its side), and sign; then they follow the case as
/// its other party.
enum SwapSigning {
    /// The sent, unsigned application a code belongs to, while its case is open.
    static func waiting(code typed: String, now: Date, on db: any Database) async throws -> SubtenantSigning.Pending? {
        guard let normalised = ActivationCodeText.normalised(typed) else { return nil }
        return try await db.sql().raw(
            """
            SELECT r.id, r.lease_id, r.filed_by, r.other_tenant AS name, r.sign_code_hash
            FROM swap_requests r JOIN cases c ON c.id = r.case_id
            WHERE r.sign_code_hash = \(bind: Activation.hash(normalised))
              AND r.status = \(bind: SublettingRequestStatus.sent.rawValue) AND r.other_person_id IS NULL
              AND r.sign_code_expires_at > \(bind: now) AND c.status = \(bind: CaseStatus.open.rawValue)
            """
        ).first(decoding: SubtenantSigning.Pending.self)
    }

    /// `personID`, whose MitID name is `name`, takes the code; the application's id.
    static func take(
        code typed: String,
        personID: UUID,
        name: String,
        now: Date,
        on db: any Database
    ) async throws
        -> UUID
    {
        guard let request = try await waiting(code: typed, now: now, on: db) else {
            throw SubtenantSigning.Refusal.code
        }
        return try await SigningCodes.take(request, SigningCodes.swap, personID: personID, name: name, on: db)
    }

    /// The applications a person took the code of and has not signed yet, newest first.
    static func unsigned(of personID: UUID, on db: any Database) async throws -> [UUID] {
        struct Row: Decodable { let id: UUID }
        return try await db.sql().raw(
            """
            SELECT id FROM swap_requests WHERE other_person_id = \(bind: personID)
              AND other_signed_at IS NULL ORDER BY sent_at DESC LIMIT 20
            """
        ).rows(decoding: Row.self).map(\.id)
    }

    /// What the other tenant reads: the home they would move into, the day, who moves, and the
    /// tenant's name.
    struct Facts: Decodable, Sendable, AddressRow {
        let case_id: UUID
        let case_status: String
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let habitable_rooms: Int
        let monthly_rent_ore: Int64
        let swap_date: String
        let incoming_persons: Int
        let other_tenant: String
        let other_address: String
        let given_name: String
        let family_name: String
        let other_person_id: UUID?
        let other_signed_at: Date?
    }

    static func facts(of requestID: UUID, on sql: any SQLDatabase) async throws -> Facts? {
        try await sql.raw(
            """
            SELECT r.case_id, c.status AS case_status, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              d.habitable_rooms, l.monthly_rent_ore, r.swap_date, r.incoming_persons, r.other_tenant, r.other_address,
              p.given_name, p.family_name, r.other_person_id, r.other_signed_at
            FROM swap_requests r JOIN cases c ON c.id = r.case_id
            JOIN leases l ON l.id = r.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            JOIN people p ON p.id = r.filed_by
            WHERE r.id = \(bind: requestID)
            """
        ).first(decoding: Facts.self)
    }

    /// The signer's own current tenancies, one of which is the other home when the register has it.
    struct Tenancy: Decodable, Sendable, AddressRow {
        let lease_id: UUID
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
    }

    static func tenancies(of personID: UUID, on sql: any SQLDatabase) async throws -> [Tenancy] {
        try await sql.raw(
            """
            SELECT l.id AS lease_id, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city
            FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            WHERE lt.person_id = \(bind: personID) AND l.status = \(bind: LeaseStatus.active.rawValue)
            ORDER BY d.street, d.house_number, l.id LIMIT 10
            """
        ).rows(decoding: Tenancy.self)
    }

    struct Context: Encodable {
        let page: PageChrome
        let address: String
        let tenant: String
        let otherTenant: String
        let otherAddress: String
        let rooms: Int
        let rent: String
        let swapDate: String
        let persons: Int
        /// The signer's tenancies in the register: which is the home they swap. Empty when the
        /// register has none (their home is let by a landlord outside Almen).
        let homes: [SelectOption]
        let action: String?
        let signedAt: String?
        let caseHref: String?
        let errors: [String: String]
        let errorList: [FieldError]
    }

    /// What the signing page shows, in two statements: the application (`facts`) and the
    /// person's own tenancies (`tenancies`), one of which may be the other home. Nil for anyone
    /// but the person who took the application's code.
    struct Page: Sendable {
        let requestID: UUID
        let facts: Facts
        let homes: [Tenancy]

        static func load(_ requestID: UUID, person: UUID, on database: any Database) async throws -> Page? {
            let sql = try database.sql()
            guard let facts = try await SwapSigning.facts(of: requestID, on: sql), facts.other_person_id == person
            else {
                return nil
            }
            return Page(requestID: requestID, facts: facts, homes: try await SwapSigning.tenancies(of: person, on: sql))
        }
    }

    /// The application's page for the person who took its code; anyone else gets a 404.
    static func found(_ req: Request, _ principal: Principal) async throws -> Page {
        guard let requestID = req.parameters.get("requestID", as: UUID.self),
            let page = try await Page.load(requestID, person: principal.id, on: req.db)
        else { throw Abort(.notFound) }
        return page
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        return try await render(req, try await found(req, principal), chosen: nil, problems: [])
    }

    /// The page as loaded, with the home chosen and the problems of a signature sent.
    static func render(
        _ req: Request,
        _ page: Page,
        chosen: String?,
        problems: [(String, String)]
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let (requestID, facts, homes) = (page.requestID, page.facts, page.homes)
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { $0 == "confirm" ? "subletConfirmLabel" : "swapField_\($0)" },
            strings
        )
        let open = facts.case_status == CaseStatus.open.rawValue
        return try await req.view.render(
            "swap-sign",
            Context(
                page: await PageChrome.make(for: req, title: strings["swapSignTitle"] ?? ""),
                address: "\(facts.addressLine), \(facts.postal_code) \(facts.city)",
                tenant: "\(facts.given_name) \(facts.family_name)",
                otherTenant: facts.other_tenant,
                otherAddress: facts.other_address,
                rooms: facts.habitable_rooms,
                rent:
                    "\(MoneyText.written(Money(ore: facts.monthly_rent_ore), language)) \(strings["wholeRentMonthly"] ?? "")",
                swapDate: LocalDate(iso: facts.swap_date).map { DateText.long($0, language) } ?? facts.swap_date,
                persons: facts.incoming_persons,
                homes: homes.map { home in
                    let value = home.lease_id.lowercasedString
                    return SelectOption(
                        value: value,
                        label: "\(home.addressLine), \(home.postal_code) \(home.city)",
                        selected: chosen == value || (chosen == nil && homes.count == 1)
                    )
                },
                action: facts.other_signed_at == nil && open ? SiteRoute.mySwapSign(requestID).path : nil,
                signedAt: facts.other_signed_at.map { DateText.timestamp($0, language) },
                caseHref: facts.other_signed_at == nil ? nil : SiteRoute.myCase(facts.case_id).path,
                errors: errors,
                errorList: errorList
            )
        )
    }

    /// Once the partner has signed for a home in the register, the case's title names that home
    /// as the register has it, not as the tenant typed it.
    static func retitle(_ caseID: UUID, on sql: any SQLDatabase) async throws {
        guard let row = try await SwapCard.row(ofCase: caseID, on: sql), let address = SwapCard.registerAddress(row),
            address != row.other_address
        else { return }
        struct Title: Decodable, Sendable {
            let title: String
            let title_en: String?
        }
        guard
            let current = try await sql.raw("SELECT title, title_en FROM cases WHERE id = \(bind: caseID)").first(
                decoding: Title.self
            ), current.title.hasSuffix(row.other_address)
        else { return }
        // The title ends with the other home as typed, in both languages (`caseTitle_swap`).
        func retitled(_ title: String) -> String {
            title.hasSuffix(row.other_address) ? String(title.dropLast(row.other_address.count)) + address : title
        }
        try await sql.raw(
            """
            UPDATE cases SET title = \(bind: retitled(current.title)), title_en = \(bind: current.title_en.map(retitled))
            WHERE id = \(bind: caseID) AND title = \(bind: current.title)
            """
        )
        .run()
    }

    /// Signs, with the signer's own home when the register has it: the signature, the signer a
    /// party to the case, and a line in its history, in one transaction.
    @Sendable
    static func sign(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let page = try await found(req, principal)
        let (requestID, facts, homes) = (page.requestID, page.facts, page.homes)
        // A signature with MitID: a recent login.
        try req.requireRecentAuthentication(principal, returnTo: SiteRoute.mySwapSign(requestID).path)
        struct Input: Content {
            var confirm: String?
            var home: String?
        }
        let input = try? req.content.decode(Input.self)
        var problems: [(String, String)] = []
        var otherLease: UUID?
        if !homes.isEmpty {
            // A tenant of ours swaps a home of ours: the rules and the move are checked for it.
            if let chosen = input?.home.flatMap(UUID.init(uuidString:)),
                homes.contains(where: { $0.lease_id == chosen })
            {
                otherLease = chosen
            } else {
                problems.append(("home", "swapErrorHome"))
            }
        }
        if input?.confirm != "ja" { problems.append(("confirm", "subtenantErrorConfirm")) }
        guard problems.isEmpty else {
            return try await render(req, page, chosen: input?.home, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard facts.case_status == CaseStatus.open.rawValue else {
            return try await render(req, page, chosen: nil, problems: [])
                .encodeResponse(for: req)
        }
        let now = req.application.dependencies.now()
        try await SigningCodes.sign(
            """
            UPDATE swap_requests SET other_signed_at = \(bind: now), other_lease_id = \(bind: otherLease)
            WHERE id = \(bind: requestID) AND other_person_id = \(bind: principal.id) AND other_signed_at IS NULL
            """,
            event: .swapSigned,
            caseID: facts.case_id,
            by: principal,
            at: now,
            req: req
        )
        try await retitle(facts.case_id, on: try req.sql)
        try await SwapCard.openLandlordCase(ofCase: facts.case_id, req: req)
        return req.redirect(
            to: SiteRoute.myCase(facts.case_id).path(query: [("besked", "bytte")]),
            redirectType: .normal
        )
    }
}
