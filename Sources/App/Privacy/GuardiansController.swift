import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/admin/vaerger`: guardians (værger) administrators register for residents from the court's or
/// the Familieretshus' decision. A guardian acts for the resident like a helper with a fuldmagt
/// that may file requests and has no end; an administrator ends it. The administrator finds the
/// resident by name (the look-up is audited), writes the guardian's name, and sends the guardian
/// the code shown once; the resident is told by letter.
enum GuardiansController {
    struct Context: Encodable {
        let page: PageChrome
        let message: String?
        let code: String?
        let codeFor: String?
        let search: String
        let found: [Resident]
        let guardians: [Guardian]
        /// The guardianships, 50 a page (`?foer=<id>`), found by name and narrowed by state.
        let pager: Pager
        let listAction: String
        let name: String
        /// The state chosen in the list's filter (`?tilstand=`), kept by the resident search.
        let state: String
        let states: OptionList
        let listFiltered: Bool
        let action: String
        let error: String?
        /// The resident whose form the error belongs to.
        let errorPerson: String?
        /// The forms' one-time token: a form sent twice registers one guardian.
        let token: String
    }

    struct Resident: Encodable {
        let id: String
        let name: String
        let address: String
    }

    struct Guardian: Encodable {
        let resident: String
        let guardian: String
        let state: String
        let from: String
        let endAction: String?
    }

    struct ResidentRow: Decodable, AddressRow {
        let id: UUID
        let given_name: String
        let family_name: String
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
    }

    struct GuardianRow: Decodable {
        let id: UUID
        let helper_name: String
        let valid_from: String
        let accepted_at: Date?
        let revoked_at: Date?
        let given_name: String
        let family_name: String
    }

    struct Input: Content {
        var person: String?
        var guardianName: String?
        var token: String?
    }

    /// Where a guardianship stands, as the list narrows to it (`tilstand`).
    enum GuardianState: String, CaseIterable, Sendable {
        /// Taken into use by the guardian.
        case active = "aktiv"
        /// Registered; the guardian has not used the code yet.
        case waiting = "venter"
        /// Ended by staff.
        case ended = "ophoert"
    }

    /// Guardianships on a page of the list.
    static let pageSize = 50

    @Sendable
    static func show(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let message = req.queryValue("besked").flatMap { strings["guardiansNotice_\($0)"] }
        let asked = Asked(req)
        return try await render(req, asked, try await Page.load(asked, on: try req.sql), message: message)
    }

    /// What the page's address asks for: a resident to register for (`q`, two letters at least),
    /// and the list of guardianships found by name (`navn`), narrowed by state (`tilstand`), from
    /// a cursor (`foer`).
    struct Asked: Sendable {
        let search: String
        let named: String?
        let state: GuardianState?
        let cursor: UUID?

        init(search: String, named: String?, state: GuardianState?, cursor: UUID?) {
            (self.search, self.named, self.state, self.cursor) = (search, named, state, cursor)
        }

        init(_ req: Request) {
            let name = (req.queryValue("navn") ?? "").trimmingCharacters(in: .whitespaces)
            self.init(
                search: (req.queryValue("q") ?? "").trimmingCharacters(in: .whitespaces),
                named: name.isEmpty ? nil : String(name.prefix(100)),
                state: req.queryValue("tilstand").flatMap(GuardianState.init(rawValue:)),
                cursor: Keyset.cursor(req)
            )
        }
    }

    /// What the page shows: the residents found to register a guardian for, and a page of the
    /// guardianships (one more than a page, for the pager). Two statements, one when no resident
    /// is searched for.
    struct Page: Sendable {
        let found: [ResidentRow]
        let guardians: [GuardianRow]

        static func load(_ asked: Asked, on sql: any SQLDatabase) async throws -> Page {
            var found: [ResidentRow] = []
            if asked.search.count >= 2 {
                var query: SQLQueryString = """
                    SELECT DISTINCT p.id, p.given_name, p.family_name, d.street, d.house_number, d.floor, d.door,
                      d.postal_code, d.city
                    FROM people p JOIN lease_tenants t ON t.person_id = p.id JOIN leases l ON l.id = t.lease_id
                    JOIN dwellings d ON d.id = l.dwelling_id
                    WHERE l.status <> \(bind: LeaseStatus.ended.rawValue)
                    """
                query += " AND " + Keyset.like("p.given_name || ' ' || p.family_name", asked.search)
                query += " ORDER BY p.family_name, p.given_name, p.id LIMIT 20"
                found = try await sql.raw(query).rows(decoding: ResidentRow.self)
            }
            // Every guardianship, also of a resident who has since moved out: it must stay
            // endable, so the list pages on to the first one ever registered.
            var listed: SQLQueryString = """
                SELECT a.id, a.helper_name, a.valid_from, a.accepted_at, a.revoked_at, g.given_name, g.family_name
                FROM powers_of_attorney a JOIN people g ON g.id = a.grantor_id
                WHERE a.kind = \(bind: PowerOfAttorneyKind.guardian.rawValue)
                """
            if let named = asked.named {
                listed += " AND (" + Keyset.like("g.given_name || ' ' || g.family_name", named) + " OR "
                listed += Keyset.like("a.helper_name", named) + ")"
            }
            switch asked.state {
            case .active: listed += " AND a.revoked_at IS NULL AND a.accepted_at IS NOT NULL"
            case .waiting: listed += " AND a.revoked_at IS NULL AND a.accepted_at IS NULL"
            case .ended: listed += " AND a.revoked_at IS NOT NULL"
            case nil: break
            }
            let guardians = try await sql.raw(
                listed + Keyset.after(asked.cursor, table: "powers_of_attorney", alias: "a", column: "created_at")
                    + " ORDER BY a.created_at DESC, a.id DESC LIMIT \(literal: GuardiansController.pageSize + 1)"
            ).rows(decoding: GuardianRow.self)
            return Page(found: found, guardians: guardians)
        }
    }

    /// The page from what was loaded; the GET and a registration's answer (its code, or its
    /// error) render it alike.
    static func render(
        _ req: Request,
        _ asked: Asked,
        _ loaded: Page,
        message: String?,
        code: (String, String)? = nil,
        error: (String, UUID)? = nil
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (search, named, state, found) = (asked.search, asked.named, asked.state, loaded.found)
        let (guardians, pager) = Pager.page(
            loaded.guardians,
            size: Self.pageSize,
            id: \.id,
            route: .guardians,
            // The list pages on its own: a search for a resident to register (audited) is not run
            // again for each page.
            query: [("navn", named), ("tilstand", state?.rawValue)],
            cursor: asked.cursor
        )
        if !found.isEmpty {
            try await req.audit.record(
                .guardianSearch,
                dataSubjects: found.map(\.id),
                subjectKind: .persons,
                purpose: AuditPurpose("guardianFindResident")
            )
        }
        return try await req.view.render(
            "guardians",
            Context(
                page: await PageChrome.make(for: req, title: strings["guardiansTitle"] ?? ""),
                message: message,
                code: code.map { ActivationCodeText.printed($0.0) },
                codeFor: code?.1,
                search: search,
                found: found.map {
                    Resident(
                        id: $0.id.lowercasedString,
                        name: "\($0.given_name) \($0.family_name)",
                        address: "\($0.addressLine), \($0.postal_code) \($0.city)"
                    )
                },
                guardians: guardians.map {
                    Guardian(
                        resident: "\($0.given_name) \($0.family_name)",
                        guardian: $0.helper_name,
                        state: strings[
                            $0.revoked_at != nil
                                ? "powersState_revoked"
                                : $0.accepted_at == nil ? "guardiansWaiting" : "powersState_active"
                        ] ?? "",
                        from: LocalDate(iso: $0.valid_from).map { DateText.long($0, req.language) } ?? "",
                        endAction: $0.revoked_at == nil ? SiteRoute.guardianEnd($0.id).path : nil
                    )
                },
                pager: pager,
                listAction: SiteRoute.guardians.path,
                name: named ?? "",
                state: state?.rawValue ?? "",
                states: OptionList.choosing(GuardianState.allCases, selected: state, all: strings["filterAll"] ?? "") {
                    strings["guardiansState_\($0.rawValue)"] ?? ""
                },
                listFiltered: named != nil || state != nil,
                action: SiteRoute.guardians.path(query: [("q", search.isEmpty ? nil : search)]),
                error: error?.0,
                errorPerson: error?.1.lowercasedString,
                token: req.application.dependencies.uuid().uuidString
            )
        )
    }

    /// Registers a guardian for a resident; the resident is told by letter at home, and the code
    /// for the guardian is shown once.
    @Sendable
    static func register(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        // A guardian can act for the resident in everything: a fresh login, as for other sensitive changes.
        try req.requireRecentAuthentication(principal, returnTo: SiteRoute.guardians.path)
        let input = try req.content.decode(Input.self)
        let strings = Strings.table(req.language)
        let name = (input.guardianName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let token = input.token.flatMap { UUID(uuidString: $0) == nil ? nil : $0 }
        if let token, try await PowerOfAttorney.query(on: req.db).filter(\.$submissionToken == token).first() != nil {
            return req.redirect(to: SiteRoute.guardians.path(query: [("besked", "already")]), redirectType: .normal)
        }
        guard let personID = input.person.flatMap(UUID.init(uuidString:)),
            let lease = try await currentLease(of: personID, req),
            let person = try await Person.find(personID, on: req.db)
        else { throw Abort(.notFound) }
        guard name.split(separator: " ").count >= 2, name.count <= 200,
            !PowersOfAttorney.nameMatches(name, person.fullName)
        else {
            let asked = Asked(req)
            return try await render(
                req,
                asked,
                try await Page.load(asked, on: try req.sql),
                message: nil,
                error: (strings["guardiansErrorName"] ?? "", personID)
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let letters = req.application.letters()
        // The resident is told on paper at home, so a wrong or hostile registration is seen.
        let letter = try await letters.prepare(
            GeneralLetter(
                subject: MarkupText("Vi har registreret en værge for dig"),
                paragraphs: [
                    "Vi har registreret \(name) som din værge ud fra afgørelsen om værgemål.",
                    "Din værge kan logge ind på Almen med sit eget MitID, se dine sager og breve og sende anmodninger for dig. Alt, værgen gør, kan du se på Almen under Mine oplysninger.",
                    "Er det forkert, så kontakt os straks.",
                ].map { MarkupText($0) }
            ),
            to: personID,
            lease: lease,
            toTheAddress: true
        )
        let dependencies = req.application.dependencies
        let code = try await req.db.transaction { db -> String in
            let (power, code) = try await PowersOfAttorney(database: db, dependencies: dependencies).grant(
                by: personID,
                helperName: name,
                kind: .guardian,
                mayFile: true,
                from: req.today,
                to: nil,
                staff: principal.id,
                token: token
            )
            try await letters.send(letter, createdBy: principal.id, caseID: nil, on: db)
            try await req.audit.record(
                .guardianRegister,
                subjectID: power.id,
                dataSubjectID: personID,
                purpose: AuditPurpose("guardianRegistered", ["name": .same(name)]),
                on: db
            )
            return code
        }
        let asked = Asked(req)
        return try await render(
            req,
            asked,
            try await Page.load(asked, on: try req.sql),
            message: nil,
            code: (code, "\(name) (\(strings["guardiansFor"] ?? "") \(person.fullName))")
        ).encodeResponse(for: req)
    }

    /// What the confirmation before ending a guardianship shows.
    struct EndContext: Encodable {
        let page: PageChrome
        let resident: String
        let guardian: String
        let from: String
        let action: String
        let backHref: String
    }

    /// `GET /admin/vaerger/{id}/afslut`: ending a guardianship is asked once more, with whom it
    /// is for and who the guardian is; one that has ended is gone from here (404).
    @Sendable
    static func confirmEnd(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        guard let id = req.parameters.get("powerID", as: UUID.self),
            let guardianship = try await EndPage.load(id, on: try req.sql)
        else { throw Abort(.notFound) }
        let strings = Strings.table(req.language)
        return try await req.view.render(
            "guardian-end",
            EndContext(
                page: await PageChrome.make(for: req, title: strings["guardiansEndTitle"] ?? ""),
                resident: "\(guardianship.given_name) \(guardianship.family_name)",
                guardian: guardianship.helper_name,
                from: LocalDate(iso: guardianship.valid_from).map { DateText.long($0, req.language) } ?? "",
                action: SiteRoute.guardianEnd(id).path,
                backHref: SiteRoute.guardians.path
            )
        )
    }

    /// What the confirmation before ending shows: a guardianship still in force, with its
    /// resident's name. One statement.
    struct EndPage: Decodable, Sendable {
        let helper_name: String
        let valid_from: String
        let given_name: String
        let family_name: String

        static func load(_ id: UUID, on sql: any SQLDatabase) async throws -> EndPage? {
            try await sql.raw(
                """
                SELECT g.helper_name, g.valid_from, p.given_name, p.family_name
                FROM powers_of_attorney g JOIN people p ON p.id = g.grantor_id
                WHERE g.id = \(bind: id) AND g.kind = \(bind: PowerOfAttorneyKind.guardian.rawValue) AND g.revoked_at IS NULL
                """
            ).first(decoding: EndPage.self)
        }
    }

    /// Ends a guardianship (the decision ended); a session acting on it stops.
    @Sendable
    static func end(_ req: Request) async throws -> Response {
        _ = try req.requireAdministrator()
        guard let id = req.parameters.get("powerID", as: UUID.self),
            let power = try await PowerOfAttorney.find(id, on: req.db), power.kind == .guardian
        else { throw Abort(.notFound) }
        let ended = req.redirect(to: SiteRoute.guardians.path(query: [("besked", "ended")]), redirectType: .normal)
        // Sent twice (a double click, or the confirmation again from the history): ended once.
        guard power.revokedAt == nil else { return ended }
        try await req.application.powersOfAttorney.revoke(id)
        try await req.audit.record(
            .guardianEnd,
            subjectID: id,
            dataSubjectID: power.grantorID,
            purpose: AuditPurpose("guardianEnded", ["name": .same(power.helperName)])
        )
        return ended
    }

    /// A current lease of the resident, for the letter to their home.
    static func currentLease(of personID: UUID, _ req: Request) async throws -> UUID? {
        struct Row: Decodable { let lease_id: UUID }
        return try await req.sql.raw(
            """
            SELECT t.lease_id FROM lease_tenants t JOIN leases l ON l.id = t.lease_id
            WHERE t.person_id = \(bind: personID) AND l.status <> \(bind: LeaseStatus.ended.rawValue)
            ORDER BY t.lease_id LIMIT 1
            """
        ).first(decoding: Row.self)?.lease_id
    }
}
