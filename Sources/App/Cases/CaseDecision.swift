import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// A caseworker's decision on a resident's request (afgørelse): a sub-letting approved or refused,
/// a fault fixed or not the organisation's to fix, a no always with its reason. It is made once
/// per case; its letter goes to the case's tenants through the channel rule, and the case closes.
final class CaseDecision: Model, @unchecked Sendable {
    static let schema = "case_decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "outcome") var outcome: DecisionOutcome
    @Field(key: "reason") var reason: String
    @Field(key: "decided_by") var decidedBy: UUID
    @Field(key: "decided_at") var decidedAt: Date

    init() {}
}

enum DecisionOutcome: String, Codable, Sendable, CaseIterable {
    /// Godkendt (a sub-letting).
    case approved
    /// Afslået (a sub-letting).
    case refused
    /// Udbedret (a fault).
    case fixed
    /// Ikke boligorganisationens ansvar (a fault the tenant, or nobody, is to mend).
    case notOurs = "not_ours"
    /// Ophævet (an arrears case whose påkrav was not paid in time, ALL § 90, stk. 1, nr. 1).
    case ophaevet
    /// Ikke ophævet (an arrears case the caseworker ends otherwise: a payment plan, a late payment).
    case waived

    /// The outcomes a case of `kind` can have; none for a kind decided otherwise.
    static func options(for kind: CaseKind) -> [DecisionOutcome] {
        switch kind {
        case .subletting, .swap: [.approved, .refused]
        case .faultReport: [.fixed, .notOurs]
        case .arrears: [.ophaevet, .waived]
        default: []
        }
    }

    /// A no is explained to the tenants.
    var needsReason: Bool { self == .refused || self == .notOurs || self == .waived }
}

/// What a decision is about: the request the resident filed.
enum DecisionSubject {
    case subletting(SublettingRequest)
    case fault(FaultReport)
    case paakrav(ArrearsRun.NoticeRow)
    case swap(SwapCard.Row)

    static func of(_ caseFile: CaseFile, on database: any Database) async throws -> DecisionSubject? {
        let caseID = try caseFile.requireID()
        switch caseFile.kind {
        case .subletting:
            return try await SublettingRequest.query(on: database).filter(\.$caseID == caseID)
                .filter(\.$status == .sent).first().map(DecisionSubject.subletting)
        case .faultReport:
            return try await FaultReport.query(on: database).filter(\.$caseID == caseID).first()
                .map(DecisionSubject.fault)
        case .arrears:
            guard let leaseID = caseFile.$lease.id,
                let notice = try await ArrearsRun.openPaakrav(of: leaseID, on: database), notice.case_id == caseID
            else { return nil }
            return .paakrav(notice)
        case .swap:
            guard let sql = database as? any SQLDatabase else { return nil }
            return try await SwapCard.row(ofCase: caseID, on: sql).map(DecisionSubject.swap)
        default:
            return nil
        }
    }

    /// Why an approval must wait or cannot be given, as a `strings` key; nil when it may be given.
    /// A swap: `SwapCard.blocker`. The whole home let: the sub-tenant has signed (rules.md §4: both
    /// sign), the lease is still running, and the sub-letting has not begun.
    func approvalBlocker(today: LocalDate, on database: any Database) async throws -> String? {
        // The tenant who applied must still hold the lease (a co-tenant who died is taken off it).
        let applicant: (lease: UUID, person: UUID)? =
            switch self {
            case .swap(let row): (row.lease_id, row.filed_by)
            case .subletting(let request): (request.leaseID, request.filedBy)
            default: nil
            }
        if let applicant,
            try await LeaseTenant.query(on: database).filter(\.$lease.$id == applicant.lease)
                .filter(\.$person.$id == applicant.person).count() == 0
        {
            return "requestErrorApplicantGone"
        }
        // So must the swap partner, when their home moves too.
        if case .swap(let row) = self, row.otherCarriedOut, let partner = row.other_person_id,
            let otherLease = row.other_lease_id,
            try await LeaseTenant.query(on: database).filter(\.$lease.$id == otherLease)
                .filter(\.$person.$id == partner).count() == 0
        {
            return "swapErrorPartnerGone"
        }
        switch self {
        case .swap(let row):
            return SwapCard.blocker(row, today: today)
        case .subletting(let request) where request.kind == .whole:
            if request.subtenantSignedAt == nil { return "wholeErrorNotSigned" }
            if let sql = database as? any SQLDatabase, let caseID = request.caseID,
                let application = try await CoTenantSignatures.application(ofCase: caseID, on: sql),
                try await !CoTenantSignatures.missing(application, on: sql).isEmpty
            {
                return "requestErrorCoTenantsWaiting"
            }
            if try await Lease.find(request.leaseID, on: database)?.status != .active { return "wholeErrorLeaseEnding" }
            if let start = LocalDate(iso: request.startDate), start <= today { return "wholeErrorStartPassed" }
            return nil
        default:
            return nil
        }
    }
}

struct CreateCaseDecisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseDecision.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("outcome", .string, .required)
            .field("reason", .string, .required)
            .field("decided_by", .uuid, .required, .references(StaffUser.schema, "id"))
            .field("decided_at", .datetime, .required)
            .unique(on: "case_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseDecision.schema).delete()
    }
}

/// `POST /admin/sager/:caseID/afgoerelse`: a caseworker decides a partial sub-letting notice or
/// a fault report.
/// The first post (`step=preview`) checks the form and shows the letter as it will read; the
/// second (`step=send`) records the decision, sends the letter to each tenant and closes the
/// case, all in one transaction. A case decided already is not decided again.
enum CaseDecisionController {
    /// What was decided, when, and why, as a case's page says it: "Udbedret 2. december 2026
    /// kl. 10.00. Begrundelse …"; nil before a decision.
    static func decided(
        _ outcome: String?,
        reason: String?,
        at: Date?,
        strings: [String: String],
        language: Language
    ) -> String? {
        guard let outcome = outcome.flatMap(DecisionOutcome.init(rawValue:)) else { return nil }
        var text =
            "\(strings["decision_\(outcome.rawValue)"] ?? "") \(at.map { DateText.timestamp($0, language) } ?? "")"
        if let reason, !reason.isEmpty { text += ". \(reason)" }
        return text
    }

    struct Input: Content {
        var outcome: String?
        var reason: String?
        var step: String?
    }

    static let maxReason = 2000

    /// What the decision form holds, and what is wrong with it.
    struct Form: Encodable {
        var outcome = ""
        var reason = ""
        var errors: [String: String] = [:]
        var errorList: [FieldError] = []
        /// The letter as it will read, once the form is right and a preview was asked for.
        var preview: [String]? = nil
        var previewSubject: String? = nil
        /// Whom the previewed letter goes to: the case's tenants by name.
        var previewTo: String? = nil
        /// Whether a swap's other tenant also gets the answer (without the reason).
        var previewPartner = false
        /// What a whole sub-letting's sub-tenant is told of the decision, and how.
        var previewSubtenant: String? = nil
        /// The other letters that go with the decision (to a swap's other tenant, to the
        /// sub-tenant), as they will read.
        var previewAlso: [OtherLetter] = []
        /// The outcomes the case's kind can have, as radio buttons.
        var options: [SelectOption] = []
        /// When the reason must be given, in the words of the case's kind.
        var reasonHint = ""
    }

    /// A letter that goes with the decision to someone else, as its preview shows it.
    struct OtherLetter: Encodable {
        /// Whom it goes to, by name.
        let to: String
        let subject: String
        let paragraphs: [String]

        init(to: String, _ letter: any ParagraphLetter) {
            (self.to, subject, paragraphs) = (to, letter.subject.raw, letter.paragraphs.map(\.raw))
        }
    }

    @Sendable
    static func decide(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let caseFile = try await CaseFile.find(caseID, on: req.db), scope.contains(caseFile.$organisation.id),
            let subject = try await DecisionSubject.of(caseFile, on: req.db),
            let leaseID = caseFile.$lease.id
        else { throw Abort(.notFound) }
        let page = SiteRoute.staffCase(caseID).path
        if try await CaseDecision.query(on: req.db).filter(\.$caseID == caseID).count() > 0 || caseFile.status != .open
        {
            return req.redirect(to: page, redirectType: .normal)
        }
        let strings = Strings.table(req.language)
        let input = try req.content.decode(Input.self)
        var form = Form(
            outcome: input.outcome ?? "",
            reason: DepartmentContactController.clean(input.reason)
        )
        let outcome = DecisionOutcome(rawValue: form.outcome).flatMap {
            DecisionOutcome.options(for: caseFile.kind).contains($0) ? $0 : nil
        }
        var problems: [(String, String)] = []
        if outcome == nil { problems.append(("outcome", strings["decisionErrorOutcome"] ?? "")) }
        if outcome?.needsReason == true && form.reason.isEmpty {
            problems.append(
                (
                    "reason",
                    strings["decisionErrorReason_\(caseFile.kind.rawValue)"] ?? strings["decisionErrorReason"] ?? ""
                )
            )
        } else if form.reason.count > maxReason {
            problems.append(("reason", strings["decisionErrorReasonLong"] ?? ""))
        }
        // A lease is ophævet only when the rules allow it today.
        let rules = req.application.arrearsRules
        var deadlinePassed = false
        if case .paakrav(let notice) = subject {
            let ledger = try await LeaseAccount.ledger(of: leaseID, on: req.db)
            let refused = ophaevelseRefused(notice.sent, ledger: ledger, today: req.today, rules: rules, req.language)
            deadlinePassed = refused == nil
            if outcome == .ophaevet, let refused { problems.append(("outcome", refused)) }
        }
        // What the application still lacks before it can be approved (a signature, a landlord's yes).
        if outcome == .approved, let blocker = try await subject.approvalBlocker(today: req.today, on: req.db) {
            problems.append(("outcome", strings[blocker] ?? ""))
        }
        (form.errors, form.errorList) = FieldError.collect(problems, labelKey: { "decisionField_\($0)" }, strings)
        let address = try await address(of: leaseID, on: req.db)
        guard let outcome, problems.isEmpty else {
            return try await StaffCasesController.show(req, decision: form).encodeResponse(
                status: .unprocessableEntity,
                for: req
            )
        }
        let letter = decisionLetter(
            outcome,
            reason: form.reason,
            subject: subject,
            address: address,
            rules: rules,
            deadlinePassed: deadlinePassed
        )
        if input.step == "edit" {
            return try await StaffCasesController.show(req, decision: form).encodeResponse(for: req)
        }
        // A swap's other tenant gets the decision without the reason (written to our tenants, it
        // may concern them only).
        let partnerLetter = decisionLetter(
            outcome,
            reason: "",
            subject: subject,
            address: address,
            rules: rules,
            deadlinePassed: deadlinePassed
        )
        let tenantParties = try await CaseParty.query(on: req.db).filter(\.$caseFile.$id == caseID)
            .filter(\.$role == .tenant).with(\.$person).all()
        let tenants = tenantParties.map(\.$person.id)
        guard input.step == "send" else {
            form.preview = letter.paragraphs.map(\.raw)
            form.previewSubject = letter.subject.raw
            form.previewTo = tenantParties.map(\.person.fullName).joined(separator: ", ")
            if let (row, other, _) = swapPartner(subject, besides: tenants) {
                form.previewPartner = true
                // The person the letter goes to, by the register's name (not as the tenant typed it).
                let name = try await Person.find(other, on: req.db)?.fullName ?? row.other_tenant
                form.previewAlso.append(OtherLetter(to: name, partnerLetter))
            }
            if let subtenant = subtenant(subject, besides: tenants),
                let name = try await Person.find(subtenant, on: req.db)?.fullName
            {
                form.previewSubtenant = strings.filled(
                    outcome == .approved ? "decisionPreviewSubtenant" : "decisionPreviewSubtenantRefused",
                    ["name": name]
                )
                if outcome == .approved, case .subletting(let request) = subject {
                    form.previewAlso.append(OtherLetter(to: name, subtenantLetter(request: request, address: address)))
                }
            }
            return try await StaffCasesController.show(req, decision: form).encodeResponse(for: req)
        }
        let letters = req.application.letters()
        var prepared: [LetterService.Prepared] = []
        let number = caseFile.number
        for tenant in tenants {
            prepared.append(try await letters.prepare(letter, to: tenant, lease: leaseID, inCase: number))
        }
        // A swap partner whose home is ours too gets the answer at that home.
        var partners: [UUID] = []
        if let (row, other, otherLease) = swapPartner(subject, besides: tenants) {
            let theirs = partnerLetter
            // Another organisation's home: the letter is ours (our letterhead, in our case), and on
            // paper it goes to the partner's home.
            prepared.append(
                row.sameLandlord
                    ? try await letters.prepare(theirs, to: other, lease: otherLease, inCase: number)
                    : try await letters.prepare(
                        theirs,
                        to: other,
                        lease: row.lease_id,
                        envelope: SwapCard.registerEnvelope(row),
                        channelLease: otherLease,
                        inCase: number
                    )
            )
            partners.append(other)
        }
        // A whole sub-letting's sub-tenant, who signed the application, gets an approval too,
        // without the reason (written to the tenant, it may concern the tenant only), at the home
        // that is theirs from its start. A refusal is no letter to them at a home that will not
        // be theirs: they see it on the case.
        if outcome == .approved, let subtenant = subtenant(subject, besides: tenants),
            case .subletting(let request) = subject
        {
            prepared.append(
                try await letters.prepare(
                    subtenantLetter(request: request, address: address),
                    to: subtenant,
                    lease: leaseID,
                    inCase: number
                )
            )
            partners.append(subtenant)
        }
        let informed = tenants + partners
        let ready = prepared
        // An ophævelse puts the tenant at risk of eviction: the municipality is told (rules.md §3).
        var municipal: (name: String, content: GeneralLetter)? = nil
        if outcome == .ophaevet, case .paakrav(let notice) = subject, let sent = notice.sent,
            let lease = try await MunicipalityNotices.lease(leaseID, on: req.db)
        {
            let content = MunicipalityNotices.content(
                .ophaevelse,
                lease: lease,
                sentOn: sent.sentOn,
                demanded: sent.demanded,
                deadline: rules.deadline(of: sent) ?? sent.statedDeadline,
                today: req.today
            )
            municipal = (lease.municipality, content)
        }
        let notify = municipal
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        let audit = req.audit
        let reason = form.reason
        do {
            try await req.db.transaction { db in
                let decision = CaseDecision()
                decision.id = dependencies.uuid()
                decision.caseID = caseID
                decision.outcome = outcome
                decision.reason = reason
                decision.decidedBy = principal.id
                decision.decidedAt = now
                // The unique case refuses a second decision made at the same moment.
                try await decision.create(on: db)
                for letter in ready { try await letters.send(letter, createdBy: principal.id, caseID: caseID, on: db) }
                let close = CaseFile.query(on: db).filter(\.$id == caseID).set(\.$status, to: .closed)
                    .set(\.$closedAt, to: now)
                // Whoever decides a case nobody had taken is its caseworker from then on.
                if caseFile.assigneeID == nil {
                    _ = close.set(\.$assigneeID, to: principal.id).set(\.$assignedAt, to: now)
                }
                try await close.update()
                if let notify {
                    try await MunicipalityNotices.queue(
                        .ophaevelse,
                        notify.content,
                        municipality: notify.name,
                        caseID: caseID,
                        on: db,
                        dependencies: dependencies
                    )
                }
                // An approved swap is a move-out and a move-in for each home we let.
                if outcome == .approved, case .swap(let row) = subject {
                    try await SwapCard.carryOut(row, dependencies: dependencies, on: db)
                }
                // An ophævet lease ends: it is terminated from today, and the move-out follows.
                if outcome == .ophaevet {
                    try await Lease.query(on: db).filter(\.$id == leaseID).set(\.$status, to: .terminated)
                        .set(\.$endDateISO, to: LocalDate(now, timeZone: danishTimeZone).iso).update()
                }
                try await CaseEvent(
                    id: dependencies.uuid(),
                    caseID: caseID,
                    kind: .decided,
                    at: now,
                    by: principal.id,
                    // The history words a swap's outcome as a swap's ("Byttet er godkendt").
                    detail: caseFile.kind == .swap ? "swap_\(outcome.rawValue)" : outcome.rawValue
                ).create(on: db)
                // The letters met the answer already; a case with no tenant left has none.
                try await CaseDeadlines.meet([.answer, .decision], of: caseID, at: now, on: db)
                // A letter to a landlord outside Almen that has not gone yet stays unsent.
                if caseFile.kind == .swap { try await MunicipalityNotices.cancelSwapLetter(ofCase: caseID, on: db) }
                // The other organisation's case about its home learns the decision, and closes.
                if case .swap(let row) = subject, let landlordCase = row.landlord_case_id {
                    try await SwapCard.closeLandlordCase(
                        landlordCase,
                        detail: "swap_\(outcome.rawValue)",
                        by: principal.id,
                        at: now,
                        dependencies: dependencies,
                        on: db
                    )
                }
                try await audit.record(
                    .caseDecision,
                    dataSubjects: informed,
                    subjectKind: .`case`,
                    subjectID: caseID,
                    purpose: AuditPurpose("caseDecision", ["number": .same(caseFile.number)]),
                    actor: principal,
                    on: db
                )
            }
        } catch is SwapCard.SwapChanged {
            // A lease of the swap changed since the page was read: nothing was done; say why.
            (form.errors, form.errorList) = FieldError.collect(
                [("outcome", strings["swapErrorLeaseEnding"] ?? "")],
                labelKey: { "decisionField_\($0)" },
                strings
            )
            return try await StaffCasesController.show(req, decision: form).encodeResponse(status: .conflict, for: req)
        } catch {
            if try await CaseDecision.query(on: req.db).filter(\.$caseID == caseID).count() > 0 {
                return req.redirect(to: page, redirectType: .normal)
            }
            throw error
        }
        return req.redirect(to: page + "?besked=afgjort", redirectType: .normal)
    }

    static func address(of leaseID: UUID, on database: any Database) async throws -> String {
        guard let lease = try await Lease.query(on: database).filter(\.$id == leaseID).with(\.$dwelling).first()
        else { return "" }
        return lease.dwelling.addressLine
    }

    /// The decision's letter: what was decided about what, and why a no.
    static func decisionLetter(
        _ outcome: DecisionOutcome,
        reason: String,
        subject: DecisionSubject,
        address: String,
        rules: ArrearsRules,
        deadlinePassed: Bool
    ) -> any ParagraphLetter {
        switch subject {
        case .subletting(let request): subletLetter(outcome, reason: reason, request: request, address: address)
        case .swap(let row): swapLetter(outcome, reason: reason, row: row, address: address)
        case .fault(let report): faultLetter(outcome, reason: reason, report: report, address: address)
        case .paakrav(let notice):
            paakravLetter(
                outcome,
                reason: reason,
                notice: notice,
                address: address,
                rules: rules,
                deadlinePassed: deadlinePassed
            )
        }
    }

    /// Why the lease cannot be ophævet today, or nil when it can: the deadline has passed with the
    /// demand unpaid, or it was paid only after the deadline (then it is the caseworker's call).
    static func ophaevelseRefused(
        _ sent: SentPaakrav?,
        ledger: Ledger,
        today: LocalDate,
        rules: ArrearsRules,
        _ language: Language
    ) -> String? {
        let strings = Strings.table(language)
        guard let sent else { return strings["decisionErrorPaid"] ?? "" }
        switch rules.decide(ledger, on: today, sent: sent) {
        case .ophaevelsePossible, .paidAfterDeadline:
            return nil
        case .awaitingPayment(_, let deadline):
            return strings.filled("decisionErrorNotYet", ["date": DateText.long(deadline, language)])
        case .awaitingArrival:
            return strings["decisionErrorNotArrived"] ?? ""
        case .statedDeadlineTooShort:
            return strings["decisionErrorTooShort"] ?? ""
        default:
            return strings["decisionErrorPaid"] ?? ""
        }
    }

    /// Ophævelse, or the decision not to: what the påkrav demanded and by when, and what follows.
    /// That the demand was unpaid at the deadline is said only once the deadline has passed.
    static func paakravLetter(
        _ outcome: DecisionOutcome,
        reason: String,
        notice: ArrearsRun.NoticeRow,
        address: String,
        rules: ArrearsRules,
        deadlinePassed: Bool
    ) -> any ParagraphLetter {
        let sent = notice.sent
        let sentOn = sent.map { DateText.short($0.sentOn, .da) } ?? notice.sent_on
        let deadline = sent.map { DateText.long(rules.deadline(of: $0) ?? $0.statedDeadline, .da) } ?? ""
        let demanded = Money(ore: notice.arrears_ore + notice.fee_ore).danish
        let history =
            "Vi sendte dig den \(sentOn) et påkrav om at betale \(demanded) senest \(deadline)."
            + (deadlinePassed ? " Beløbet var ikke betalt, da fristen udløb." : "")
        guard outcome == .ophaevet else {
            return GeneralLetter(
                subject: MarkupText("Påkrav: vi ophæver ikke lejemålet \(address)"),
                paragraphs: ([history, "Vi har besluttet ikke at ophæve dit lejemål \(address) nu."] + because(reason)
                    + [
                        "Betal det, du skylder, så hurtigt som muligt. Har du spørgsmål, kan du svare på dette brev."
                    ]).map { MarkupText($0) }
            )
        }
        var paragraphs = [
            history,
            "Vi ophæver derfor dit lejemål \(address), jf. almenlejelovens § 90, stk. 1, nr. 1. Ophævelsen gælder, når dette brev er kommet frem til dig.",
            "Det betyder, at du skal flytte. Kontakt os straks, så vi kan aftale, hvornår boligen er tømt og nøglerne afleveret. Flytter du ikke, kan vi bede fogedretten om at sætte dig ud.",
        ]
        paragraphs += MarkupText.paragraphs(of: reason)
        paragraphs.append(
            "Du kan få gratis råd hos kommunens borgerrådgivning. Har du spørgsmål, kan du svare på dette brev."
        )
        return OphaevelseLetter(
            subject: MarkupText("Ophævelse af lejemålet \(address)"),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }

    /// The reason as the caseworker wrote it, a blank line starting a new paragraph (as in a
    /// letter written in the case), the first led by "Begrundelse:".
    static func because(_ reason: String) -> [String] {
        var paragraphs = MarkupText.paragraphs(of: reason)
        if !paragraphs.isEmpty { paragraphs[0] = "Begrundelse: " + paragraphs[0] }
        return paragraphs
    }

    /// A swap's other tenant who gets the answer too, at their home (with the swap's row): one
    /// who has carried out their side and is not among our tenants.
    static func swapPartner(
        _ subject: DecisionSubject,
        besides tenants: [UUID]
    ) -> (row: SwapCard.Row, person: UUID, lease: UUID)? {
        guard case .swap(let row) = subject, row.otherCarriedOut, let other = row.other_person_id,
            let otherLease = row.other_lease_id, !tenants.contains(other)
        else { return nil }
        return (row, other, otherLease)
    }

    /// A whole sub-letting's sub-tenant who signed the application and is not one of the tenants.
    static func subtenant(_ subject: DecisionSubject, besides tenants: [UUID]) -> UUID? {
        guard case .subletting(let request) = subject, request.kind == .whole, request.subtenantSignedAt != nil,
            let person = request.subtenantPersonID, !tenants.contains(person)
        else { return nil }
        return person
    }

    /// The approval to the sub-tenant of an application to let the whole home: what they may,
    /// and that the tenant is the one they deal with (the tenant has the reason).
    static func subtenantLetter(request: SublettingRequest, address: String) -> GeneralLetter {
        let start = LocalDate(iso: request.startDate).map { DateText.long($0, .da) } ?? request.startDate
        let end = request.endDate.flatMap(LocalDate.init(iso:)).map { DateText.long($0, .da) } ?? ""
        let paragraphs = [
            "Lejeren af \(address) har søgt om at fremleje hele boligen til dig, og du har skrevet under på ansøgningen.",
            "Vi har godkendt, at du bor i boligen som fremlejetager fra \(start) til og med \(end), for højst \(Money(ore: request.rentOre ?? 0).danish) om måneden.",
            "Fremlejen slutter senest \(end). Din aftale er med lejeren, som stadig har ansvaret for boligen over for os.",
            "Har du spørgsmål, kan du svare på dette brev.",
        ]
        return GeneralLetter(
            subject: MarkupText("Fremleje af hele \(address) er godkendt"),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }

    static func faultLetter(
        _ outcome: DecisionOutcome,
        reason: String,
        report: FaultReport,
        address: String
    )
        -> GeneralLetter
    {
        let place = (Strings.danish["faultLocation_\(report.location.rawValue)"] ?? "").lowercased()
        // In the home: "i Søvej 7, 1. tv (køkken)"; in a common area, not in the reporter's
        // home: "i afdelingen (opgang og trappe)".
        let where_ = report.location.inHome ? "i \(address) (\(place))" : "i afdelingen (\(place))"
        var paragraphs: [String]
        if outcome == .fixed {
            paragraphs = ["Fejlen, du meldte om \(where_), er nu udbedret."]
            paragraphs += MarkupText.paragraphs(of: reason)
            paragraphs.append(
                "Er fejlen der stadig, så svar på dette brev, eller meld den igen under Mit hjem på Almen, så kommer vi igen."
            )
        } else {
            paragraphs =
                [
                    "Vi har set på den fejl, du meldte om \(where_).",
                    "Det er ikke boligorganisationen, der skal udbedre den.",
                ] + because(reason) + [
                    "Har du spørgsmål, kan du svare på dette brev."
                ]
        }
        return GeneralLetter(
            subject: MarkupText(
                outcome == .fixed
                    ? "Fejlmelding: fejlen er udbedret" : "Fejlmelding: ikke boligorganisationens at udbedre"
            ),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }

    static func subletLetter(
        _ outcome: DecisionOutcome,
        reason: String,
        request: SublettingRequest,
        address: String
    ) -> GeneralLetter {
        if request.kind == .whole {
            return wholeSubletLetter(outcome, reason: reason, request: request, address: address)
        }
        let start = LocalDate(iso: request.startDate).map { DateText.long($0, .da) } ?? request.startDate
        let rooms = request.letRooms == 1 ? "1 værelse" : "\(request.letRooms) værelser"
        var paragraphs: [String]
        switch outcome {
        case .approved, .fixed, .ophaevet:
            paragraphs = [
                "Vi har behandlet din anmeldelse af delvis fremleje af \(address).",
                "Du må fremleje \(rooms) til \(request.subtenants) fra \(start). I må være \(request.occupants) personer i boligen i alt.",
                "Du har stadig ansvaret for huslejen og for boligen over for os, og den, du fremlejer til, skal overholde afdelingens husorden.",
            ]
            paragraphs += MarkupText.paragraphs(of: reason)
        case .refused, .notOurs, .waived:
            paragraphs =
                [
                    "Vi har behandlet din anmeldelse af delvis fremleje af \(address).",
                    "Vi kan ikke godkende, at du fremlejer \(rooms) til \(request.subtenants) fra \(start).",
                ] + because(reason) + refusalAppeal
        }
        return GeneralLetter(
            subject: MarkupText(
                outcome == .approved
                    ? "Afgørelse: delvis fremleje af \(address) er godkendt"
                    : "Afgørelse: delvis fremleje af \(address) er ikke godkendt"
            ),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }

    /// The last paragraphs of a refused sub-letting or swap: where the tenant can take the
    /// refusal (klagevejledning: disputes over sub-letting and swap go to the municipality's
    /// beboerklagenævn), and that they may answer the letter.
    static let refusalAppeal = [
        "Er du uenig i afgørelsen, kan du indbringe den for beboerklagenævnet i den kommune, hvor boligen ligger. Skriv til nævnet og send dette brev med.",
        "Har du spørgsmål til afgørelsen, kan du svare på dette brev.",
    ]

    /// `refusalAppeal` to the tenants of a swap, who applied together.
    static let refusalAppealPlural = [
        "Er I uenige i afgørelsen, kan I indbringe den for beboerklagenævnet i den kommune, hvor boligen ligger. Skriv til nævnet og send dette brev med.",
        "Har I spørgsmål til afgørelsen, kan I svare på dette brev.",
    ]

    /// The answer to an application to let the whole home: approved for its period, to the
    /// sub-tenant it names, with the tenant's duties; or refused, with the reason.
    static func wholeSubletLetter(
        _ outcome: DecisionOutcome,
        reason: String,
        request: SublettingRequest,
        address: String
    ) -> GeneralLetter {
        let start = LocalDate(iso: request.startDate).map { DateText.long($0, .da) } ?? request.startDate
        let end = request.endDate.flatMap(LocalDate.init(iso:)).map { DateText.long($0, .da) } ?? ""
        let persons = request.occupants == 1 ? "1 person" : "\(request.occupants) personer"
        var paragraphs: [String]
        switch outcome {
        case .approved, .fixed, .ophaevet:
            paragraphs = [
                "Vi har behandlet din ansøgning om at fremleje hele \(address).",
                "Du må fremleje boligen til \(request.subtenants) fra \(start) til og med \(end), for højst \(Money(ore: request.rentOre ?? 0).danish) om måneden. Der må bo \(persons) i boligen.",
                "Du har stadig ansvaret for huslejen og for boligen over for os. Fremlejen slutter senest \(end), og du skal selv flytte ind igen eller opsige lejemålet.",
            ]
            paragraphs += MarkupText.paragraphs(of: reason)
        case .refused, .notOurs, .waived:
            paragraphs =
                [
                    "Vi har behandlet din ansøgning om at fremleje hele \(address).",
                    "Vi kan ikke godkende, at du fremlejer boligen til \(request.subtenants) fra \(start) til og med \(end).",
                ] + because(reason) + refusalAppeal
        }
        return GeneralLetter(
            subject: MarkupText(
                outcome == .approved
                    ? "Afgørelse: fremleje af hele \(address) er godkendt"
                    : "Afgørelse: fremleje af hele \(address) er ikke godkendt"
            ),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }

    /// The answer to an application to swap homes: approved from its day, with what follows (the
    /// move-out, the inspection, the new lease); or refused, with the reason.
    static func swapLetter(
        _ outcome: DecisionOutcome,
        reason: String,
        row: SwapCard.Row,
        address: String
    )
        -> GeneralLetter
    {
        let day = row.swapDay.map { DateText.long($0, .da) } ?? row.swap_date
        let lastDay = row.swapDay.map { DateText.long($0.adding(days: -1), .da) } ?? ""
        // The other home as the register has it, when it is there; else as the tenant wrote it.
        let other = SwapCard.registerAddress(row) ?? row.other_address
        var paragraphs: [String]
        switch outcome {
        case .approved, .fixed, .ophaevet:
            paragraphs = [
                "Vi har behandlet jeres ansøgning om at bytte \(address) med \(other).",
                "I må bytte bolig fra \(day). Lejemålet af \(address) slutter \(lastDay), og \(row.other_tenant) lejer boligen fra \(day).",
            ]
            // The other home moves too; when another organisation lets it, it said yes to that.
            if row.otherCarriedOut {
                paragraphs.append(
                    (row.sameLandlord ? "" : "Udlejeren af \(other) har sagt ja til byttet, så ")
                        + (row.sameLandlord ? "Lejemålet" : "lejemålet")
                        + " af \(other) slutter også \(lastDay), og \(row.filer_given_name) \(row.filer_family_name) lejer den bolig fra \(day)."
                )
            }
            paragraphs.append(
                "Byttet er en almindelig fraflytning og indflytning: boligen bliver synet, når I flytter, og I betaler indskud for den bolig, I flytter ind i."
            )
            paragraphs += MarkupText.paragraphs(of: reason)
        case .refused, .notOurs, .waived:
            paragraphs =
                [
                    "Vi har behandlet jeres ansøgning om at bytte \(address) med \(other).",
                    "Vi kan ikke godkende byttet.",
                ] + because(reason) + refusalAppealPlural
        }
        return GeneralLetter(
            subject: MarkupText(
                outcome == .approved
                    ? "Afgørelse om boligbytte af \(address): godkendt"
                    : "Afgørelse om boligbytte af \(address): ikke godkendt"
            ),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }
}
