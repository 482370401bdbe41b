import AlmenDomain
import Fluent
import Letters
import SQLKit
import Vapor

/// Opsigelse ved dødsfald (rules.md §2): when a tenant has died and no spouse or household member
/// goes on with the lease, the estate (dødsboet), or an authority on its behalf, gives notice.
/// They are not tenants and have no place in the portal: their notice reaches the administration
/// as a letter (Digital Post, e-mail or paper) with the probate court's certificate, and a
/// caseworker registers it here. `/admin/doedsfald` finds the lease by address or the tenant's
/// name; `/admin/doedsfald/:leaseID` takes the facts, shows the end date the rules give (care
/// housing: the running month and 30 days) and the confirmation letter, and sends it. The notice
/// ends the lease as a tenant's does, opens a termination case (or completes the one a caseworker
/// opened for the estate's mail, `?sag=`), and the confirmation goes on paper to the
/// representative's address, never to the dead tenant's Digital Post.
enum EstateNoticeController {
    struct SearchContext {
        let page: PageChrome
        let casesHref: String
        let action: String
        let search: String
        let caseID: String?
        let searched: Bool
        let found: [FoundLease]
        /// More leases matched than are shown: the search should be narrower.
        let more: Bool
    }

    struct FoundLease {
        let href: String
        let address: String
        let organisation: String
        /// "Lejemål 1-12-0042", when the lease has a number.
        let number: String?
        let tenants: String
        /// "Lejer:" or "Lejere:".
        let tenantsLabel: String
        let terminated: Bool
    }

    struct Context {
        let page: PageChrome
        /// "Registrér opsigelse ved dødsfald", or, for a lease the others go on with, "En lejer er død".
        let heading: String
        let searchHref: String
        /// Where a co-tenant's death is registered instead (`CoTenantDeathController`), when the
        /// lease has more than one tenant.
        let coTenantDeathHref: String?
        let address: String
        let organisation: String
        let action: String
        /// "form", "preview"; or why there is no form: "notice" (the lease has a notice already),
        /// "terminated" (ended otherwise), "cotenants" (a co-tenant goes on with the lease).
        let step: String
        let tenant: String
        let tenants: [String]
        let household: [String]
        let housing: String
        let started: String
        let startISO: String
        let monthlyRent: String
        let noticeHref: String?
        let terminatedEnd: String?
        /// The case the notice completes, opened for the estate's mail.
        let caseNumber: String?
        let caseID: String?
        let form: Values
        let filers: [SelectOption]
        let errors: [String: String]
        let errorList: [FieldError]
        let token: String
        let preview: Preview?
    }

    /// The end date the rules give, and the letter as it will be sent.
    struct Preview {
        /// The end date is already behind us (a notice registered long after it came).
        let endPassed: Bool
        let died: String
        let received: String
        let endDate: String
        let explanation: [String]
        let filer: String
        let envelope: [String]
        let subject: String
        let letter: [String]
    }

    struct Values: Sendable {
        var diedOn = ""
        var receivedOn = ""
        var filer = ""
        var representativeName = ""
        var representativeAddress = ""
        var viewing = ""
        var confirm = false
    }

    struct Input: Content {
        var diedOn: String?
        var receivedOn: String?
        var filer: String?
        var representativeName: String?
        var representativeAddress: String?
        var viewing: String?
        var confirm: String?
        var sag: String?
        var step: String?
        var token: String?
    }

    static let maxName = 100
    static let maxAddress = 300
    static let maxAddressLines = 4
    static let maxViewing = 300

    /// `GET /admin/doedsfald?q=`: the leases whose address, postcode and town, number or tenant's
    /// name begins with the search (`EstateNoticePage.leases`).
    @Sendable
    static func search(_ req: Request) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        let strings = Strings.table(req.language)
        let search = Keyset.search(req)
        let caseID = req.queryValue("sag").flatMap(UUID.init(uuidString:))
        var found: [(EstateNoticePage.Found, [EstateNoticePage.Tenant])] = []
        var more = false
        if let search {
            (found, more) = try await EstateNoticePage.leases(
                matching: search,
                scope: scope,
                // The tenants shown are people whose data was read.
                audit: req.audit.read(
                    .estateNoticeSearch,
                    subjectKind: .lease,
                    purpose: AuditPurpose("estateNotice"),
                    actor: principal
                ),
                on: try req.sql
            )
        }
        let query: [(String, String?)] = [("sag", caseID?.lowercasedString)]
        let context = SearchContext(
            page: await PageChrome.make(for: req, title: strings["estateSearchTitle"] ?? ""),
            casesHref: SiteRoute.staffCases.path,
            action: SiteRoute.staffEstateNotices.path,
            search: search ?? "",
            caseID: caseID?.lowercasedString,
            searched: search != nil,
            found: found.map { lease, tenants in
                FoundLease(
                    href: SiteRoute.staffEstateNotice(lease.id).path(query: query),
                    address: "\(lease.addressLine), \(lease.postalCity)",
                    organisation: lease.organisation_name,
                    number: lease.number.flatMap { $0.isEmpty ? nil : "\(strings["estateFoundNumber"] ?? "") \($0)" },
                    tenants: tenants.map(\.name).joined(separator: ", "),
                    tenantsLabel: strings[tenants.count > 1 ? "estateFoundTenantsMany" : "estateFoundTenants"]
                        ?? "",
                    terminated: lease.status == LeaseStatus.terminated.rawValue
                )
            },
            more: more
        )
        return CompiledView.view(context.page, body: context.body(HTMLText(req.language)))
    }

    /// The lease in the caseworker's scope, or 404. Read for `principal` to see, reading its
    /// people is a read of personal data, audited (`EstateNoticePage.load`).
    static func load(
        _ req: Request,
        scope: StaffScope,
        caseID: UUID?,
        shownTo principal: Principal? = nil
    ) async throws -> EstateNoticePage.Loaded {
        guard let leaseID = req.parameters.get("leaseID", as: UUID.self),
            let loaded = try await EstateNoticePage.load(
                leaseID,
                case: caseID,
                scope: scope,
                audit: principal.map {
                    req.audit.read(
                        .estateNoticeRead,
                        subjectKind: .lease,
                        subjectID: leaseID,
                        purpose: AuditPurpose("estateNotice"),
                        actor: $0
                    )
                },
                on: try req.sql
            )
        else { throw Abort(.notFound) }
        return loaded
    }

    /// `GET /admin/doedsfald/:leaseID`: the form, or why the lease takes no notice.
    @Sendable
    static func show(_ req: Request) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        let loaded = try await load(
            req,
            scope: scope,
            caseID: req.queryValue("sag").flatMap(UUID.init(uuidString:)),
            shownTo: principal
        )
        return try await render(req, loaded, step: "form", values: Values(), problems: [])
    }

    /// `POST /admin/doedsfald/:leaseID`: preview (the dates and the letter), send, or edit again.
    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let input = try req.content.decode(Input.self)
        let loaded = try await load(req, scope: scope, caseID: input.sag.flatMap(UUID.init(uuidString:)))
        let values = Values(
            diedOn: DepartmentContactController.clean(input.diedOn),
            receivedOn: DepartmentContactController.clean(input.receivedOn),
            filer: DepartmentContactController.clean(input.filer),
            representativeName: DepartmentContactController.clean(input.representativeName),
            representativeAddress: DepartmentContactController.clean(input.representativeAddress),
            viewing: DepartmentContactController.clean(input.viewing),
            confirm: input.confirm == "ja"
        )
        // Sent again (a double click, the back button): the notice it made answers.
        if input.step == "send", let token = input.token,
            let sent = try await TerminationNotice.query(on: req.db).filter(\.$submissionToken == token)
                .filter(\.$leaseID == loaded.lease.id).first()
        {
            return req.redirect(to: SiteRoute.staffCase(sent.caseID).path, redirectType: .normal)
        }
        guard blocked(loaded) == nil else {
            return try await render(req, loaded, step: "form", values: values, problems: []).encodeResponse(for: req)
        }
        let checked = check(values, today: req.today, leaseStart: LocalDate(iso: loaded.lease.start_date))
        guard let notice = checked.notice, input.step == "preview" || input.step == "send" else {
            let status: HTTPStatus = checked.problems.isEmpty || input.step == "edit" ? .ok : .unprocessableEntity
            return try await render(
                req,
                loaded,
                step: "form",
                values: values,
                problems: input.step == "edit" ? [] : checked.problems
            ).encodeResponse(status: status, for: req)
        }
        guard input.step == "send", let token = input.token, UUID(uuidString: token) != nil else {
            return try await render(req, loaded, step: "preview", values: values, problems: [], notice: notice)
                .encodeResponse(for: req)
        }
        guard let caseID = try await register(req, principal, loaded, notice, values: values, token: token) else {
            // Another notice got there first: the page says so.
            let fresh = try await load(req, scope: scope, caseID: nil)
            return try await render(req, fresh, step: "form", values: values, problems: [])
                .encodeResponse(status: .conflict, for: req)
        }
        try await req.audit.record(
            .estateNotice,
            subjectKind: .`case`,
            subjectID: caseID,
            dataSubjectID: loaded.tenants.first?.id,
            purpose: AuditPurpose("estateNotice"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.staffCase(caseID).path(query: [("besked", "doedsbo")]),
            redirectType: .normal
        )
    }

    /// Why the lease takes no notice after a death: it has one (waiting or received), it was
    /// terminated otherwise, or it has more than one tenant (the other goes on with it, and gives
    /// notice in the portal if they want to move). Nil when it may.
    static func blocked(_ loaded: EstateNoticePage.Loaded) -> String? {
        if loaded.lease.notice_id != nil && !loaded.lease.noticeWithdrawn { return "notice" }
        if loaded.lease.terminatedEnd != nil { return "terminated" }
        if loaded.tenants.count != 1 { return "cotenants" }
        return nil
    }

    /// A notice that passed every check.
    struct Notice: Sendable, Equatable {
        let diedOn: LocalDate
        let receivedOn: LocalDate
        let filer: EstateFiler
        let representative: PostalAddress
    }

    /// The form checked (pure): the dates (the tenant died on or after the lease began and no
    /// later than today; the notice arrived after the death, no later than today), who gave
    /// notice, the representative's name and an address of at least two lines (street, postcode
    /// and town), and the caseworker's confirmation. The notice when nothing is wrong.
    static func check(
        _ values: Values,
        today: LocalDate,
        leaseStart: LocalDate?
    ) -> (notice: Notice?, problems: [(String, String)]) {
        var problems: [(String, String)] = []
        // A wrong day of death is the one problem: the arrival is not measured against it.
        let (died, diedProblem) = dayOfDeath(values.diedOn, today: today, leaseStart: leaseStart)
        if let diedProblem { problems.append(("diedOn", diedProblem)) }
        let received = LocalDate(typed: values.receivedOn)
        if values.receivedOn.isEmpty {
            problems.append(("receivedOn", "estateErrorReceivedMissing"))
        } else if let received {
            if received > today {
                problems.append(("receivedOn", "estateErrorReceivedFuture"))
            } else if let died, received < died {
                problems.append(("receivedOn", "estateErrorReceivedBeforeDeath"))
            }
        } else {
            problems.append(("receivedOn", "estateErrorDate"))
        }
        let filer = EstateFiler(rawValue: values.filer)
        if filer == nil { problems.append(("filer", "estateErrorFiler")) }
        if values.representativeName.isEmpty {
            problems.append(("representativeName", "estateErrorName"))
        } else if values.representativeName.count > maxName {
            problems.append(("representativeName", "estateErrorNameLong"))
        }
        let lines = addressLines(values.representativeAddress)
        if values.representativeAddress.count > maxAddress || lines.count > maxAddressLines {
            problems.append(("representativeAddress", "estateErrorAddressLong"))
        } else if lines.count < 2 {
            problems.append(("representativeAddress", "estateErrorAddress"))
        }
        if values.viewing.count > maxViewing { problems.append(("viewing", "terminateErrorViewingLong")) }
        if !values.confirm { problems.append(("confirm", "estateErrorConfirm")) }
        guard problems.isEmpty, let died, let received, let filer else { return (nil, problems) }
        return (
            Notice(
                diedOn: died,
                receivedOn: received,
                filer: filer,
                representative: PostalAddress(name: values.representativeName, lines: lines)
            ),
            []
        )
    }

    /// The day of death as typed, or the words' key of what is wrong with it: missing, not a
    /// date, after today, or before the lease began (shared with `CoTenantDeathController`).
    static func dayOfDeath(_ typed: String, today: LocalDate, leaseStart: LocalDate?) -> (LocalDate?, String?) {
        guard !typed.isEmpty else { return (nil, "estateErrorDiedMissing") }
        guard let day = LocalDate(typed: typed) else { return (nil, "estateErrorDate") }
        if day > today { return (nil, "estateErrorDiedFuture") }
        if let leaseStart, day < leaseStart { return (nil, "estateErrorDiedBeforeLease") }
        return (day, nil)
    }

    /// The address's lines, each trimmed, none empty.
    static func addressLines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }

    /// The envelope: "Dødsboet efter Jens Nielsen", "v/ Anne Nielsen" and the address, or the
    /// authority's own name and address.
    static func addressee(_ notice: Notice, deceased: String) -> PostalAddress {
        addressee(
            notice.filer,
            representative: notice.representative.name,
            lines: notice.representative.lines,
            deceased: deceased
        )
    }

    static func addressee(
        _ filer: EstateFiler,
        representative: String,
        lines: [String],
        deceased: String
    ) -> PostalAddress {
        switch filer {
        // The representative on a line of their own: a window envelope's first line is short.
        case .estate: PostalAddress(name: "Dødsboet efter \(deceased)", lines: ["v/ \(representative)"] + lines)
        case .authority: PostalAddress(name: representative, lines: lines)
        }
    }

    /// The end date, and the confirmation letter typeset for the representative, naming the case
    /// it goes into (`caseNumber`; the estate's mail's case for a preview, when there is one).
    static func confirmation(
        _ req: Request,
        _ loaded: EstateNoticePage.Loaded,
        _ notice: Notice,
        inCase caseNumber: String?,
        draft: Bool
    ) async throws -> (TerminationAnswer, LetterService.Prepared) {
        guard let tenant = loaded.tenants.first,
            let ending = loaded.lease.ending(ifReceived: notice.receivedOn, .da, reason: .death),
            let end = LocalDate(iso: ending.endDate)
        else { throw Abort(.internalServerError, reason: "No end date for the lease") }
        let letter = try await req.application.letters().prepare(
            EstateTerminationLetter(
                deceased: MarkupText(tenant.name),
                received: MarkupText(DateText.long(notice.receivedOn, .da)),
                endDate: MarkupText(DateText.long(end, .da)),
                endedOn: MarkupText(end < req.today ? DateText.long(end, .da) : ""),
                monthlyRent: MarkupText(Money(ore: loaded.lease.monthly_rent_ore).danishFigure)
            ),
            to: tenant.id,
            lease: loaded.lease.id,
            care: addressee(notice, deceased: tenant.name),
            greeting: notice.representative.name,
            inCase: caseNumber,
            draft: draft
        )
        return (ending, letter)
    }

    /// Registers the notice: the case (opened, or the estate's mail's completed), the notice
    /// with its arrival and end date, the lease terminated, the confirmation sent, in one
    /// transaction. A form sent again finds its case by its token; nil when another notice for
    /// the lease got there first.
    static func register(
        _ req: Request,
        _ principal: Principal,
        _ loaded: EstateNoticePage.Loaded,
        _ notice: Notice,
        values: Values,
        token: String
    ) async throws -> UUID? {
        if let existing = try await TerminationNotice.query(on: req.db).filter(\.$submissionToken == token).first() {
            return existing.leaseID == loaded.lease.id ? existing.caseID : nil
        }
        guard let tenant = loaded.tenants.first else { return nil }
        let cases = req.application.cases
        // The letter names the case it goes into: the estate's mail's case, or a new one whose
        // number is taken now (a number left unused when the send fails is a gap, as elsewhere).
        let reserved = loaded.openCase == nil ? try await cases.reserveNumber() : nil
        let (ending, letter) = try await confirmation(
            req,
            loaded,
            notice,
            inCase: loaded.openCase?.number ?? reserved.map { "\($0)" },
            draft: false
        )
        let now = req.application.dependencies.now()
        let uuid = req.application.dependencies.uuid
        let service = req.application.letters()
        let leaseID = loaded.lease.id
        let openCase = loaded.openCase?.id
        let address = loaded.lease.addressLine
        let title = BilingualWords(key: "caseTitle_termination", ["address": address])
        do {
            return try await req.db.transaction { db -> UUID? in
                try await RequestForms.lockLease(leaseID, on: db)
                // Read again under the lock: a tenant's notice, or another caseworker's.
                if let existing = try await TerminationNotice.query(on: db).filter(\.$leaseID == leaseID).first() {
                    let withdrawn =
                        existing.receivedOn == nil
                        ? try await CaseFile.find(existing.caseID, on: db)?.status == .closed : false
                    guard withdrawn else { return nil }
                    try await existing.delete(on: db)
                }
                guard try await Lease.find(leaseID, on: db)?.status == .active else { return nil }
                let caseID: UUID
                if let openCase,
                    let caseFile = try await CaseFile.query(on: db).filter(\.$id == openCase).filter(\.$status == .open)
                        .first()
                {
                    caseID = openCase
                    if caseFile.$lease.id == nil {
                        caseFile.$lease.id = leaseID
                        try await caseFile.update(on: db)
                    }
                    try await CaseParty.add(tenant.id, as: .tenant, to: caseID, id: uuid(), at: now, on: db)
                } else {
                    // A new case, with the number the letter names. (Had the estate's mail's case
                    // been closed in the seconds since the form was read, the letter names that
                    // case; so rare a race is not worth a second typesetting.)
                    caseID = try await cases.open(
                        .termination,
                        title: title.danish,
                        titleEnglish: title.english,
                        organisationID: loaded.lease.organisation_id,
                        leaseID: leaseID,
                        openedBy: principal.id,
                        number: reserved,
                        on: db
                    ).requireID()
                }
                let row = TerminationNotice(
                    id: uuid(),
                    leaseID: leaseID,
                    caseID: caseID,
                    filedBy: tenant.id,
                    forwardingAddress: notice.representative.lines.joined(separator: "\n"),
                    viewing: values.viewing,
                    submissionToken: token,
                    now: now
                )
                row.receivedOn = notice.receivedOn.iso
                row.endDate = ending.endDate
                row.estateFiler = notice.filer
                row.diedOn = notice.diedOn.iso
                row.representativeName = notice.representative.name
                row.representativeAddress = notice.representative.lines.joined(separator: "\n")
                row.registeredBy = principal.id
                try await row.create(on: db)
                try await Lease.query(on: db).filter(\.$id == leaseID)
                    .set(\.$status, to: .terminated).set(\.$endDateISO, to: ending.endDate).update()
                try await service.send(letter, createdBy: principal.id, caseID: caseID, on: db)
                try await CaseEvent(id: uuid(), caseID: caseID, kind: .estateNotice, at: now, by: principal.id)
                    .create(on: db)
                // The confirmation of the end date is the case's answer.
                try await CaseDeadlines.meet([.answer], of: caseID, at: now, on: db)
                return caseID
            }
        } catch {
            // The same form sent twice at once: the unique token or lease refuses the second.
            if let existing = try await TerminationNotice.query(on: req.db).filter(\.$submissionToken == token).first()
            {
                return existing.leaseID == leaseID ? existing.caseID : nil
            }
            if try await TerminationNotice.query(on: req.db).filter(\.$leaseID == leaseID).count() > 0 { return nil }
            throw error
        }
    }

    static func render(
        _ req: Request,
        _ loaded: EstateNoticePage.Loaded,
        step requested: String,
        values: Values,
        problems: [(String, String)],
        notice: Notice? = nil
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let lease = loaded.lease
        let step = blocked(loaded) ?? requested
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            // The confirmation's own label is a long sentence: the summary names it in a word.
            labelKey: { $0 == "confirm" ? "estateSummary_confirm" : "estateField_\($0)" },
            strings
        )
        var preview: Preview?
        if step == "preview", let notice, let tenant = loaded.tenants.first {
            let (_, letter) = try await confirmation(
                req,
                loaded,
                notice,
                inCase: loaded.openCase?.number,
                draft: true
            )
            let ending = lease.ending(ifReceived: notice.receivedOn, language, reason: .death)
            preview = Preview(
                endPassed: ending.flatMap { LocalDate(iso: $0.endDate) }.map { $0 < req.today } ?? false,
                died: DateText.long(notice.diedOn, language),
                received: DateText.long(notice.receivedOn, language),
                endDate: ending?.endDateText ?? "",
                explanation: ending?.explanation ?? [],
                filer: strings["estateFiler_\(notice.filer.rawValue)"] ?? "",
                envelope: {
                    let envelope = addressee(notice, deceased: tenant.name)
                    return [envelope.name] + envelope.lines
                }(),
                subject: letter.document.subject,
                letter: LetterTemplateRenderer.previewLines(letter.document.body)
            )
        }
        let caseQuery: [(String, String?)] = [("sag", loaded.openCase?.id.lowercasedString)]
        let heading = strings[step == "cotenants" ? "coTenantDeathTitle" : "estateTitle"] ?? ""
        let context = Context(
            page: await PageChrome.make(for: req, title: heading),
            heading: heading,
            searchHref: SiteRoute.staffEstateNotices.path(query: caseQuery),
            coTenantDeathHref: loaded.tenants.count > 1
                ? SiteRoute.staffCoTenantDeath(lease.id).path(query: caseQuery) : nil,
            address: "\(lease.addressLine), \(lease.postalCity)",
            organisation: lease.organisation_name,
            action: SiteRoute.staffEstateNotice(lease.id).path,
            step: step,
            tenant: loaded.tenants.first?.name ?? "",
            tenants: loaded.tenants.map(\.name),
            household: loaded.household.map(\.name),
            housing: strings["housing_\(lease.housing_type)"] ?? "",
            started: LocalDate(iso: lease.start_date).map { DateText.long($0, language) } ?? lease.start_date,
            startISO: lease.start_date,
            monthlyRent: MoneyText.written(Money(ore: lease.monthly_rent_ore), language),
            noticeHref: lease.noticeWithdrawn ? nil : lease.notice_case_id.map { SiteRoute.staffCase($0).path },
            terminatedEnd: lease.terminatedEnd.map { DateText.long($0, language) },
            caseNumber: loaded.openCase?.number,
            caseID: loaded.openCase?.id.lowercasedString,
            form: values,
            filers: EstateFiler.allCases.map {
                SelectOption(
                    value: $0.rawValue,
                    label: strings["estateFiler_\($0.rawValue)"] ?? "",
                    selected: $0.rawValue == values.filer
                )
            },
            errors: errors,
            errorList: errorList,
            token: step == "preview" ? req.application.dependencies.uuid().lowercasedString : "",
            preview: preview
        )
        return CompiledView.view(context.page, body: context.body(HTMLText(language)))
    }
}
