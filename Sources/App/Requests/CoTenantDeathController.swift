import AlmenDomain
import Fluent
import Letters
import SQLKit
import Vapor

/// Dødsfald af en medlejer: when one of a lease's tenants dies, the others were tenants as much as
/// they and go on with the lease; nobody gives notice. A caseworker who learns of the death (from
/// the survivor, the estate's letter or the CPR register) registers it at
/// `/admin/doedsfald/:leaseID/medlejer`: the dead tenant comes off the lease (`lease_tenants`), a
/// survivor becomes the tenant if the dead one was, and each survivor gets a letter through the
/// channel rule that they go on with the lease. The case that holds it is the one a caseworker
/// opened for the estate's mail (`?sag=`), or a new one, closed at once. What waited for the dead
/// tenant's signature stops waiting: a notice every survivor has signed is received that day, and
/// an application to let or swap the home waits only for the survivors.
enum CoTenantDeathController {
    struct Context: Encodable {
        let page: PageChrome
        let estateHref: String
        /// Back to the search for a lease (the page the caseworker came from).
        let searchHref: String
        let address: String
        let organisation: String
        let action: String
        /// "form", "preview", or "single" (one tenant left: the estate gives notice instead).
        let step: String
        let tenants: [SelectOption]
        let household: [String]
        let caseNumber: String?
        let caseID: String?
        let form: Values
        let errors: [String: String]
        let errorList: [FieldError]
        /// Another caseworker registered the death first.
        let gone: Bool
        let token: String
        let preview: Preview?
    }

    /// What the registration will do, and the letter each survivor gets.
    struct Preview: Encodable {
        let deceased: String
        let died: String
        let survivors: String
        /// The survivor who becomes the lease's tenant, when the dead one was.
        let newTenant: String?
        /// The end date of a notice that waited only for the dead tenant's signature, received today.
        let noticeEnds: String?
        let subject: String
        let letter: [String]
    }

    struct Values: Encodable, Sendable {
        var deceased = ""
        var diedOn = ""
        var confirm = false
    }

    struct Input: Content {
        var deceased: String?
        var diedOn: String?
        var confirm: String?
        var sag: String?
        var step: String?
        var token: String?
    }

    /// A registration that passed every check.
    struct Death: Sendable, Equatable {
        let deceased: UUID
        let diedOn: LocalDate
    }

    /// `GET /admin/doedsfald/:leaseID/medlejer`: the form.
    @Sendable
    static func show(_ req: Request) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        let loaded = try await EstateNoticeController.load(
            req,
            scope: scope,
            caseID: req.queryValue("sag").flatMap(UUID.init(uuidString:)),
            shownTo: principal
        )
        return try await render(req, loaded, step: "form", values: Values(), problems: [])
    }

    /// `POST /admin/doedsfald/:leaseID/medlejer`: preview (what happens, and the letter), register,
    /// or edit again.
    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let input = try req.content.decode(Input.self)
        let loaded = try await EstateNoticeController.load(
            req,
            scope: scope,
            caseID: input.sag.flatMap(UUID.init(uuidString:))
        )
        let values = Values(
            deceased: DepartmentContactController.clean(input.deceased),
            diedOn: DepartmentContactController.clean(input.diedOn),
            confirm: input.confirm == "ja"
        )
        // Sent again (a double click, the back button): the registration it made answers.
        let token = input.step == "send" ? input.token.flatMap(UUID.init(uuidString:)) : nil
        if let token, let done = try await registered(token, on: req.db) {
            return req.redirect(to: SiteRoute.staffCase(done).path, redirectType: .normal)
        }
        guard loaded.tenants.count > 1 else {
            return try await render(req, loaded, step: "form", values: values, problems: []).encodeResponse(for: req)
        }
        let checked = check(
            values,
            tenants: loaded.tenants.map(\.id),
            today: req.today,
            leaseStart: LocalDate(iso: loaded.lease.start_date)
        )
        guard let death = checked.death, input.step == "preview" || input.step == "send" else {
            let status: HTTPStatus = checked.problems.isEmpty || input.step == "edit" ? .ok : .unprocessableEntity
            return try await render(
                req,
                loaded,
                step: "form",
                values: values,
                problems: input.step == "edit" ? [] : checked.problems
            ).encodeResponse(status: status, for: req)
        }
        // A preview needs only the letter as expected; a send, one for each way it may turn out.
        let plan = try await plan(req, loaded, death, sending: token != nil)
        guard let token else {
            return try await render(req, loaded, step: "preview", values: values, problems: [], plan: plan)
                .encodeResponse(for: req)
        }
        guard let caseID = try await register(req, principal, loaded, plan, token: token) else {
            if let done = try await registered(token, on: req.db) {
                return req.redirect(to: SiteRoute.staffCase(done).path, redirectType: .normal)
            }
            // Another caseworker registered it first: the page shows the lease as it is now.
            let fresh = try await EstateNoticeController.load(req, scope: scope, caseID: nil)
            return try await render(req, fresh, step: "form", values: Values(), problems: [], gone: true)
                .encodeResponse(status: .conflict, for: req)
        }
        try await req.audit.record(
            .coTenantDeath,
            dataSubjects: loaded.tenants.map(\.id),
            subjectKind: .`case`,
            subjectID: caseID,
            purpose: AuditPurpose("coTenantDeath"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.staffCase(caseID).path(query: [("besked", "medlejer-doed")]),
            redirectType: .normal
        )
    }

    /// The case a registration sent with `token` went into: its event carries the token as its id.
    static func registered(_ token: UUID, on db: any Database) async throws -> UUID? {
        try await CaseEvent.query(on: db).filter(\.$id == token).filter(\.$kind == .coTenantDied).first()?.caseID
    }

    /// The form checked (pure): who died (one of the lease's tenants), when (no later than today,
    /// not before the lease began), and the caseworker's confirmation that they have seen proof.
    static func check(
        _ values: Values,
        tenants: [UUID],
        today: LocalDate,
        leaseStart: LocalDate?
    ) -> (death: Death?, problems: [(String, String)]) {
        var problems: [(String, String)] = []
        let deceased = UUID(uuidString: values.deceased).flatMap { tenants.contains($0) ? $0 : nil }
        if deceased == nil { problems.append(("deceased", "coTenantDeathErrorWho")) }
        let (died, diedProblem) = EstateNoticeController.dayOfDeath(
            values.diedOn,
            today: today,
            leaseStart: leaseStart
        )
        if let diedProblem { problems.append(("diedOn", diedProblem)) }
        if !values.confirm { problems.append(("confirm", "coTenantDeathErrorConfirm")) }
        guard problems.isEmpty, let deceased, let died else { return (nil, problems) }
        return (Death(deceased: deceased, diedOn: died), [])
    }

    /// What registering `death` does, worked out before the transaction: who goes on, who becomes
    /// the tenant, the survivors' letters, and the lease's waiting notice with its confirmation.
    struct Plan: Sendable {
        let death: Death
        let deceasedName: String
        let survivors: [EstateNoticePage.Person]
        /// The survivor who becomes the lease's tenant (lejer), when the dead one was.
        let heir: EstateNoticePage.Person?
        /// The survivors' letters for what became of the notice: as planned, and, when a notice
        /// waits, for each way the transaction may find it (a survivor may sign or stop it in the
        /// same instant), so the letter sent says what happened.
        let letters: [NoticeState: [LetterService.Prepared]]
        /// What the notice's state is expected to be: the preview's letter.
        let expected: NoticeState
        /// The lease's notice still waiting for signatures, with its confirmation typeset for the
        /// survivors: it is received in the transaction if no survivor's signature is missing then
        /// (a survivor may sign at the same moment, so this is decided under the notice's lock).
        let waiting: (noticeID: UUID, confirmation: TerminationNoticeController.Confirmation)?
        /// Every survivor had signed the waiting notice when this was worked out.
        let completes: Bool
        /// The number of the case a send opens (the letters name it); nil when the lease's open
        /// case takes the death, or for a preview.
        let number: CaseNumber?
    }

    /// What became of the lease's notice, for the survivors' letter.
    enum NoticeState: Sendable, Hashable {
        /// None was given: a survivor may give notice.
        case none
        /// It waited only for the dead tenant's signature, and is received now.
        case received
        /// It still waits for another survivor's signature.
        case waiting
        /// It arrived with a survivor's signature in the same instant (its confirmation has gone).
        case arrived
        /// The lease was terminated before, and ends on this day.
        case terminated(LocalDate)
    }

    static func plan(
        _ req: Request,
        _ loaded: EstateNoticePage.Loaded,
        _ death: Death,
        sending: Bool
    ) async throws -> Plan {
        let leaseID = loaded.lease.id
        let survivors = loaded.tenants.filter { $0.id != death.deceased }
        let deceasedName = loaded.tenants.first { $0.id == death.deceased }?.name ?? ""
        let wasTenant =
            try await LeaseTenant.query(on: req.db).filter(\.$lease.$id == leaseID)
            .filter(\.$person.$id == death.deceased).filter(\.$role == .tenant).count() > 0
        var waiting: (UUID, TerminationNoticeController.Confirmation)?
        let rows = try await TerminationNoticePage.tenants(of: leaseID, on: req.db)
        let remaining = rows.filter { $0.person_id != death.deceased }
        if let pending = rows.first(where: { $0.notice_id != nil && $0.received_on == nil && !$0.isWithdrawn }),
            let noticeID = pending.notice_id, !remaining.isEmpty,
            let lease = try await MyHomePage.lease(leaseID, of: remaining[0].person_id, on: req.db)
        {
            let survivorsOnly = TerminationNoticeController.Loaded(leaseID: leaseID, lease: lease, tenants: remaining)
            waiting = (
                noticeID,
                try await TerminationNoticeController.confirmation(
                    req,
                    survivorsOnly,
                    received: req.today,
                    inCase: pending.case_number
                )
            )
        }
        let completes = waiting != nil && remaining.allSatisfy { $0.signed_at != nil }
        let state: NoticeState =
            if completes {
                .received
            } else if waiting != nil {
                .waiting
            } else if let end = loaded.lease.terminatedEnd {
                .terminated(end)
            } else {
                .none
            }
        let service = req.application.letters()
        // The survivors' letters name the case they go into: the lease's open case, or, for a
        // send, a new one whose number is taken now. (Had the open case been closed in the
        // seconds before the send, the letters name it though they go into a new one; so rare
        // a race is not worth a second typesetting, as with the estate's notice.)
        let number = sending && loaded.openCase == nil ? try await req.application.cases.reserveNumber() : nil
        let caseNumber = loaded.openCase?.number ?? number.map { "\($0)" }
        var letters: [NoticeState: [LetterService.Prepared]] = [:]
        for variant in waiting == nil || !sending ? [state] : [NoticeState.received, .waiting, .arrived, .none] {
            for survivor in survivors {
                let content = letter(
                    deceased: deceasedName,
                    diedOn: death.diedOn,
                    address: "\(loaded.lease.addressLine), \(loaded.lease.postalCity)",
                    others: survivors.filter { $0.id != survivor.id }.map(\.name),
                    notice: variant
                )
                letters[variant, default: []].append(
                    try await service.prepare(content, to: survivor.id, lease: leaseID, inCase: caseNumber)
                )
            }
        }
        return Plan(
            death: death,
            deceasedName: deceasedName,
            survivors: survivors,
            heir: wasTenant ? survivors.first : nil,
            letters: letters,
            expected: state,
            waiting: waiting,
            completes: completes,
            number: number
        )
    }

    /// The letter a survivor gets: the death registered, they (and `others`) go on with the lease
    /// as before, and what became of the lease's notice.
    static func letter(
        deceased: String,
        diedOn: LocalDate,
        address: String,
        others: [String],
        notice: NoticeState
    ) -> GeneralLetter {
        let who = others.isEmpty ? "du" : "du og \(DanishList.joined(others))"
        let next: String =
            switch notice {
            case .none:
                others.isEmpty
                    ? "Vil du selv flytte, kan du opsige lejemålet på Mit hjem. Så gælder den almindelige opsigelsesfrist."
                    : "Vil I flytte, kan I opsige lejemålet på Mit hjem. Alle lejere skal skrive under, og den almindelige opsigelsesfrist gælder."
            case .received:
                "Jeres opsigelse af lejemålet ventede kun på underskriften fra \(deceased). Den er nu modtaget, og du får et brev for sig med datoen, hvor lejemålet slutter."
            case .arrived:
                "Jeres opsigelse af lejemålet er modtaget. Datoen, hvor lejemålet slutter, står i bekræftelsen, du har fået."
            case .waiting:
                "Opsigelsen af lejemålet venter stadig på underskrift. Den bliver først modtaget, når alle, der står på lejekontrakten nu, har skrevet under på Mit hjem. Vil du ikke opsige, kan du vælge det samme sted."
            case .terminated(let end):
                "Lejemålet er opsagt og slutter \(DateText.long(end, .da)). Det ændrer dødsfaldet ikke: indtil da fortsætter lejemålet som hidtil."
            }
        return GeneralLetter(
            subject: MarkupText("Om lejemålet \(address) efter dødsfaldet"),
            paragraphs: [
                MarkupText(
                    "Vi har fået besked om, at \(deceased) er død \(DateText.long(diedOn, .da)). Vi vil gerne udtrykke vores medfølelse."
                ),
                MarkupText(
                    "I stod \(others.isEmpty ? "begge" : "alle") som lejere på lejekontrakten. Nu fortsætter \(who) lejemålet på de samme vilkår som hidtil: lejen er den samme, og der er ikke noget nyt at skrive under på. \(deceased) står ikke længere på lejekontrakten."
                ),
                MarkupText(next),
                MarkupText(
                    "Har du spørgsmål, er du velkommen til at skrive til os på sagen under Mine sager på Mit hjem."
                ),
            ]
        )
    }

    /// Registers the death in one transaction, with the waiting notice and the lease locked (in
    /// the order a signature takes them): the dead tenant off the lease, a survivor the tenant if
    /// need be, the case (the open one, or a new one assigned to the caseworker and closed at once)
    /// with the event and the survivors' letters, a line in the lease's other open cases, and the
    /// waiting notice received if no survivor's signature is missing. Nil when the tenant is no
    /// longer on the lease (registered already).
    static func register(
        _ req: Request,
        _ principal: Principal,
        _ loaded: EstateNoticePage.Loaded,
        _ plan: Plan,
        token: UUID
    ) async throws -> UUID? {
        let now = req.application.dependencies.now()
        let uuid = req.application.dependencies.uuid
        let cases = req.application.cases
        let service = req.application.letters()
        let leaseID = loaded.lease.id
        let openCase = loaded.openCase?.id
        let title = BilingualWords(
            key: "caseTitle_coTenantDeath",
            ["name": plan.deceasedName, "address": loaded.lease.addressLine]
        )
        do {
            return try await req.db.transaction { db -> UUID? in
                if let (noticeID, _) = plan.waiting {
                    try await TerminationNoticeController.lock(noticeID, on: db)
                }
                try await RequestForms.lockLease(leaseID, on: db)
                guard
                    let row = try await LeaseTenant.query(on: db).filter(\.$lease.$id == leaseID)
                        .filter(\.$person.$id == plan.death.deceased).first(),
                    try await LeaseTenant.query(on: db).filter(\.$lease.$id == leaseID).count() > 1
                else { return nil }
                try await row.delete(on: db)
                if let heir = plan.heir,
                    try await LeaseTenant.query(on: db).filter(\.$lease.$id == leaseID).filter(\.$role == .tenant)
                        .count() == 0
                {
                    try await LeaseTenant.query(on: db).filter(\.$lease.$id == leaseID)
                        .filter(\.$person.$id == heir.id).set(\.$role, to: .tenant).update()
                }
                var caseID: UUID
                var opened = false
                if let openCase,
                    let caseFile = try await CaseFile.query(on: db).filter(\.$id == openCase).filter(\.$status == .open)
                        .first()
                {
                    caseID = openCase
                    if caseFile.$lease.id == nil {
                        caseFile.$lease.id = leaseID
                        try await caseFile.update(on: db)
                    }
                    for survivor in plan.survivors {
                        try await CaseParty.add(survivor.id, as: .tenant, to: caseID, id: uuid(), at: now, on: db)
                    }
                } else {
                    // Opened after the dead tenant left the lease: the survivors are its parties.
                    caseID = try await cases.open(
                        .general,
                        title: title.danish,
                        titleEnglish: title.english,
                        organisationID: loaded.lease.organisation_id,
                        leaseID: leaseID,
                        openedBy: principal.id,
                        number: plan.number,
                        on: db
                    ).requireID()
                    opened = true
                }
                // The token is the event's id: a form sent twice finds this case by it.
                try await CaseEvent(
                    id: token,
                    caseID: caseID,
                    kind: .coTenantDied,
                    at: now,
                    by: principal.id,
                    detail: plan.deceasedName
                ).create(on: db)
                // What became of the waiting notice, under its lock and after the delete: received
                // now if no survivor's signature is missing, or by a signature just before; stopped;
                // or still waiting.
                var outcome = plan.expected
                var receiving: (TerminationNotice, TerminationNoticeController.Confirmation)?
                if let (noticeID, confirmation) = plan.waiting {
                    let notice = try await TerminationNotice.find(noticeID, on: db)
                    if let notice, notice.receivedOn != nil {
                        outcome = .arrived
                    } else if let notice, try await CaseFile.find(notice.caseID, on: db)?.status == .open {
                        if try await TerminationNoticeController.unsigned(noticeID, leaseID: leaseID, on: db) == 0 {
                            outcome = .received
                            receiving = (notice, confirmation)
                        } else {
                            outcome = .waiting
                        }
                    } else {
                        // Stopped (its case closed), or stopped and replaced: none of theirs waits.
                        outcome = .none
                    }
                }
                for letter in plan.letters[outcome] ?? [] {
                    try await service.send(letter, createdBy: principal.id, caseID: caseID, on: db)
                }
                if opened {
                    // Nothing is left to do: the case holds the record and the letters, with the
                    // caseworker who registered it.
                    try await CaseFile.query(on: db).filter(\.$id == caseID).set(\.$status, to: .closed)
                        .set(\.$closedAt, to: now).set(\.$assigneeID, to: principal.id).set(\.$assignedAt, to: now)
                        .update()
                    try await CaseEvent(id: uuid(), caseID: caseID, kind: .closed, at: now, by: principal.id)
                        .create(on: db)
                    try await CaseDeadlines.meet([.receipt, .answer, .decision], of: caseID, at: now, on: db)
                } else {
                    try await CaseDeadlines.meet([.answer], of: caseID, at: now, on: db)
                }
                // The lease's open applications and notices say so in their history (a sub-letting,
                // a swap from this home or into it, a termination), not cases whose other parties
                // are not the household's (a neighbour complaint).
                let kinds: [CaseKind] = [.termination, .subletting, .swap]
                var others = try await CaseFile.query(on: db).filter(\.$lease.$id == leaseID)
                    .filter(\.$status == .open).filter(\.$id != caseID).filter(\.$kind ~~ kinds).all()
                let swapsInto = try await SwapRequest.query(on: db).filter(\.$otherLeaseID == leaseID)
                    .filter(\.$status == .sent).all().compactMap(\.caseID)
                if !swapsInto.isEmpty {
                    others += try await CaseFile.query(on: db).filter(\.$id ~~ swapsInto).filter(\.$status == .open)
                        .all()
                }
                for other in others {
                    try await CaseEvent(
                        id: uuid(),
                        caseID: try other.requireID(),
                        kind: .coTenantDied,
                        at: now,
                        by: principal.id,
                        detail: plan.deceasedName
                    ).create(on: db)
                }
                if let (notice, confirmation) = receiving {
                    try await TerminationNoticeController.receive(
                        notice,
                        confirmation,
                        caseID: notice.caseID,
                        on: db,
                        req
                    )
                }
                return caseID
            }
        } catch {
            // The same form sent twice at once: the event's id refuses the second.
            if try await registered(token, on: req.db) != nil { return nil }
            throw error
        }
    }

    static func render(
        _ req: Request,
        _ loaded: EstateNoticePage.Loaded,
        step requested: String,
        values: Values,
        problems: [(String, String)],
        plan: Plan? = nil,
        gone: Bool = false
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let lease = loaded.lease
        let step = loaded.tenants.count > 1 ? requested : "single"
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            // The box's label is a sentence: the summary names it shortly.
            labelKey: { $0 == "confirm" ? "coTenantDeathConfirmShort" : "coTenantDeathField_\($0)" },
            strings
        )
        var preview: Preview?
        if step == "preview", let plan, let letter = plan.letters[plan.expected]?.first {
            preview = Preview(
                deceased: plan.deceasedName,
                died: DateText.long(plan.death.diedOn, language),
                survivors: plan.survivors.map(\.name).joined(separator: ", "),
                newTenant: plan.heir?.name,
                noticeEnds: plan.completes ? plan.waiting.map { DateText.long($0.confirmation.end, language) } : nil,
                subject: letter.document.subject,
                letter: LetterTemplateRenderer.previewLines(letter.document.body)
            )
        }
        let caseQuery: [(String, String?)] = [("sag", loaded.openCase?.id.lowercasedString)]
        return try await req.view.render(
            "co-tenant-death",
            Context(
                page: await PageChrome.make(for: req, title: strings["coTenantDeathTitle"] ?? ""),
                estateHref: SiteRoute.staffEstateNotice(lease.id).path(query: caseQuery),
                searchHref: SiteRoute.staffEstateNotices.path(query: caseQuery),
                address: "\(lease.addressLine), \(lease.postalCity)",
                organisation: lease.organisation_name,
                action: SiteRoute.staffCoTenantDeath(lease.id).path,
                step: step,
                tenants: loaded.tenants.map {
                    SelectOption(
                        value: $0.id.lowercasedString,
                        label: $0.name,
                        selected: $0.id.lowercasedString == values.deceased.lowercased()
                    )
                },
                household: loaded.household.map(\.name),
                caseNumber: loaded.openCase?.number,
                caseID: loaded.openCase?.id.lowercasedString,
                form: values,
                errors: errors,
                errorList: errorList,
                gone: gone,
                token: step == "preview" ? req.application.dependencies.uuid().lowercasedString : "",
                preview: preview
            )
        )
    }
}
