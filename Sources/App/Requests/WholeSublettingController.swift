import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/mit-hjem/lejemaal/{id}/fremleje-hele`: a tenant applies to let the whole home while away
/// (fremleje, ALL §§ 66 and 71). The form checks the rules as it is sent: at most 2 years, at
/// least 2 weeks before the start, one person per habitable room, a rent no higher than the
/// tenant's own. The preview keeps a draft with the documentation and the agreement. Sending
/// opens a sub-letting case with a receipt letter and gives the tenant a code for the sub-tenant,
/// who signs the application with their own MitID (`SubtenantSigning`); the case is decided
/// once both have signed.
enum WholeSublettingController {
    struct Context {
        let page: PageChrome
        let address: String
        let leaseHref: String
        let action: String
        /// "form" or "preview".
        let step: String
        /// "Din bolig har 3 værelser, og din husleje er 5.808,00 kr. om måneden."
        let dwelling: String
        /// The lease's other tenants, who sign too, each after a letter (`CoTenantSignatures`).
        let coTenants: Int
        let openCaseHref: String?
        /// Why the tenant cannot apply here (the lease is ending).
        let blocked: String?
        let form: Values
        let reasons: [SelectOption]
        let errors: [String: String]
        let errorList: [FieldError]
        /// The files kept with the draft: kind and size ("PDF, 120 kB").
        let documentation: String?
        let agreement: String?
        let draftID: String?
        /// The preview: the period, the reason's words, the rent, and the answer date.
        let period: String?
        let reasonText: String?
        let rentText: String?
        /// The reason is none the statute names: the organisation judges whether it is similar.
        let otherReason: Bool
        let answerBy: String?
    }

    struct Values {
        var reason = ""
        var reasonText = ""
        var startDate = ""
        var endDate = ""
        var subtenant = ""
        var persons = ""
        var rent = ""
        var confirm = false
    }

    struct Input: Content {
        var reason: String?
        var reasonText: String?
        var startDate: String?
        var endDate: String?
        var subtenant: String?
        var persons: String?
        var rent: String?
        var confirm: String?
        var documentation: File?
        var agreement: File?
        var step: String?
        var draft: String?
    }

    static let maxReasonText = 1000
    static let maxSubtenant = 200
    /// A month's rent above this is a typing mistake.
    static let maxRent = Money(kroner: 100_000)

    typealias Loaded = PartialSublettingController.Loaded

    static func load(_ req: Request, _ principal: Principal) async throws -> Loaded {
        try await PartialSublettingController.load(req, principal, kind: .whole)
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let loaded = try await load(req, principal)
        var form = loaded.draft.map { values($0, req.language) } ?? Values()
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
        if PartialSublettingController.blocked(loaded.lease) != nil {
            return try await render(req, loaded, step: "form", values: Values(), problems: [])
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        if input.step == "send" {
            // The tenant signs with MitID by sending: a recent login, as for a termination.
            try req.requireRecentAuthentication(principal, returnTo: SiteRoute.myWholeSubletting(loaded.leaseID).path)
            guard let draft = loaded.draft, input.draft == draft.id?.lowercasedString else {
                return try await RequestForms.sentAlready(
                    req,
                    .subletting,
                    leaseID: loaded.leaseID,
                    form: .myWholeSubletting(loaded.leaseID)
                )
            }
            // The rules are checked again: a draft of last week may start too soon by now.
            var stored = values(draft, req.language)
            stored.confirm = true
            let problems = check(
                stored,
                loaded,
                files: (draft.documentation != nil, draft.agreement != nil),
                today: req.today,
                language: req.language
            ).problems
            guard problems.isEmpty else {
                return try await render(req, loaded, step: "form", values: stored, problems: problems)
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            return try await RequestForms.send(
                req,
                .subletting,
                leaseID: loaded.leaseID,
                form: .myWholeSubletting(loaded.leaseID),
                otherParty: draft.subtenants
            ) { try await send(req, principal, loaded, draft) }
        }
        let values = Values(
            reason: DepartmentContactController.clean(input.reason),
            reasonText: DepartmentContactController.clean(input.reasonText),
            startDate: DepartmentContactController.clean(input.startDate),
            endDate: DepartmentContactController.clean(input.endDate),
            subtenant: DepartmentContactController.clean(input.subtenant),
            persons: DepartmentContactController.clean(input.persons),
            rent: DepartmentContactController.clean(input.rent),
            confirm: input.confirm == "ja"
        )
        // Each attached file is checked on its own, and kept with the draft when it is good.
        var problems: [(String, String)] = []
        let documentation = RequestForms.attachment(input.documentation, field: "documentation", into: &problems)
        let agreement = RequestForms.attachment(input.agreement, field: "agreement", into: &problems)
        let files = (
            documentation != nil || loaded.draft?.documentation != nil || problems.contains { $0.0 == "documentation" },
            agreement != nil || loaded.draft?.agreement != nil || problems.contains { $0.0 == "agreement" }
        )
        let checked = check(values, loaded, files: files, today: req.today, language: req.language)
        problems = (checked.problems + problems).sorted { order($0.0) < order($1.0) }
        let draft = try await saveDraft(
            req,
            principal,
            loaded,
            checked: checked,
            values: values,
            documentation: documentation,
            agreement: agreement
        )
        let reloaded = Loaded(
            leaseID: loaded.leaseID,
            lease: loaded.lease,
            draft: draft,
            household: loaded.household,
            openCase: nil,
            tenants: loaded.tenants
        )
        guard problems.isEmpty, input.step == "preview" else {
            return try await render(req, reloaded, step: "form", values: values, problems: problems)
                .encodeResponse(status: problems.isEmpty ? .ok : .unprocessableEntity, for: req)
        }
        return try await render(req, reloaded, step: "preview", values: values, problems: [])
            .encodeResponse(for: req)
    }

    /// The form's values as a reason, dates, a number and an amount, with every problem at its
    /// field: the rules of ALL §§ 66 and 71 on the figures that could be read, each on its own.
    struct Checked {
        var reason: AbsenceReason?
        var start: LocalDate?
        var end: LocalDate?
        var persons: Int?
        var rent: Money?
        var problems: [(String, String)] = []
    }

    static func check(
        _ values: Values,
        _ loaded: Loaded,
        files: (documentation: Bool, agreement: Bool),
        today: LocalDate,
        language: Language = .da
    ) -> Checked {
        var checked = Checked()
        checked.reason = AbsenceReason(rawValue: values.reason)
        if checked.reason == nil { checked.problems.append(("reason", "wholeErrorReason")) }
        if let problem = FieldError.requiredText(values.reasonText, max: maxReasonText, "wholeErrorReasonText") {
            checked.problems.append(("reasonText", problem))
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
        checked.end = LocalDate(iso: values.endDate)
        if let end = checked.end {
            if let start = checked.start, end < start { checked.problems.append(("endDate", "wholeErrorEndBefore")) }
        } else {
            checked.problems.append(("endDate", "wholeErrorEnd"))
        }
        // MitID's name must match it when the sub-tenant signs: a first and a last name.
        if let problem = FieldError.fullName(values.subtenant, max: maxSubtenant, "wholeErrorSubtenant") {
            checked.problems.append(("subtenant", problem))
        }
        checked.persons = RequestForms.number(values.persons, in: 1...99)
        if checked.persons == nil { checked.problems.append(("persons", "wholeErrorPersons")) }
        checked.rent = TypedKroner.parse(values.rent).flatMap { $0 <= maxRent ? $0 : nil }
        if checked.rent == nil { checked.problems.append(("rent", "wholeErrorRent")) }
        if !files.documentation { checked.problems.append(("documentation", "wholeErrorDocumentation")) }
        if !files.agreement { checked.problems.append(("agreement", "subletErrorAgreement")) }
        if !values.confirm { checked.problems.append(("confirm", "subletErrorConfirm")) }
        let rules = SublettingRules()
        let request = WholeSubletting(
            applied: today,
            start: checked.start ?? today.adding(months: 1),
            end: checked.end ?? checked.start ?? today.adding(months: 1),
            reason: checked.reason ?? .illness,
            rooms: loaded.lease.habitable_rooms,
            persons: checked.persons ?? 1,
            rent: checked.rent ?? .zero,
            tenantRent: Money(ore: loaded.lease.monthly_rent_ore)
        )
        // A rule is said only on figures that were read; "another reason" is for the
        // organisation to judge, and the preview says so.
        for reason in rules.check(request) {
            let field: String? =
                switch reason {
                case .tooLong: checked.start != nil && checked.end != nil ? "endDate" : nil
                case .tooLate: checked.start != nil && checked.start! >= today ? "startDate" : nil
                case .tooManyPersons: checked.persons != nil ? "persons" : nil
                case .rentTooHigh: checked.rent != nil ? "rent" : nil
                case .reasonNotAccepted: nil
                }
            if let field {
                let text = RulesText.reason(reason, request, rules)
                var message = text.message(in: language)
                if reason == .tooLate {
                    // The form says when it can begin, not a day already past.
                    let first = DateText.long(today.adding(days: SublettingRules.noticeDays), language)
                    message = Strings.table(language).filled("wholeSubletStartsEarliest", ["date": first])
                }
                checked.problems.append((field, "rule:" + message))
            }
        }
        checked.problems.sort { order($0.0) < order($1.0) }
        return checked
    }

    /// The fields in the form's order, which the error summary follows.
    static let fields = [
        "reason", "reasonText", "documentation", "startDate", "endDate", "subtenant", "persons", "rent", "agreement",
        "confirm",
    ]

    static func order(_ field: String) -> Int { fields.firstIndex(of: field) ?? fields.count }

    static func values(_ draft: SublettingRequest, _ language: Language) -> Values {
        Values(
            reason: draft.absenceReason?.rawValue ?? "",
            reasonText: draft.absenceText ?? "",
            startDate: draft.startDate,
            endDate: draft.endDate ?? "",
            subtenant: draft.subtenants,
            persons: draft.occupants > 0 ? String(draft.occupants) : "",
            rent: draft.rentOre.map { MoneyText.figure(Money(ore: $0), language) } ?? "",
            confirm: false
        )
    }

    /// Saves the form as the tenant's draft for the lease (one per tenant, lease and kind).
    static func saveDraft(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        checked: Checked,
        values: Values,
        documentation: (Data, String)?,
        agreement: (Data, String)?
    ) async throws -> SublettingRequest {
        let draft = loaded.draft ?? SublettingRequest()
        if draft.id == nil {
            draft.id = req.application.dependencies.uuid()
            draft.leaseID = loaded.leaseID
            draft.filedBy = principal.id
            draft.status = .draft
            draft.kind = .whole
            draft.letRooms = 0
        }
        draft.absenceReason = checked.reason
        draft.absenceText = String(values.reasonText.prefix(maxReasonText))
        draft.startDate = checked.start?.iso ?? ""
        draft.endDate = checked.end?.iso
        draft.subtenants = String(values.subtenant.prefix(maxSubtenant))
        draft.occupants = checked.persons ?? 0
        draft.rentOre = checked.rent?.ore
        if let (data, type) = documentation {
            draft.documentation = data
            draft.documentationType = type
        }
        if let (data, type) = agreement {
            draft.agreement = data
            draft.agreementType = type
        }
        draft.updatedAt = req.application.dependencies.now()
        try await draft.save(on: req.db)
        return draft
    }

    /// Sends the draft: the case, the draft marked sent with it, the sub-tenant's code and the
    /// receipt letter, in one transaction; the draft's row decides a double click (only one
    /// changes it from draft). Nil when another request sent it first.
    static func send(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        _ draft: SublettingRequest
    ) async throws -> (UUID, String)? {
        let draftID = try draft.requireID()
        let dependencies = req.application.dependencies
        let opened = LocalDate(dependencies.now(), timeZone: danishTimeZone)
        // Answered before the sub-letting begins.
        let latest = LocalDate(iso: draft.startDate).map { CaseDeadlines.bankDay(before: $0) }
        let answerBy = try await CaseDeadlines.answerDate(kind: .subletting, opened: opened, latest: latest, on: req.db)
        let letters = req.application.letters()
        let cases = req.application.cases
        let number = try await cases.reserveNumber()
        let receipt = try await letters.prepare(
            receiptLetter(draft, loaded, answerBy: answerBy, number: number),
            to: principal.id,
            lease: loaded.leaseID,
            inCase: "\(number)"
        )
        let now = dependencies.now()
        let address = loaded.lease.addressLine
        let title = BilingualWords(key: "caseTitle_wholeSubletting", ["address": address])
        let coTenants = try await CoTenantSignatures.requests(
            req,
            leaseID: loaded.leaseID,
            filer: principal,
            what: "fremleje af hele boligen",
            address: address
        )
        return try await req.db.transaction { db in
            let claimed = try await OnceUpdate.run(
                """
                UPDATE subletting_requests SET status = \(bind: SublettingRequestStatus.sent.rawValue), sent_at = \(bind: now)
                WHERE id = \(bind: draftID) AND status = \(bind: SublettingRequestStatus.draft.rawValue)
                """,
                on: db
            )
            guard claimed else { return nil }
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
            if let latest { try await CaseDeadlines.answer(by: latest, of: caseID, on: db) }
            try await SublettingRequest.query(on: db).filter(\.$id == draftID).set(\.$caseID, to: caseID).update()
            let code = try await SubtenantSigning.issue(draftID, now: now, on: db)
            try await letters.send(receipt, createdBy: nil, caseID: caseID, on: db)
            for letter in coTenants { try await letters.send(letter, createdBy: nil, caseID: caseID, on: db) }
            return (caseID, code)
        }
    }

    static func receiptLetter(
        _ draft: SublettingRequest,
        _ loaded: Loaded,
        answerBy: LocalDate?,
        number: CaseNumber
    ) -> GeneralLetter {
        let start = LocalDate(iso: draft.startDate).map { DateText.long($0, .da) } ?? draft.startDate
        let end = draft.endDate.flatMap(LocalDate.init(iso:)).map { DateText.long($0, .da) } ?? ""
        var paragraphs = [
            "Vi har modtaget din ansøgning om at fremleje hele \(loaded.lease.addressLine) fra \(start) til og med \(end).",
            "Din sag har nummer \(number). Nævn nummeret, hvis du kontakter os om den.",
            "Du fremlejer til \(draft.subtenants) for \(Money(ore: draft.rentOre ?? 0).danish) om måneden, og der bliver \(draft.occupants) \(draft.occupants == 1 ? "person" : "personer") i boligen.",
            "\(draft.subtenants) skal også skrive under på ansøgningen med MitID. Giv koden, du fik, da du sendte ansøgningen, til \(draft.subtenants). Du kan lave en ny kode under Mine sager på Almen.",
        ]
        if let answerBy {
            paragraphs.append(
                "En sagsbehandler ser på sagen og svarer dig senest \(DateText.long(answerBy, .da)). Vi kan først godkende fremlejen, når begge har skrevet under."
            )
        }
        return GeneralLetter(
            subject: MarkupText("Kvittering: fremleje af hele \(loaded.lease.addressLine)"),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }

    static func dwelling(_ lease: MyHomePage.Lease, _ language: Language) -> String {
        let rooms = lease.habitable_rooms
        let rent = MoneyText.written(Money(ore: lease.monthly_rent_ore), language)
        return Strings.table(language).counted(
            "wholeSubletDwelling",
            rooms,
            ["rooms": "\(rooms)", "rent": rent]
        )
    }

    static func fileText(_ data: Data?, type: String?, _ strings: [String: String]) -> String? {
        data.map { data in
            let kind = type == "application/pdf" ? "PDF" : strings["subletImage"] ?? ""
            return "\(kind), \(max(1, data.count / 1024)) kB"
        }
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
            labelKey: { $0 == "confirm" ? "subletConfirmLabel" : "wholeField_\($0)" },
            strings
        )
        let draft = loaded.draft
        let opened = LocalDate(req.application.dependencies.now(), timeZone: danishTimeZone)
        let preview = step == "preview"
        let period: String? =
            if preview, let start = LocalDate(iso: values.startDate), let end = LocalDate(iso: values.endDate) {
                "\(DateText.long(start, language)) – \(DateText.long(end, language))"
            } else { nil }
        let context = Context(
            page: await PageChrome.make(for: req, title: strings["wholeTitle"] ?? ""),
            address: "\(loaded.lease.addressLine), \(loaded.lease.postal_code) \(loaded.lease.city)",
            leaseHref: SiteRoute.myLease(loaded.leaseID).path,
            action: SiteRoute.myWholeSubletting(loaded.leaseID).path,
            step: step,
            dwelling: dwelling(loaded.lease, language),
            coTenants: loaded.tenants - 1,
            openCaseHref: loaded.openCase.map { SiteRoute.myCase($0).path },
            blocked: PartialSublettingController.blocked(loaded.lease).flatMap {
                strings[$0]
            },
            form: values,
            reasons: AbsenceReason.allCases.map {
                SelectOption(
                    value: $0.rawValue,
                    label: strings["wholeReason_\($0.rawValue)"] ?? "",
                    selected: values.reason == $0.rawValue
                )
            },
            errors: errors,
            errorList: errorList,
            documentation: fileText(draft?.documentation, type: draft?.documentationType, strings),
            agreement: fileText(draft?.agreement, type: draft?.agreementType, strings),
            draftID: draft?.id?.lowercasedString,
            period: period,
            reasonText: preview ? strings["wholeReason_\(values.reason)"] : nil,
            rentText: preview ? TypedKroner.parse(values.rent).map { MoneyText.written($0, req.language) } : nil,
            otherReason: values.reason == AbsenceReason.other.rawValue,
            answerBy: preview
                ? try await CaseDeadlines.answerDate(
                    kind: .subletting,
                    opened: opened,
                    latest: LocalDate(iso: values.startDate).map { CaseDeadlines.bankDay(before: $0) },
                    on: req.db
                ).map {
                    DateText.long($0, language)
                } : nil
        )
        return CompiledView.view(context.page, body: context.body(HTMLText(language)))
    }
}
