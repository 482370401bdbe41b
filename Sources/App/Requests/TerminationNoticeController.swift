import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/mit-hjem/lejemaal/{id}/opsig`: a tenant gives notice to end their lease (issue: Requests).
/// The page shows the end date the rules give if the notice arrives today; the tenant writes
/// where the move-out settlement goes and when the home can be shown, checks it on a preview and
/// sends it. Every tenant signs with their own MitID login: the notice waits for the co-tenants
/// (a termination case shows it to staff at once) and has arrived when the last one signs. Then
/// each tenant gets the confirmation letter (`TerminationConfirmationLetter`) with the end date,
/// through the channel the rules decide.
enum TerminationNoticeController {
    struct Context {
        let page: PageChrome
        let address: String
        let postalCity: String
        let leaseHref: String
        let action: String
        /// "form", "preview", "signing" (another tenant filed; this one has not signed),
        /// "waiting" (this one signed; others have not), "received", or "terminated" (the lease
        /// was terminated otherwise, e.g. on paper).
        let step: String
        let ending: TerminationAnswer?
        /// By when every tenant must have signed for `ending`'s date, when there are co-tenants.
        let signBy: String?
        /// The rule's explanation, without its first line ("the notice arrived on ..."), which
        /// reads as done before anything is sent.
        let explanation: [String]
        let monthlyRent: String
        let coTenants: [String]
        let form: Values
        let token: String
        let errors: [String: String]
        let errorList: [FieldError]
        let filedBy: String?
        /// The tenant who filed is the reader.
        let filedByYou: Bool
        /// The reader is among those who have not signed.
        let yourSignature: Bool
        /// The others who have not signed.
        let waitingFor: [String]
        let received: String?
        let endDate: String?
        let caseHref: String?
        let terminatedEnd: String?
    }

    struct Values {
        let forwardingAddress: String
        let viewing: String
        let confirm: Bool
    }

    struct Input: Content {
        var forwardingAddress: String?
        var viewing: String?
        var confirm: String?
        /// The tick that confirms stopping a notice.
        var stop: String?
        var step: String?
        var token: String?
    }

    static let maxAddress = 300
    static let maxViewing = 300

    /// The lease and its tenants, for a tenant of a lease that has not ended (a 404 otherwise).
    struct Loaded {
        let leaseID: UUID
        let lease: MyHomePage.Lease
        let tenants: [TerminationNoticePage.Row]
        /// The lease's notice, unless it was withdrawn (its case closed before it arrived).
        var notice: TerminationNoticePage.Row? { tenants.first { $0.notice_id != nil && !$0.isWithdrawn } }
        /// A withdrawn notice, which a new one replaces.
        var withdrawn: UUID? { tenants.first { $0.isWithdrawn }?.notice_id }
    }

    /// The person's lease and its tenants with their notices and signatures; nil when the lease
    /// is not theirs: two statements.
    static func load(_ leaseID: UUID, of personID: UUID, on db: any Database) async throws -> Loaded? {
        guard let lease = try await MyHomePage.lease(leaseID, of: personID, on: db) else { return nil }
        return Loaded(
            leaseID: leaseID,
            lease: lease,
            tenants: try await TerminationNoticePage.tenants(of: leaseID, on: db)
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
        return try await render(req, principal, loaded, step: nil, values: nil, problems: [])
    }

    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let loaded = try await load(req, principal)
        let input = try req.content.decode(Input.self)
        let values = Values(
            forwardingAddress: DepartmentContactController.clean(input.forwardingAddress),
            viewing: DepartmentContactController.clean(input.viewing),
            confirm: input.confirm == "ja"
        )
        if let caseID = loaded.notice?.case_id {
            switch input.step {
            case "sign":
                // A signature is a legal act: given within minutes of a MitID login.
                try req.requireRecentAuthentication(principal, returnTo: SiteRoute.myTermination(loaded.leaseID).path)
                guard values.confirm else {
                    return try await render(
                        req,
                        principal,
                        loaded,
                        step: nil,
                        values: nil,
                        problems: [("confirm", "terminateErrorConfirm")]
                    ).encodeResponse(status: .unprocessableEntity, for: req)
                }
                let received = try await sign(req, principal, loaded)
                return req.redirect(
                    to: SiteRoute.myCase(caseID).path(query: [("besked", received ? "opsagt" : "underskrevet")]),
                    redirectType: .normal
                )
            case "withdraw":
                // Until every tenant has signed, any of them may stop the notice: its case closes,
                // which makes it withdrawn, and the lease goes on.
                guard let noticeID = loaded.notice?.notice_id, loaded.notice?.received_on == nil else {
                    return req.redirect(to: SiteRoute.myTermination(loaded.leaseID).path, redirectType: .normal)
                }
                guard input.stop == "ja" else {
                    return try await render(
                        req,
                        principal,
                        loaded,
                        step: nil,
                        values: nil,
                        problems: [("stop", "terminateErrorStop")]
                    ).encodeResponse(status: .unprocessableEntity, for: req)
                }
                let now = req.application.dependencies.now()
                let told = try await stoppedLetters(req, principal, loaded)
                let service = req.application.letters()
                let stopped = try await req.db.transaction { db -> Bool in
                    try await lock(noticeID, on: db)
                    // The last signature may have come first: then the notice has arrived.
                    guard try await TerminationNotice.find(noticeID, on: db)?.receivedOn == nil else { return false }
                    try await CaseFile.query(on: db).filter(\.$id == caseID).filter(\.$status == .open)
                        .set(\.$status, to: .closed).set(\.$closedAt, to: now).update()
                    try await CaseEvent(
                        id: req.application.dependencies.uuid(),
                        caseID: caseID,
                        kind: .stopped,
                        at: now,
                        by: nil,
                        // The tenant who stopped it, named in the case's history.
                        detail: principal.name
                    ).create(on: db)
                    // The other tenants learn it by letter, in the case (staff see it in its history).
                    for letter in told { try await service.send(letter, createdBy: nil, caseID: caseID, on: db) }
                    return true
                }
                guard stopped else {
                    return req.redirect(to: SiteRoute.myTermination(loaded.leaseID).path, redirectType: .normal)
                }
                return req.redirect(
                    to: SiteRoute.myCase(caseID).path(query: [("besked", "stoppet")]),
                    redirectType: .normal
                )
            case "send":
                // Sent twice (a double click, the back button), or another tenant filed first.
                return req.redirect(to: SiteRoute.myCase(caseID).path, redirectType: .normal)
            default:
                return req.redirect(to: SiteRoute.myTermination(loaded.leaseID).path, redirectType: .normal)
            }
        }
        if loaded.lease.terminatedEnd != nil {
            return req.redirect(to: SiteRoute.myTermination(loaded.leaseID).path, redirectType: .normal)
        }
        switch input.step {
        case "preview", "send":
            let problems = check(values)
            guard problems.isEmpty else {
                return try await render(req, principal, loaded, step: "form", values: values, problems: problems)
                    .encodeResponse(status: .unprocessableEntity, for: req)
            }
            guard input.step == "send", let token = input.token, UUID(uuidString: token) != nil else {
                return try await render(req, principal, loaded, step: "preview", values: values, problems: [])
                    .encodeResponse(for: req)
            }
            // Sending is the tenant's signature: given within minutes of a MitID login.
            try req.requireRecentAuthentication(principal, returnTo: SiteRoute.myTermination(loaded.leaseID).path)
            guard let caseID = try await file(req, principal, loaded, values: values, token: token) else {
                return req.redirect(to: SiteRoute.myTermination(loaded.leaseID).path, redirectType: .normal)
            }
            let received = loaded.tenants.allSatisfy { $0.person_id == principal.id }
            return req.redirect(
                to: SiteRoute.myCase(caseID).path(query: [("besked", received ? "opsagt" : "gemt")]),
                redirectType: .normal
            )
        default:
            return try await render(req, principal, loaded, step: "form", values: values, problems: [])
                .encodeResponse(for: req)
        }
    }

    static func check(_ values: Values) -> [(String, String)] {
        var problems: [(String, String)] = []
        if values.forwardingAddress.isEmpty {
            problems.append(("forwardingAddress", "terminateErrorAddress"))
        } else if values.forwardingAddress.count > maxAddress {
            problems.append(("forwardingAddress", "terminateErrorAddressLong"))
        } else if !FieldError.looksLikeAddress(values.forwardingAddress) {
            problems.append(("forwardingAddress", "terminateErrorAddressIncomplete"))
        }
        if values.viewing.count > maxViewing { problems.append(("viewing", "terminateErrorViewingLong")) }
        if !values.confirm { problems.append(("confirm", "terminateErrorConfirm")) }
        return problems
    }

    /// Files the notice: the termination case, the notice and the tenant's signature, and (for a
    /// lease with one tenant) its arrival with the confirmation letter, in one transaction. A form
    /// sent again finds its notice by its token; nil when another tenant's notice got there first.
    static func file(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        values: Values,
        token: String
    ) async throws -> UUID? {
        if let existing = try await TerminationNotice.query(on: req.db).filter(\.$submissionToken == token)
            .filter(\.$leaseID == loaded.leaseID).first()
        {
            return existing.caseID
        }
        let now = req.application.dependencies.now()
        let lonely = loaded.tenants.allSatisfy { $0.person_id == principal.id }
        let cases = req.application.cases
        // The case's number first: every letter names it.
        let number = try await cases.reserveNumber()
        let confirmation = lonely ? try await confirmation(req, loaded, received: req.today, inCase: "\(number)") : nil
        let requests = lonely ? [] : try await signatureRequests(req, principal, loaded, inCase: "\(number)")
        let uuid = req.application.dependencies.uuid
        // A notice that waits for co-tenants is received by no one yet: its filer gets a receipt
        // that says so (the co-tenants' letters are no receipt to them).
        let receipt = lonely ? nil : try await waitingReceipt(req, principal, loaded, number: number)
        let address = loaded.lease.addressLine
        let title = BilingualWords(key: "caseTitle_termination", ["address": address])
        do {
            return try await req.db.transaction { db in
                // A notice that waited for a co-tenant and whose case staff closed was withdrawn;
                // its case keeps its history.
                if let withdrawn = loaded.withdrawn {
                    try await TerminationNotice.find(withdrawn, on: db)?.delete(on: db)
                }
                let caseFile = try await cases.open(
                    .termination,
                    title: title.danish,
                    titleEnglish: title.english,
                    organisationID: loaded.lease.organisation_id,
                    leaseID: loaded.leaseID,
                    openedBy: nil,
                    number: number,
                    on: db
                )
                let caseID = try caseFile.requireID()
                let notice = TerminationNotice(
                    id: uuid(),
                    leaseID: loaded.leaseID,
                    caseID: caseID,
                    filedBy: principal.id,
                    forwardingAddress: values.forwardingAddress,
                    viewing: values.viewing,
                    submissionToken: token,
                    now: now
                )
                try await notice.create(on: db)
                try await TerminationSignature(
                    id: uuid(),
                    noticeID: try notice.requireID(),
                    principal: principal,
                    now: now
                )
                .create(on: db)
                if let confirmation { try await receive(notice, confirmation, caseID: caseID, on: db, req) }
                if !requests.isEmpty { try await CaseDeadlines.cancel([.answer], of: caseID, on: db) }
                if let receipt {
                    try await req.application.letters().send(receipt, createdBy: nil, caseID: caseID, on: db)
                }
                for request in requests {
                    try await req.application.letters().send(request, createdBy: nil, caseID: caseID, meets: [], on: db)
                }
                return caseID
            }
        } catch {
            // The same form sent twice at once (a double click), or another tenant of the lease
            // filing at the same moment: the unique token or lease refuses the second, or SQLite
            // refuses a second writer. What got there first answers.
            if let existing = try await TerminationNotice.query(on: req.db).filter(\.$submissionToken == token)
                .filter(\.$leaseID == loaded.leaseID).first()
            {
                return existing.caseID
            }
            if try await TerminationNotice.query(on: req.db).filter(\.$leaseID == loaded.leaseID).count() > 0 {
                return nil
            }
            throw error
        }
    }

    /// A co-tenant signs; the last signature makes the notice arrive today. Returns whether it
    /// has arrived. Whether this signature is the last is decided inside the transaction, with the
    /// notice locked: two co-tenants signing at once would otherwise each see the other unsigned.
    static func sign(_ req: Request, _ principal: Principal, _ loaded: Loaded) async throws -> Bool {
        guard let noticeID = loaded.notice?.notice_id, loaded.notice?.received_on == nil,
            loaded.tenants.contains(where: { $0.person_id == principal.id && $0.signed_at == nil })
        else { return loaded.notice?.received_on != nil }
        // Typeset first: rendering does not belong inside a transaction that holds a lock. Whether
        // this signature is the last is only known inside it, so every signature typesets.
        let confirmation = try await confirmation(
            req,
            loaded,
            received: req.today,
            inCase: loaded.notice?.case_number
        )
        let now = req.application.dependencies.now()
        let uuid = req.application.dependencies.uuid
        let leaseID = loaded.leaseID
        do {
            return try await req.db.transaction { db -> Bool in
                try await lock(noticeID, on: db)
                try await TerminationSignature(id: uuid(), noticeID: noticeID, principal: principal, now: now)
                    .create(on: db)
                guard try await unsigned(noticeID, leaseID: leaseID, on: db) == 0,
                    let notice = try await TerminationNotice.find(noticeID, on: db), notice.receivedOn == nil,
                    try await CaseFile.find(notice.caseID, on: db)?.status == .open
                else { return false }
                try await receive(notice, confirmation, caseID: notice.caseID, on: db, req)
                return true
            }
        } catch {
            // Signed already, in another tab or by a double click: say what that signature did.
            guard
                try await TerminationSignature.query(on: req.db).filter(\.$noticeID == noticeID)
                    .filter(\.$personID == principal.id).count() > 0
            else { throw error }
            return try await TerminationNotice.find(noticeID, on: req.db)?.receivedOn != nil
        }
    }

    /// On PostgreSQL, locks the notice's row for the transaction (SQLite has one writer at a time).
    static func lock(_ noticeID: UUID, on database: any Database) async throws {
        try await database.lockRows(of: "termination_notices", is: noticeID)
    }

    /// How many of the lease's tenants have not signed the notice.
    static func unsigned(_ noticeID: UUID, leaseID: UUID, on database: any Database) async throws -> Int {
        struct Row: Decodable { let n: Int }
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        return try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM lease_tenants lt WHERE lt.lease_id = \(bind: leaseID)
              AND NOT EXISTS (SELECT 1 FROM termination_signatures s WHERE s.notice_id = \(bind: noticeID)
                AND s.person_id = lt.person_id)
            """
        ).first(decoding: Row.self)?.n ?? 0
    }

    /// The confirmation letters of a notice arriving on `received`, typeset, with its end date.
    struct Confirmation: Sendable {
        let received: LocalDate
        let end: LocalDate
        let letters: [LetterService.Prepared]
    }

    /// The notice has arrived: its date and end date, and each tenant's confirmation letter.
    static func receive(
        _ notice: TerminationNotice,
        _ confirmation: Confirmation,
        caseID: UUID,
        on db: any Database,
        _ req: Request
    ) async throws {
        notice.receivedOn = confirmation.received.iso
        notice.endDate = confirmation.end.iso
        try await notice.update(on: db)
        // The register learns the end: the lease is terminated (opsagt) until it ends.
        try await Lease.query(on: db).filter(\.$id == notice.leaseID)
            .set(\.$status, to: .terminated).set(\.$endDateISO, to: confirmation.end.iso).update()
        let service = req.application.letters()
        for letter in confirmation.letters {
            try await service.send(letter, createdBy: nil, caseID: caseID, on: db)
        }
        // The confirmation of the end date is the case's answer.
        try await CaseDeadlines.meet([.answer], of: caseID, at: req.application.dependencies.now(), on: db)
    }

    /// A letter to each other tenant: the notice was stopped, by whom, and the lease goes on.
    static func stoppedLetters(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded
    ) async throws -> [LetterService.Prepared] {
        let who = loaded.tenants.first { $0.person_id == principal.id }?.name ?? ""
        let address = loaded.lease.addressLine
        let content = GeneralLetter(
            subject: MarkupText("Opsigelsen af \(address) er stoppet"),
            paragraphs: [
                MarkupText(
                    "\(who) har den \(DateText.short(req.today, .da)) stoppet opsigelsen af jeres lejemål \(address), \(loaded.lease.postalCity). Lejemålet fortsætter."
                ),
                MarkupText("Vil I stadig opsige lejemålet, skal I sende en ny opsigelse på Mit hjem."),
            ]
        )
        return try await toOtherTenants(content, req, principal, loaded, inCase: loaded.notice?.case_number)
    }

    /// `content` typeset for each tenant of the lease but the principal.
    static func toOtherTenants(
        _ content: GeneralLetter,
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        inCase caseNumber: String? = nil
    ) async throws -> [LetterService.Prepared] {
        let service = req.application.letters()
        var letters: [LetterService.Prepared] = []
        for tenant in loaded.tenants where tenant.person_id != principal.id {
            letters.append(
                try await service.prepare(content, to: tenant.person_id, lease: loaded.leaseID, inCase: caseNumber)
            )
        }
        return letters
    }

    /// The filer's receipt for a notice that waits for the co-tenants: what they sent, that it is
    /// received only when all have signed, and the end date if they sign in time.
    static func waitingReceipt(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        number: CaseNumber
    ) async throws -> LetterService.Prepared {
        let address = loaded.lease.addressLine
        let others = loaded.tenants.filter { $0.person_id != principal.id }.map(\.name)
        let names = DanishList.joined(others)
        var paragraphs = [
            "Du sendte den \(DateText.short(req.today, .da)) en opsigelse af \(address), \(loaded.lease.postalCity), på Mit hjem.",
            "Din sag har nummer \(number). Nævn nummeret, hvis du kontakter os om den.",
            "Alle lejere skal underskrive opsigelsen. Den er først modtaget, når alle har underskrevet, og slutdatoen regnes fra den dag. Vi har skrevet til \(names) om at underskrive på Mit hjem.",
        ]
        if let end = loaded.lease.ending(ifReceived: req.today, .da)?.endDateText,
            let last = loaded.lease.lastArrivalForSameEnd(req.today)
        {
            paragraphs.append(
                "Har alle underskrevet senest \(DateText.long(last, .da)), slutter lejemålet \(end). Bliver den underskrevet senere, kan det slutte senere."
            )
        }
        paragraphs.append(
            "Når alle har underskrevet, får I en bekræftelse med slutdatoen. Du kan følge sagen under Mine sager på Almen."
        )
        return try await req.application.letters().prepare(
            GeneralLetter(
                subject: MarkupText("Din opsigelse af \(address) venter på underskrift"),
                paragraphs: paragraphs.map { MarkupText($0) }
            ),
            to: principal.id,
            lease: loaded.leaseID,
            inCase: "\(number)"
        )
    }

    /// A letter to each co-tenant: the notice waits for their signature, and where to give it.
    static func signatureRequests(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        inCase caseNumber: String? = nil
    ) async throws -> [LetterService.Prepared] {
        let filer = loaded.tenants.first { $0.person_id == principal.id }?.name ?? ""
        // The two facts a co-tenant needs: the end date, and by when all must sign for it.
        var when: [MarkupText] = []
        if let end = loaded.lease.ending(ifReceived: req.today, .da)?.endDateText,
            let last = loaded.lease.lastArrivalForSameEnd(req.today)
        {
            when.append(
                MarkupText(
                    "Har alle underskrevet senest \(DateText.long(last, .da)), slutter lejemålet \(end). Underskriver I senere, kan det slutte senere."
                )
            )
        }
        let content = GeneralLetter(
            subject: MarkupText("Din medlejer vil opsige lejemålet \(loaded.lease.addressLine)"),
            paragraphs: [
                MarkupText(
                    "\(filer) har den \(DateText.short(req.today, .da)) sendt en opsigelse af jeres lejemål \(loaded.lease.addressLine), \(loaded.lease.postalCity), på Mit hjem."
                ),
                MarkupText(
                    "Alle lejere skal underskrive opsigelsen. Den er først modtaget, når alle har underskrevet, og slutdatoen regnes fra den dag. Log ind på Mit hjem med MitID: under jeres lejemål står der, at en opsigelse venter på din underskrift."
                ),
            ] + when + [
                MarkupText(
                    "Vil du ikke opsige lejemålet, kan du vælge \u{201D}Jeg vil ikke opsige\u{201D} samme sted. Så stopper opsigelsen, og lejemålet fortsætter."
                )
            ]
        )
        return try await toOtherTenants(content, req, principal, loaded, inCase: caseNumber)
    }

    /// The confirmation letter to each tenant, typeset before the transaction that sends them.
    static func confirmation(
        _ req: Request,
        _ loaded: Loaded,
        received: LocalDate,
        inCase caseNumber: String? = nil
    ) async throws -> Confirmation {
        guard let ending = loaded.lease.ending(ifReceived: received, .da), let end = LocalDate(iso: ending.endDate)
        else { throw Abort(.internalServerError, reason: "No end date for the lease") }
        let rent = Money(ore: loaded.lease.monthly_rent_ore).danishFigure
        let content = TerminationConfirmationLetter(
            received: MarkupText(DateText.short(received, .da)),
            endDate: MarkupText(DateText.long(end, .da)),
            monthlyRent: MarkupText(rent)
        )
        let service = req.application.letters()
        var letters: [LetterService.Prepared] = []
        for tenant in loaded.tenants {
            letters.append(
                try await service.prepare(content, to: tenant.person_id, lease: loaded.leaseID, inCase: caseNumber)
            )
        }
        return Confirmation(received: received, end: end, letters: letters)
    }

    static func render(
        _ req: Request,
        _ principal: Principal,
        _ loaded: Loaded,
        step requested: String?,
        values: Values?,
        problems: [(String, String)]
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let notice = loaded.notice
        let step: String
        if let notice {
            if notice.received_on != nil {
                step = "received"
            } else if loaded.tenants.contains(where: { $0.person_id == principal.id && $0.signed_at == nil }) {
                step = "signing"
            } else {
                step = "waiting"
            }
        } else if loaded.lease.terminatedEnd != nil {
            step = "terminated"
        } else {
            step = requested ?? "form"
        }
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { "terminateField_\($0)" },
            strings
        )
        let shown =
            values
            ?? Values(
                forwardingAddress: notice?.forwarding_address ?? "",
                viewing: notice?.viewing ?? "",
                confirm: false
            )
        let lease = loaded.lease
        let ending = lease.ending(ifReceived: req.today, language)
        let context = Context(
            page: await PageChrome.make(for: req, title: strings["terminateTitle"] ?? ""),
            address: lease.addressLine,
            postalCity: lease.postalCity,
            leaseHref: SiteRoute.myLease(loaded.leaseID).path,
            action: SiteRoute.myTermination(loaded.leaseID).path,
            step: step,
            ending: ending,
            signBy: loaded.tenants.count > 1
                ? lease.lastArrivalForSameEnd(req.today).map { DateText.long($0, language) } : nil,
            explanation: Array((ending?.explanation ?? []).dropFirst()),
            monthlyRent: MoneyText.written(Money(ore: lease.monthly_rent_ore), language),
            coTenants: loaded.tenants.filter { $0.person_id != principal.id }.map(\.name),
            form: shown,
            token: step == "preview" ? req.application.dependencies.uuid().lowercasedString : "",
            errors: errors,
            errorList: errorList,
            filedBy: loaded.tenants.first { $0.person_id == notice?.filed_by }?.name,
            filedByYou: notice?.filed_by == principal.id,
            yourSignature: loaded.tenants.contains { $0.person_id == principal.id && $0.signed_at == nil },
            waitingFor: loaded.tenants.filter { $0.signed_at == nil && $0.person_id != principal.id }.map(\.name),
            received: notice?.received_on.flatMap(LocalDate.init(iso:)).map { DateText.short($0, language) },
            endDate: notice?.end_date.flatMap(LocalDate.init(iso:)).map { DateText.long($0, language) },
            caseHref: notice?.case_id.map { SiteRoute.myCase($0).path },
            terminatedEnd: lease.terminatedEnd.map { DateText.long($0, language) }
        )
        return CompiledView.view(context.page, body: context.body(HTMLText(language)))
    }
}
