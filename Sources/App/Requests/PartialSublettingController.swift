import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/mit-hjem/lejemaal/{id}/fremleje`: a tenant tells the organisation they let rooms of their
/// home (delvis fremleje, ALL § 70). The form checks the rules against the dwelling's rooms and
/// area as it is sent; the preview keeps a draft with the signed agreement (so a mistake does not
/// mean attaching it again); sending opens a sub-letting case, whose answer date the preview
/// promises, with a receipt letter to the tenant through the channel rule.
enum PartialSublettingController {
    struct Context {
        let page: PageChrome
        let address: String
        let leaseHref: String
        let action: String
        /// "form" or "preview".
        let step: String
        /// "Din bolig har 3 værelser (75 m²). Du kan højst fremleje 1 værelse.", or that a
        /// one-room home cannot be let in part.
        let dwelling: String
        let canLet: Bool
        /// The help article on letting the whole home, for a one-room home.
        let wholeHref: String
        /// The lease's open sub-letting case, instead of a second notice of the same.
        let openCaseHref: String?
        /// Why the tenant cannot give notice of this here: the lease is ending.
        let blocked: String?
        let rooms: Int
        /// "Nu bor der 2 personer i boligen.": the occupants are more.
        let household: String
        /// The partial sub-letting approved before and not ended ("Du har allerede fået godkendt
        /// fremleje af 1 værelse fra 1. februar 2027."), with the tick that says it has ended.
        let earlier: String?
        let form: Values
        let errors: [String: String]
        let errorList: [FieldError]
        /// The agreement kept with the draft: its kind and size ("PDF, 120 kB").
        let attached: String?
        let draftID: String?
        /// The preview: when it starts, and the answer date the tenant is promised.
        let startText: String?
        let answerBy: String?
    }

    struct Values {
        var letRooms = ""
        var occupants = ""
        var letArea = ""
        var startDate = ""
        var subtenants = ""
        var confirm = false
        /// The partial sub-letting approved before has ended (asked only when there is one).
        var earlierEnded = false
    }

    struct Input: Content {
        var letRooms: String?
        var occupants: String?
        var letArea: String?
        var startDate: String?
        var subtenants: String?
        var confirm: String?
        var earlierEnded: String?
        var agreement: File?
        var step: String?
        var draft: String?
    }

    static let maxSubtenants = 300

    struct Loaded {
        let leaseID: UUID
        let lease: MyHomePage.Lease
        let draft: SublettingRequest?
        /// Who lives there now, tenants and household members: the occupants are more.
        let household: Int
        /// A notice of the lease's (by any of its tenants) whose case is still open: a second one
        /// would be the same matter twice.
        var openCase: UUID? = nil
        /// The lease's tenants: the whole home is let only with all of them behind it.
        var tenants: Int = 1
        /// The partial sub-letting approved before and not ended: its rooms, everyone who lives
        /// there with it, and its first day (YYYY-MM-DD).
        var earlier: Earlier? = nil

        struct Earlier {
            let rooms: Int
            let occupants: Int
            let since: String
        }

        /// Who lives there now, with the sub-tenants of the earlier sub-letting unless it ended.
        func livingThere(earlierEnded: Bool) -> Int {
            earlierEnded ? household : max(household, earlier?.occupants ?? 0)
        }
    }

    /// The lease's open case of `kind` (any of its tenants', filed here or opened by staff): a
    /// second application would be the same matter twice.
    static func openCase(_ kind: CaseKind, of leaseID: UUID, on db: any Database) async throws -> UUID? {
        try await CaseFile.query(on: db).filter(\.$lease.$id == leaseID).filter(\.$kind == kind)
            .filter(\.$status == .open).first()?.id
    }

    /// Raised inside a send's transaction when the lease got an open case of the kind meanwhile.
    struct AlreadyOpen: Error { let caseID: UUID }

    /// Why a tenant cannot give notice of sub-letting or apply to swap here, as a `strings` key:
    /// the lease is ending. (Co-tenants sign the application on its case: `CoTenantSignatures`.)
    static func blocked(_ lease: MyHomePage.Lease) -> String? {
        lease.status != LeaseStatus.active.rawValue || lease.pending_notice == 1 ? "requestBlockedEnding" : nil
    }

    /// What a sub-letting or swap form needs besides the lease, in one statement: the person's
    /// draft of each kind, the lease's open case of each kind (anyone's: a second application
    /// would be the same matter twice), and how many tenants and household members it has.
    struct FormFacts: Decodable, Sendable {
        let partial_draft: UUID?
        let whole_draft: UUID?
        let swap_draft: UUID?
        let open_subletting: UUID?
        let open_swap: UUID?
        let tenants: Int
        let household_members: Int
        /// The partial sub-lettings approved and not ended: their rooms, the most occupants any
        /// gave, and the first day of the earliest.
        let approved_rooms: Int
        let approved_occupants: Int
        let approved_since: String?
    }

    struct FormFactsQuery: PreparedQuery {
        typealias Row = FormFacts
        let leaseID: UUID
        let personID: UUID
        static let sql = """
            SELECT
              (SELECT r.id FROM subletting_requests r WHERE r.lease_id = $1 AND r.filed_by = $2 AND r.status = $3
                AND r.kind = $4 LIMIT 1) AS partial_draft,
              (SELECT r.id FROM subletting_requests r WHERE r.lease_id = $1 AND r.filed_by = $2 AND r.status = $3
                AND r.kind = $5 LIMIT 1) AS whole_draft,
              (SELECT s.id FROM swap_requests s WHERE s.lease_id = $1 AND s.filed_by = $2 AND s.status = $3 LIMIT 1)
                AS swap_draft,
              (SELECT c.id FROM cases c WHERE c.lease_id = $1 AND c.kind = $6 AND c.status = $8 LIMIT 1) AS open_subletting,
              (SELECT c.id FROM cases c WHERE c.lease_id = $1 AND c.kind = $7 AND c.status = $8 LIMIT 1) AS open_swap,
              (SELECT COUNT(*) FROM lease_tenants t WHERE t.lease_id = $1) AS tenants,
              (SELECT COUNT(*) FROM household_members h WHERE h.lease_id = $1) AS household_members,
              a.approved_rooms, a.approved_occupants, a.approved_since
            FROM (SELECT CAST(COALESCE(SUM(r.let_rooms), 0) AS BIGINT) AS approved_rooms,
                COALESCE(MAX(r.occupants), 0) AS approved_occupants, MIN(r.start_date) AS approved_since
              FROM subletting_requests r WHERE r.lease_id = $1 AND r.kind = $4 AND r.status = $9 AND r.ended_at IS NULL
                AND EXISTS (SELECT 1 FROM case_decisions d WHERE d.case_id = r.case_id AND d.outcome = $10)) a
            """
        var binds: [SQLValue] {
            [
                .uuid(leaseID), .uuid(personID), .text(SublettingRequestStatus.draft.rawValue),
                .text(SublettingKind.partial.rawValue), .text(SublettingKind.whole.rawValue),
                .text(CaseKind.subletting.rawValue), .text(CaseKind.swap.rawValue), .text(CaseStatus.open.rawValue),
                .text(SublettingRequestStatus.sent.rawValue), .text(DecisionOutcome.approved.rawValue),
            ]
        }
    }

    /// The person's lease and what its request forms need (`FormFacts`), nil when it is not
    /// theirs: two statements.
    static func formLease(
        _ leaseID: UUID,
        of personID: UUID,
        on db: any Database
    ) async throws -> (MyHomePage.Lease, FormFacts)? {
        guard let lease = try await MyHomePage.lease(leaseID, of: personID, on: db),
            let facts = try await FormFactsQuery(leaseID: leaseID, personID: personID).first(on: db)
        else { return nil }
        return (lease, facts)
    }

    /// The tenant's lease, their draft of `kind` (read only when there is one), who lives there,
    /// and an open sub-letting case of either kind; nil when the lease is not theirs.
    static func load(
        _ leaseID: UUID,
        of personID: UUID,
        kind: SublettingKind,
        on db: any Database
    ) async throws -> Loaded? {
        guard let (lease, facts) = try await formLease(leaseID, of: personID, on: db) else { return nil }
        var draft: SublettingRequest?
        if let id = kind == .partial ? facts.partial_draft : facts.whole_draft {
            draft = try await SublettingRequest.find(id, on: db)
        }
        return Loaded(
            leaseID: leaseID,
            lease: lease,
            draft: draft,
            household: max(1, facts.tenants + facts.household_members),
            openCase: facts.open_subletting,
            tenants: facts.tenants,
            earlier: facts.approved_rooms > 0
                ? Loaded.Earlier(
                    rooms: facts.approved_rooms,
                    occupants: facts.approved_occupants,
                    since: facts.approved_since ?? ""
                ) : nil
        )
    }

    /// `load` for the lease the path names (`leaseID`); 404 when it is not the person's.
    static func load(_ req: Request, _ principal: Principal, kind: SublettingKind = .partial) async throws -> Loaded {
        guard let leaseID = req.parameters.get("leaseID", as: UUID.self),
            let loaded = try await load(leaseID, of: principal.id, kind: kind, on: req.db)
        else { throw Abort(.notFound) }
        return loaded
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let loaded = try await load(req, principal)
        var form = loaded.draft.map(values) ?? Values()
        form.confirm = loaded.draft != nil && RequestForms.backFromPreview(req)
        return try await render(req, loaded, step: "form", values: form, problems: [])
    }

    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let loaded = try await load(req, principal)
        let input = try await req.decodeForm(Input.self)
        if let open = loaded.openCase, input.step != "send" {
            return req.redirect(to: SiteRoute.myCase(open).path, redirectType: .normal)
        }
        if blocked(loaded.lease) != nil {
            return try await render(req, loaded, step: "form", values: Values(), problems: [])
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        if input.step == "send" {
            guard let draft = loaded.draft, input.draft == draft.id?.lowercasedString else {
                // Sent already (a double click, the back button): the case it became.
                if let sent = try await SublettingRequest.query(on: req.db).filter(\.$leaseID == loaded.leaseID)
                    .filter(\.$filedBy == principal.id).filter(\.$status == .sent).filter(\.$kind == .partial).sort(
                        \.$sentAt,
                        .descending
                    ).first(),
                    let caseID = sent.caseID
                {
                    return req.redirect(to: SiteRoute.myCase(caseID).path, redirectType: .normal)
                }
                return req.redirect(to: SiteRoute.mySubletting(loaded.leaseID).path, redirectType: .normal)
            }
            // The tick was given on the form the preview came from; the rules are checked again
            // (a draft of last week may start in the past by now).
            var stored = values(draft)
            stored.confirm = true
            let problems = check(
                stored,
                loaded,
                hasAgreement: draft.agreement != nil,
                today: req.today,
                language: req.language
            ).problems
            guard problems.isEmpty else {
                return try await render(req, loaded, step: "form", values: stored, problems: problems)
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            let caseID: UUID
            do {
                caseID = try await send(req, principal, loaded, draft)
            } catch let open as AlreadyOpen {
                return req.redirect(to: SiteRoute.myCase(open.caseID).path, redirectType: .normal)
            }
            return req.redirect(
                to: SiteRoute.myCase(caseID).path(query: [("besked", "fremleje")]),
                redirectType: .normal
            )
        }
        let values = Values(
            letRooms: DepartmentContactController.clean(input.letRooms),
            occupants: DepartmentContactController.clean(input.occupants),
            letArea: DepartmentContactController.clean(input.letArea),
            startDate: DepartmentContactController.clean(input.startDate),
            subtenants: DepartmentContactController.clean(input.subtenants),
            confirm: input.confirm == "ja",
            earlierEnded: loaded.earlier != nil && input.earlierEnded == "ja"
        )
        // An attached file is checked on its own, and kept with the draft when it is good.
        var problems: [(String, String)] = []
        let agreement = RequestForms.attachment(input.agreement, field: "agreement", into: &problems)
        let hasAgreement = agreement != nil || loaded.draft?.agreement != nil
        let checked = check(
            values,
            loaded,
            hasAgreement: hasAgreement || !problems.isEmpty,
            today: req.today,
            language: req.language
        )
        problems = (checked.problems + problems).sorted { order($0.0) < order($1.0) }
        // The draft keeps what was typed and a good agreement, errors or not.
        let draft = try await saveDraft(req, principal, loaded, checked: checked, values: values, agreement: agreement)
        let reloaded = Loaded(
            leaseID: loaded.leaseID,
            lease: loaded.lease,
            draft: draft,
            household: loaded.household,
            openCase: nil,
            earlier: loaded.earlier
        )
        guard problems.isEmpty, input.step == "preview" else {
            return try await render(req, reloaded, step: "form", values: values, problems: problems)
                .encodeResponse(status: problems.isEmpty ? .ok : .unprocessableEntity, for: req)
        }
        return try await render(req, reloaded, step: "preview", values: values, problems: [])
            .encodeResponse(for: req)
    }

    /// The form's values as numbers and a date, with every problem at its field: the rules of
    /// ALL § 70 against the dwelling's rooms and area, a start from today on, the sub-tenants'
    /// names, the agreement and the tick.
    struct Checked {
        var letRooms: Int?
        var occupants: Int?
        var letArea: Int?
        var start: LocalDate?
        var problems: [(String, String)] = []
    }

    static func check(
        _ values: Values,
        _ loaded: Loaded,
        hasAgreement: Bool,
        today: LocalDate,
        language: Language
    ) -> Checked {
        var checked = Checked()
        let rooms = loaded.lease.habitable_rooms
        checked.letRooms = RequestForms.number(values.letRooms, in: 1...max(1, rooms))
        if checked.letRooms == nil {
            // More rooms than the home has is said with its number ("boligens 3 værelser"), not
            // as a number mistyped. (A home of one room lets none: its rule says so.)
            if rooms > 1, let typed = RequestForms.number(values.letRooms, in: 1...9_999), typed > rooms {
                let words = Strings.table(language).filled("rulesError_moreRoomsLet", ["rooms": String(rooms)])
                checked.problems.append(("letRooms", "rule:" + words))
            } else {
                checked.problems.append(("letRooms", "subletErrorLetRooms"))
            }
        }
        checked.occupants = RequestForms.number(values.occupants, in: 1...99)
        if checked.occupants == nil { checked.problems.append(("occupants", "subletErrorOccupants")) }
        if !values.letArea.isEmpty {
            checked.letArea = RequestForms.number(values.letArea, in: 1...max(1, loaded.lease.floor_area_m2))
            if checked.letArea == nil { checked.problems.append(("letArea", "subletErrorLetArea")) }
        }
        checked.start = LocalDate(iso: values.startDate)
        if let start = checked.start {
            if start < today {
                checked.problems.append(("startDate", "subletErrorStartPast"))
            } else if start > today.adding(months: 12) {
                checked.problems.append(("startDate", "subletErrorStartFar"))
            }
        } else {
            checked.problems.append(("startDate", "subletErrorStart"))
        }
        if let problem = FieldError.requiredText(values.subtenants, max: maxSubtenants, "subletErrorSubtenants") {
            checked.problems.append(("subtenants", problem))
        }
        if !hasAgreement { checked.problems.append(("agreement", "subletErrorAgreement")) }
        if !values.confirm { checked.problems.append(("confirm", "subletErrorConfirm")) }
        // Each rule on its own figure, so a wrong one does not hide another's rule.
        if checked.letRooms != nil || checked.occupants != nil || checked.letArea != nil {
            // A sub-letting approved before counts, its rooms and its sub-tenants, until the
            // tenant says it has ended.
            let request = PartialSubletting(
                rooms: rooms,
                letRooms: checked.letRooms ?? 0,
                occupants: checked.occupants ?? 0,
                household: loaded.livingThere(earlierEnded: values.earlierEnded),
                areaM2: loaded.lease.floor_area_m2,
                letAreaM2: checked.letArea,
                alreadyLetRooms: values.earlierEnded ? 0 : loaded.earlier?.rooms ?? 0
            )
            let reasons = SublettingRules().check(request)
            for reason in reasons where reason != .tooFewOccupants || checked.occupants != nil {
                let field =
                    switch reason {
                    case .tooManyRoomsLet: "letRooms"
                    case .tooManyOccupants, .tooFewOccupants: "occupants"
                    case .tooMuchAreaLet: "letArea"
                    }
                // The rule's own words, with the dwelling's figures ("rule:" marks them as such).
                checked.problems.append((field, "rule:" + RulesText.reason(reason, request).message(in: language)))
            }
            // Refused only because the earlier sub-letting counts: the tick that says it ended may
            // be the answer, so it is pointed to.
            let counted: (PartialSublettingReason) -> Bool = { $0 == .tooManyRoomsLet || $0 == .tooFewOccupants }
            let withoutEarlier = PartialSubletting(
                rooms: rooms,
                letRooms: checked.letRooms ?? 0,
                occupants: checked.occupants ?? 0,
                household: loaded.household,
                areaM2: loaded.lease.floor_area_m2,
                letAreaM2: checked.letArea
            )
            if loaded.earlier != nil, !values.earlierEnded, reasons.contains(where: counted),
                !SublettingRules().check(withoutEarlier).contains(where: counted)
            {
                checked.problems.append(("earlierEnded", "partialEarlierError"))
            }
        }
        checked.problems.sort { order($0.0) < order($1.0) }
        return checked
    }

    /// The fields in the form's order, which the error summary follows.
    static let fields = [
        "startDate", "earlierEnded", "letRooms", "occupants", "letArea", "subtenants", "agreement", "confirm",
    ]

    static func order(_ field: String) -> Int { fields.firstIndex(of: field) ?? fields.count }

    static func values(_ draft: SublettingRequest) -> Values {
        Values(
            letRooms: draft.letRooms > 0 ? String(draft.letRooms) : "",
            occupants: draft.occupants > 0 ? String(draft.occupants) : "",
            letArea: draft.letAreaM2.map(String.init) ?? "",
            startDate: draft.startDate,
            subtenants: draft.subtenants,
            confirm: false,
            earlierEnded: draft.earlierEnded == true
        )
    }

    /// Saves the form as the tenant's draft for the lease (one per tenant and lease).
    static func saveDraft(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        checked: Checked,
        values: Values,
        agreement: (Data, String)?
    ) async throws -> SublettingRequest {
        let draft = loaded.draft ?? SublettingRequest()
        if draft.id == nil {
            draft.id = req.application.dependencies.uuid()
            draft.leaseID = loaded.leaseID
            draft.filedBy = principal.id
            draft.status = .draft
            draft.kind = .partial
        }
        draft.letRooms = checked.letRooms ?? 0
        draft.occupants = checked.occupants ?? 0
        draft.letAreaM2 = checked.letArea
        draft.startDate = checked.start?.iso ?? ""
        draft.subtenants = String(values.subtenants.prefix(maxSubtenants))
        draft.earlierEnded = values.earlierEnded ? true : nil
        if let (data, type) = agreement {
            draft.agreement = data
            draft.agreementType = type
        }
        draft.updatedAt = req.application.dependencies.now()
        try await draft.save(on: req.db)
        return draft
    }

    /// Sends the draft: the case, the draft marked sent with it, and the receipt letter, in one
    /// transaction; the draft's row decides a double click (only one changes it from draft).
    static func send(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        _ draft: SublettingRequest
    ) async throws
        -> UUID
    {
        let draftID = try draft.requireID()
        let opened = LocalDate(req.application.dependencies.now(), timeZone: danishTimeZone)
        let answerBy = try await CaseDeadlines.answerDate(kind: .subletting, opened: opened, latest: nil, on: req.db)
        let letters = req.application.letters()
        let cases = req.application.cases
        let number = try await cases.reserveNumber()
        let receipt = try await letters.prepare(
            receiptLetter(draft, loaded, answerBy: answerBy, number: number),
            to: principal.id,
            lease: loaded.leaseID,
            inCase: "\(number)"
        )
        let now = req.application.dependencies.now()
        let address = loaded.lease.addressLine
        let title = BilingualWords(key: "caseTitle_partialSubletting", ["address": address])
        let caseID: UUID? = try await req.db.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            struct Row: Decodable { let id: UUID }
            let claimed = try await sql.raw(
                """
                UPDATE subletting_requests SET status = \(bind: SublettingRequestStatus.sent.rawValue), sent_at = \(bind: now)
                WHERE id = \(bind: draftID) AND status = \(bind: SublettingRequestStatus.draft.rawValue) RETURNING id
                """
            ).first(decoding: Row.self)
            guard claimed != nil else { return nil }
            // Another application of the lease opened its case meanwhile: not a second one.
            try await RequestForms.noOpenCase(.subletting, of: loaded.leaseID, on: db)
            let caseFile = try await cases.open(
                .subletting,
                title: title.danish,
                titleEnglish: title.english,
                organisationID: loaded.lease.organisation_id,
                leaseID: loaded.leaseID,
                openedBy: nil,
                number: number,
                on: db
            )
            let caseID = try caseFile.requireID()
            try await SublettingRequest.query(on: db).filter(\.$id == draftID).set(\.$caseID, to: caseID).update()
            // The tenant says the sub-letting approved before has ended: it counts no more.
            if draft.earlierEnded == true {
                try await SublettingRequest.query(on: db).filter(\.$leaseID == loaded.leaseID)
                    .filter(\.$kind == .partial).filter(\.$status == .sent).filter(\.$endedAt == nil)
                    .filter(\.$id != draftID).set(\.$endedAt, to: now).update()
            }
            try await letters.send(receipt, createdBy: nil, caseID: caseID, on: db)
            return caseID
        }
        if let caseID { return caseID }
        guard let sent = try await SublettingRequest.find(draftID, on: req.db)?.caseID else {
            throw Abort(.conflict)
        }
        return sent
    }

    static func receiptLetter(
        _ draft: SublettingRequest,
        _ loaded: Loaded,
        answerBy: LocalDate?,
        number: CaseNumber
    ) -> GeneralLetter {
        let start = LocalDate(iso: draft.startDate).map { DateText.long($0, .da) } ?? draft.startDate
        var paragraphs = [
            "Vi har modtaget din anmeldelse af delvis fremleje af \(loaded.lease.addressLine) fra \(start).",
            "Din sag har nummer \(number). Nævn nummeret, hvis du kontakter os om den.",
            "Du fremlejer \(draft.letRooms) af boligens \(loaded.lease.habitable_rooms) værelser til \(draft.subtenants), og I bliver \(draft.occupants) personer i boligen i alt.",
        ]
        if let answerBy {
            paragraphs.append(
                "En sagsbehandler ser på sagen og svarer dig senest \(DateText.long(answerBy, .da)). Du kan følge sagen under Mine sager på Almen."
            )
        }
        return GeneralLetter(
            subject: MarkupText("Kvittering: delvis fremleje af \(loaded.lease.addressLine)"),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }

    static func dwelling(_ lease: MyHomePage.Lease, _ language: Language) -> String {
        let rooms = lease.habitable_rooms
        let most = rooms / 2
        let strings = Strings.table(language)
        let has = strings.counted(
            "partialDwelling",
            rooms,
            ["rooms": "\(rooms)", "area": "\(lease.floor_area_m2)"]
        )
        let may = strings.filled(
            most == 0 ? "partialMost_none" : most == 1 ? "partialMost_one" : "partialMost_other",
            ["n": "\(most)"]
        )
        return has + " " + may
    }

    static func render(
        _ req: Request,
        _ loaded: Loaded,
        step: String,
        values: Values,
        problems: [(String, String)]
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, $0.1.hasPrefix("rule:") ? String($0.1.dropFirst(5)) : strings[$0.1] ?? "") },
            labelKey: { $0 == "confirm" ? "subletConfirmLabel" : "subletField_\($0)" },
            strings
        )
        let draft = loaded.draft
        let start = LocalDate(iso: values.startDate)
        let opened = LocalDate(req.application.dependencies.now(), timeZone: danishTimeZone)
        let context = Context(
            page: await PageChrome.make(for: req, title: strings["subletTitle"] ?? ""),
            address: "\(loaded.lease.addressLine), \(loaded.lease.postal_code) \(loaded.lease.city)",
            leaseHref: SiteRoute.myLease(loaded.leaseID).path,
            action: SiteRoute.mySubletting(loaded.leaseID).path,
            step: step,
            dwelling: dwelling(loaded.lease, language),
            canLet: loaded.lease.habitable_rooms >= 2,
            wholeHref: SiteRoute.myWholeSubletting(loaded.leaseID).path,
            openCaseHref: loaded.openCase.map { SiteRoute.myCase($0).path },
            blocked: blocked(loaded.lease).flatMap { strings[$0] },
            rooms: loaded.lease.habitable_rooms,
            household: Strings.table(language).counted(
                loaded.earlier == nil || values.earlierEnded ? "partialHousehold" : "partialHouseholdSublet",
                loaded.livingThere(earlierEnded: values.earlierEnded),
                ["n": "\(loaded.livingThere(earlierEnded: values.earlierEnded))"]
            ),
            earlier: loaded.earlier.map { earlier in
                strings.counted(
                    "partialEarlier",
                    earlier.rooms,
                    [
                        "rooms": "\(earlier.rooms)",
                        "since": LocalDate(iso: earlier.since).map { DateText.short($0, language) } ?? "",
                    ]
                )
            },
            form: values,
            errors: errors,
            errorList: errorList,
            attached: WholeSublettingController.fileText(draft?.agreement, type: draft?.agreementType, strings),
            draftID: draft?.id?.lowercasedString,
            startText: step == "preview" ? start.map { DateText.long($0, language) } : nil,
            answerBy: step == "preview"
                ? try await CaseDeadlines.answerDate(kind: .subletting, opened: opened, latest: nil, on: req.db).map {
                    DateText.long($0, language)
                } : nil
        )
        return CompiledView.view(context.page, body: context.body(HTMLText(language)))
    }
}
