import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/mit-hjem/lejemaal/{id}/bytte`: a tenant applies to swap homes with the tenant of another
/// home (boligbytte, ALL § 69). The form checks the rules for the tenant's own home as it is
/// sent: more than two persons per habitable room is refused at its field; under 3 years in the
/// home, or more than one person per room, the organisation may refuse, and the preview says so.
/// Sending opens a swap case with a receipt letter and gives the tenant a code for the other
/// tenant, who signs with their own MitID (`SwapSigning`).
enum SwapController {
    struct Context {
        let page: PageChrome
        let address: String
        let leaseHref: String
        let action: String
        /// "form" or "preview".
        let step: String
        /// "Din bolig har 3 værelser. Du flyttede ind 1. maj 2020."
        let dwelling: String
        /// The lease's other tenants, who sign too, each after a letter (`CoTenantSignatures`).
        let coTenants: Int
        let openCaseHref: String?
        /// Why the tenant cannot apply here (the lease is ending).
        let blocked: String?
        let form: Values
        let errors: [String: String]
        let errorList: [FieldError]
        let draftID: String?
        /// The preview: the day, what the rules leave the organisation, and the answer date.
        let dateText: String?
        let mayRefuse: [String]
        let answerBy: String?
    }

    struct Values {
        var otherTenant = ""
        var otherAddress = ""
        var otherLandlord = ""
        var swapDate = ""
        var incomingPersons = ""
        var outgoingPersons = ""
        var confirm = false
    }

    struct Input: Content {
        var otherTenant: String?
        var otherAddress: String?
        var otherLandlord: String?
        var swapDate: String?
        var incomingPersons: String?
        var outgoingPersons: String?
        var confirm: String?
        var step: String?
        var draft: String?
    }

    static let maxText = 200

    struct Loaded {
        let leaseID: UUID
        let lease: MyHomePage.Lease
        let draft: SwapRequest?
        /// A swap of the lease (by any of its tenants) whose case is still open.
        let openCase: UUID?
        /// The lease's tenants: a swap needs all of them behind it.
        let tenants: Int
    }

    /// The tenant's lease, their draft swap (read only when there is one), an open swap case and
    /// how many tenants the lease has; nil when the lease is not theirs.
    static func load(_ leaseID: UUID, of personID: UUID, on db: any Database) async throws -> Loaded? {
        guard let (lease, facts) = try await PartialSublettingController.formLease(leaseID, of: personID, on: db)
        else { return nil }
        var draft: SwapRequest?
        if let id = facts.swap_draft { draft = try await SwapRequest.find(id, on: db) }
        return Loaded(
            leaseID: leaseID,
            lease: lease,
            draft: draft,
            openCase: facts.open_swap,
            tenants: facts.tenants
        )
    }

    /// `load` for the lease the path names (`leaseID`); 404 when it is not the person's.
    static func load(_ req: Request, _ principal: Principal) async throws -> Loaded {
        guard let leaseID = req.parameters.get("leaseID", as: UUID.self),
            let loaded = try await load(leaseID, of: principal.id, on: req.db)
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
        let input = try req.content.decode(Input.self)
        if let open = loaded.openCase, input.step != "send" {
            return req.redirect(to: SiteRoute.myCase(open).path, redirectType: .normal)
        }
        if PartialSublettingController.blocked(loaded.lease) != nil {
            return try await render(req, loaded, step: "form", values: Values(), problems: [])
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        if input.step == "send" {
            // The tenant signs with MitID by sending: a recent login, as for a termination.
            try req.requireRecentAuthentication(principal, returnTo: SiteRoute.mySwap(loaded.leaseID).path)
            guard let draft = loaded.draft, input.draft == draft.id?.lowercasedString else {
                return try await RequestForms.sentAlready(
                    req,
                    .swap,
                    leaseID: loaded.leaseID,
                    form: .mySwap(loaded.leaseID)
                )
            }
            var stored = values(draft)
            stored.confirm = true
            let problems = check(stored, loaded, today: req.today, language: req.language).problems
            guard problems.isEmpty else {
                return try await render(req, loaded, step: "form", values: stored, problems: problems)
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            return try await RequestForms.send(
                req,
                .swap,
                leaseID: loaded.leaseID,
                form: .mySwap(loaded.leaseID),
                otherParty: draft.otherTenant
            ) { try await send(req, principal, loaded, draft) }
        }
        let values = Values(
            otherTenant: DepartmentContactController.clean(input.otherTenant),
            otherAddress: DepartmentContactController.clean(input.otherAddress),
            otherLandlord: DepartmentContactController.clean(input.otherLandlord),
            swapDate: DepartmentContactController.clean(input.swapDate),
            incomingPersons: DepartmentContactController.clean(input.incomingPersons),
            outgoingPersons: DepartmentContactController.clean(input.outgoingPersons),
            confirm: input.confirm == "ja"
        )
        let checked = check(values, loaded, today: req.today, language: req.language)
        let draft = try await saveDraft(req, principal, loaded, checked: checked, values: values)
        let reloaded = Loaded(
            leaseID: loaded.leaseID,
            lease: loaded.lease,
            draft: draft,
            openCase: nil,
            tenants: loaded.tenants
        )
        guard checked.problems.isEmpty, input.step == "preview" else {
            return try await render(req, reloaded, step: "form", values: values, problems: checked.problems)
                .encodeResponse(status: checked.problems.isEmpty ? .ok : .unprocessableEntity, for: req)
        }
        return try await render(req, reloaded, step: "preview", values: values, problems: [])
            .encodeResponse(for: req)
    }

    struct Checked {
        var swapDate: LocalDate?
        var incoming: Int?
        var outgoing: Int?
        var problems: [(String, String)] = []
    }

    /// The form's values, with every problem at its field. Of the rules, only what the
    /// organisation must refuse stops the form: what it may refuse, it decides.
    static func check(_ values: Values, _ loaded: Loaded, today: LocalDate, language: Language = .da) -> Checked {
        var checked = Checked()
        if let problem = FieldError.fullName(values.otherTenant, max: maxText, "swapErrorOtherTenant") {
            checked.problems.append(("otherTenant", problem))
        }
        if let problem = FieldError.requiredText(values.otherAddress, max: maxText, "swapErrorOtherAddress") {
            checked.problems.append(("otherAddress", problem))
        } else if !FieldError.looksLikeAddress(values.otherAddress) {
            checked.problems.append(("otherAddress", "swapErrorOtherAddressIncomplete"))
        }
        if let problem = FieldError.requiredText(values.otherLandlord, max: maxText, "swapErrorOtherLandlord") {
            checked.problems.append(("otherLandlord", problem))
        }
        checked.swapDate = LocalDate(iso: values.swapDate)
        if let date = checked.swapDate {
            if date <= today {
                checked.problems.append(("swapDate", "swapErrorDatePast"))
            } else if date > today.adding(months: 12) {
                checked.problems.append(("swapDate", "subletErrorStartFar"))
            } else if let earliest = earliest(loaded.lease, today: today), date < earliest {
                // A swap is a move-out: the lease ends the day before, with the usual notice.
                let text = Strings.table(language).filled(
                    "swapEarliestDate",
                    ["date": DateText.long(earliest, language)]
                )
                checked.problems.append(("swapDate", "rule:" + text))
            }
        } else {
            checked.problems.append(("swapDate", "swapErrorDate"))
        }
        checked.incoming = RequestForms.number(values.incomingPersons, in: 1...99)
        if checked.incoming == nil { checked.problems.append(("incomingPersons", "swapErrorPersons")) }
        checked.outgoing = RequestForms.number(values.outgoingPersons, in: 1...99)
        if checked.outgoing == nil { checked.problems.append(("outgoingPersons", "swapErrorPersons")) }
        if !values.confirm { checked.problems.append(("confirm", "subletErrorConfirm")) }
        if let incoming = checked.incoming, let verdict = verdict(loaded.lease, persons: incoming, today: today),
            verdict.decision == .mustRefuse
        {
            for reason in verdict.reasons where reason.mustRefuse {
                let rule = text(reason, loaded.lease)
                checked.problems.append(
                    ("incomingPersons", "rule:" + rule.message(in: language))
                )
            }
        }
        checked.problems.sort { order($0.0) < order($1.0) }
        return checked
    }

    /// The first day of a swap applied for `today`: the day after the lease could end at the
    /// earliest if the tenant gave notice today (ALL § 88).
    static func earliest(_ lease: MyHomePage.Lease, today: LocalDate) -> LocalDate? {
        lease.ending(ifReceived: today, .da).flatMap { LocalDate(iso: $0.endDate) }?.adding(days: 1)
    }

    /// What ALL § 69 leaves the organisation for a home whose lease began `lease.start_date`,
    /// when `persons` will live there after the swap.
    static func verdict(_ lease: some SwapSide, persons: Int, today: LocalDate) -> SwapVerdict? {
        guard let movedIn = LocalDate(iso: lease.start_date) else { return nil }
        return SwapRules().check(
            HouseSwap(movedIn: movedIn, applied: today, rooms: lease.habitable_rooms, persons: persons)
        )
    }

    static func text(_ reason: SwapReason, _ lease: some SwapSide) -> RuleReason {
        let movedIn = LocalDate(iso: lease.start_date) ?? LocalDate(year: 2000, month: 1, day: 1)!
        return RulesText.reason(reason, threeYearsOn: SwapRules().eligibleFrom(movedIn: movedIn))
    }

    static let fields = [
        "otherTenant", "otherAddress", "otherLandlord", "swapDate", "incomingPersons", "outgoingPersons", "confirm",
    ]

    static func order(_ field: String) -> Int { fields.firstIndex(of: field) ?? fields.count }

    static func values(_ draft: SwapRequest) -> Values {
        Values(
            otherTenant: draft.otherTenant,
            otherAddress: draft.otherAddress,
            otherLandlord: draft.otherLandlord,
            swapDate: draft.swapDate,
            incomingPersons: draft.incomingPersons > 0 ? String(draft.incomingPersons) : "",
            outgoingPersons: draft.outgoingPersons > 0 ? String(draft.outgoingPersons) : "",
            confirm: false
        )
    }

    static func saveDraft(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        checked: Checked,
        values: Values
    )
        async throws -> SwapRequest
    {
        let draft = loaded.draft ?? SwapRequest()
        if draft.id == nil {
            draft.id = req.application.dependencies.uuid()
            draft.leaseID = loaded.leaseID
            draft.filedBy = principal.id
            draft.status = .draft
        }
        draft.otherTenant = String(values.otherTenant.prefix(maxText))
        draft.otherAddress = String(values.otherAddress.prefix(maxText))
        draft.otherLandlord = String(values.otherLandlord.prefix(maxText))
        draft.swapDate = checked.swapDate?.iso ?? ""
        draft.incomingPersons = checked.incoming ?? 0
        draft.outgoingPersons = checked.outgoing ?? 0
        draft.updatedAt = req.application.dependencies.now()
        try await draft.save(on: req.db)
        return draft
    }

    /// Sends the draft: the case, the draft marked sent with it, the other tenant's code and the
    /// receipt letter, in one transaction. Nil when another request sent it first.
    static func send(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        _ draft: SwapRequest
    ) async throws
        -> (UUID, String)?
    {
        let draftID = try draft.requireID()
        let dependencies = req.application.dependencies
        let opened = LocalDate(dependencies.now(), timeZone: danishTimeZone)
        // Answered before the day of the swap.
        let latest = LocalDate(iso: draft.swapDate).map { CaseDeadlines.bankDay(before: $0) }
        let answerBy = try await CaseDeadlines.answerDate(kind: .swap, opened: opened, latest: latest, on: req.db)
        let letters = req.application.letters()
        let cases = req.application.cases
        let number = try await cases.reserveNumber()
        let receipt = try await letters.prepare(
            receiptLetter(draft, loaded, answerBy: answerBy, number: number),
            to: principal.id,
            lease: loaded.leaseID,
            inCase: "\(number)"
        )
        let coTenants = try await CoTenantSignatures.requests(
            req,
            leaseID: loaded.leaseID,
            filer: principal,
            what: "boligbytte",
            address: loaded.lease.addressLine
        )
        let now = dependencies.now()
        return try await req.db.transaction { db in
            let claimed = try await OnceUpdate.run(
                """
                UPDATE swap_requests SET status = \(bind: SublettingRequestStatus.sent.rawValue), sent_at = \(bind: now)
                WHERE id = \(bind: draftID) AND status = \(bind: SublettingRequestStatus.draft.rawValue)
                """,
                on: db
            )
            guard claimed else { return nil }
            // Another application of the lease opened its case meanwhile: not a second one.
            try await RequestForms.noOpenCase(.swap, of: loaded.leaseID, on: db)
            let title = BilingualWords(
                key: "caseTitle_swap",
                ["address": loaded.lease.addressLine, "other": draft.otherAddress]
            )
            let caseFile = try await cases.open(
                .swap,
                title: title.danish,
                titleEnglish: title.english,
                organisationID: loaded.lease.organisation_id,
                leaseID: loaded.leaseID,
                openedBy: nil,
                number: number,
                on: db
            )
            let caseID = try caseFile.requireID()
            if let latest { try await CaseDeadlines.answer(by: latest, of: caseID, on: db) }
            try await SwapRequest.query(on: db).filter(\.$id == draftID).set(\.$caseID, to: caseID).update()
            let code = try await SigningCodes.issue(SigningCodes.swap, draftID, now: now, on: db)
            try await letters.send(receipt, createdBy: nil, caseID: caseID, on: db)
            for letter in coTenants { try await letters.send(letter, createdBy: nil, caseID: caseID, on: db) }
            return (caseID, code)
        }
    }

    static func receiptLetter(
        _ draft: SwapRequest,
        _ loaded: Loaded,
        answerBy: LocalDate?,
        number: CaseNumber
    )
        -> GeneralLetter
    {
        let day = LocalDate(iso: draft.swapDate).map { DateText.long($0, .da) } ?? draft.swapDate
        var paragraphs = [
            "Vi har modtaget din ansøgning om at bytte \(loaded.lease.addressLine) med boligen hos \(draft.otherTenant), \(draft.otherAddress), fra \(day).",
            "Din sag har nummer \(number). Nævn nummeret, hvis du kontakter os om den.",
            "\(draft.otherTenant) skal også skrive under på ansøgningen med MitID. Giv koden, du fik, da du sendte ansøgningen, til \(draft.otherTenant). Du kan lave en ny kode under Mine sager på Almen.",
            "Vi spørger også udlejeren af den anden bolig, \(draft.otherLandlord). Byttet kræver, at begge udlejere siger ja.",
            "Bliver byttet godkendt, er ansøgningen også din opsigelse: dit lejemål slutter dagen før, I bytter.",
        ]
        if let answerBy {
            paragraphs.append(
                "En sagsbehandler ser på sagen og svarer dig senest \(DateText.long(answerBy, .da)), hvis vi har alle svar til den tid."
            )
        }
        return GeneralLetter(
            subject: MarkupText("Kvittering for din ansøgning om boligbytte af \(loaded.lease.addressLine)"),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }

    static func dwelling(_ lease: MyHomePage.Lease, today: LocalDate, _ language: Language) -> String {
        let rooms = lease.habitable_rooms
        let movedIn = LocalDate(iso: lease.start_date).map { DateText.long($0, language) } ?? lease.start_date
        let earliest = earliest(lease, today: today).map { DateText.long($0, language) } ?? ""
        return Strings.table(language).counted(
            "swapDwelling",
            rooms,
            ["rooms": "\(rooms)", "twice": "\(2 * rooms)", "movedIn": movedIn, "earliest": earliest]
        )
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
            labelKey: { $0 == "confirm" ? "subletConfirmLabel" : "swapField_\($0)" },
            strings
        )
        let preview = step == "preview"
        let opened = LocalDate(req.application.dependencies.now(), timeZone: danishTimeZone)
        let mayRefuse: [String] =
            preview
            ? (verdict(loaded.lease, persons: Int(values.incomingPersons) ?? 0, today: req.today)?.reasons ?? [])
                .map { reason in
                    let text = text(reason, loaded.lease)
                    return text.message(in: language)
                } : []
        let context = Context(
            page: await PageChrome.make(for: req, title: strings["swapTitle"] ?? ""),
            address: "\(loaded.lease.addressLine), \(loaded.lease.postal_code) \(loaded.lease.city)",
            leaseHref: SiteRoute.myLease(loaded.leaseID).path,
            action: SiteRoute.mySwap(loaded.leaseID).path,
            step: step,
            dwelling: dwelling(loaded.lease, today: req.today, language),
            coTenants: loaded.tenants - 1,
            openCaseHref: loaded.openCase.map { SiteRoute.myCase($0).path },
            blocked: PartialSublettingController.blocked(loaded.lease).flatMap {
                strings[$0]
            },
            form: values,
            errors: errors,
            errorList: errorList,
            draftID: loaded.draft?.id?.lowercasedString,
            dateText: preview ? LocalDate(iso: values.swapDate).map { DateText.long($0, language) } : nil,
            mayRefuse: mayRefuse,
            answerBy: preview
                ? try await CaseDeadlines.answerDate(
                    kind: .swap,
                    opened: opened,
                    latest: LocalDate(iso: values.swapDate).map { CaseDeadlines.bankDay(before: $0) },
                    on: req.db
                ).map {
                    DateText.long($0, language)
                } : nil
        )
        return CompiledView.view(context.page, body: context.body(HTMLText(language)))
    }
}

/// A home's side of a swap: when its lease began and its habitable rooms.
protocol SwapSide {
    var start_date: String { get }
    var habitable_rooms: Int { get }
}

extension MyHomePage.Lease: SwapSide {}
