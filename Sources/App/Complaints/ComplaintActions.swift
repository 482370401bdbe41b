import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `POST /admin/sager/{id}/naboklage`: a caseworker adds an episode to a complaint's diary, or
/// takes its next step: `intent=preview` shows the letter, `intent=send` sends it and moves the
/// complaint on, in one transaction.
enum ComplaintActions {
    struct Input: Content {
        var intent: String?
        var action: String?
        var text: String?
        var seen: String?
        var outcome: String?
        var decided: String?
        var reason: String?
        var date: String?
        var time: String?
        var description: String?
        /// The day an opsigelse's preview counted its dates from: a send on another day, whose
        /// dates would differ, is shown again.
        var counted: String?
    }

    static let maxText = 4000

    @Sendable
    static func act(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let sql = try req.sql
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let header = try await CasePage.header(caseID, scope: scope, on: sql),
            let row = try await ComplaintCard.row(ofCase: caseID, on: sql)
        else { throw Abort(.notFound) }
        let page = SiteRoute.staffCase(caseID).path
        guard header.caseStatus == .open else { return req.redirect(to: page, redirectType: .normal) }
        let strings = Strings.table(req.language)
        let input = try req.content.decode(Input.self)
        let clean = { (text: String?) in DepartmentContactController.clean(text) }
        var form = ComplaintCard.Form(
            action: input.action ?? "",
            text: clean(input.text),
            date: clean(input.date),
            time: clean(input.time),
            description: clean(input.description)
        )
        let again = { (status: HTTPStatus) in
            try await StaffCasesController.show(req, complaint: form).encodeResponse(status: status, for: req)
        }
        let dependencies = req.application.dependencies
        if input.intent == "edit" { return try await again(.ok) }

        if input.intent == "disclose" {
            form.reason = clean(input.reason)
            guard row.identity_disclosed_at == nil else {
                return req.redirect(to: page + "#naboklage", redirectType: .normal)
            }
            if let problem = FieldError.requiredText(form.reason, max: 2000, "complaintDisclosureErrorReason") {
                (form.errors, form.errorList) = FieldError.collect(
                    [("disclosureReason", strings[problem] ?? "")],
                    labelKey: ComplaintCard.labelKey,
                    strings
                )
                return try await again(.unprocessableEntity)
            }
            let now = dependencies.now()
            let reason = form.reason
            let recorded = try await OnceUpdate.run(
                """
                UPDATE neighbour_complaints SET identity_disclosed_at = \(bind: now),
                  identity_disclosure_reason = \(bind: reason), identity_disclosed_by = \(bind: principal.id)
                WHERE id = \(bind: row.id) AND identity_disclosed_at IS NULL
                """,
                on: req.db
            )
            if recorded {
                // The complainant's name handed to another household: their own audit trail shows it.
                try await req.audit.record(
                    .caseDecision,
                    dataSubjects: [row.filed_by],
                    subjectKind: .`case`,
                    subjectID: caseID,
                    purpose: AuditPurpose(
                        "complaintNameDisclosed",
                        ["address": .same(row.addressLine), "reason": .same(reason)]
                    ),
                    actor: principal
                )
            }
            return req.redirect(to: page + "?besked=oplyst#naboklage", redirectType: .normal)
        }

        if input.intent == "grave" {
            // A grave breach (violence, threats, serious harassment) lets a påmindelse go out at
            // once: a caseworker's judgement, recorded with its reason, once, before any letter.
            form.graveReason = clean(input.reason)
            guard !row.grave, [.received, .assessing].contains(row.complaintStep) else {
                return req.redirect(to: page + "#naboklage", redirectType: .normal)
            }
            if let problem = FieldError.requiredText(form.graveReason, max: 2000, "complaintGraveErrorReason") {
                (form.errors, form.errorList) = FieldError.collect(
                    [("graveReason", strings[problem] ?? "")],
                    labelKey: ComplaintCard.labelKey,
                    strings
                )
                return try await again(.unprocessableEntity)
            }
            let now = dependencies.now()
            let reason = form.graveReason
            try await req.db.transaction { db in
                let update: SQLQueryString = """
                    UPDATE neighbour_complaints SET grave = \(bind: true), grave_reason = \(bind: reason),
                      grave_at = \(bind: now)
                    WHERE id = \(bind: row.id) AND grave = \(bind: false)
                    """
                guard try await OnceUpdate.run(update, on: db) else { return }
                try await CaseEvent(
                    id: dependencies.uuid(),
                    caseID: caseID,
                    kind: .complaintGrave,
                    at: now,
                    by: principal.id,
                    detail: reason
                ).create(on: db)
            }
            return req.redirect(to: page + "?besked=grov#naboklage", redirectType: .normal)
        }

        if input.intent == "naevn" {
            form.outcome = input.outcome ?? ""
            form.decided = clean(input.decided)
            var problems: [(String, String)] = []
            let outcome = NaevnOutcome(rawValue: form.outcome)
            if outcome == nil { problems.append(("naevnOutcome", "naevnErrorOutcome")) }
            let decided = LocalDate(iso: form.decided)
            if !EpisodeForm.isRecent(decided, today: req.today) {
                problems.append(("naevnDecided", "naevnErrorDecided"))
            }
            guard row.complaintStep == .naevn, row.naevn_outcome == nil else {
                return req.redirect(to: page + "#naboklage", redirectType: .normal)
            }
            guard let outcome, let decided, problems.isEmpty else {
                (form.errors, form.errorList) = FieldError.collect(
                    problems.map { ($0.0, strings[$0.1] ?? "") },
                    labelKey: { "naevnField_\($0)" },
                    strings
                )
                return try await again(.unprocessableEntity)
            }
            let now = dependencies.now()
            let recorded = try await req.db.transaction { db -> Bool in
                let update: SQLQueryString = """
                    UPDATE neighbour_complaints SET naevn_outcome = \(bind: outcome.rawValue),
                      naevn_decided_on = \(bind: decided.iso)
                    WHERE id = \(bind: row.id) AND naevn_outcome IS NULL
                    """
                guard try await OnceUpdate.run(update, on: db) else { return false }
                try await CaseEvent(
                    id: dependencies.uuid(),
                    caseID: caseID,
                    kind: .naevnDecided,
                    at: now,
                    by: principal.id,
                    detail: outcome.rawValue
                ).create(on: db)
                return true
            }
            if recorded {
                try await req.audit.record(
                    .caseDecision,
                    subjectKind: .`case`,
                    subjectID: caseID,
                    purpose: AuditPurpose("complaintBoardDecision"),
                    actor: principal
                )
            }
            return req.redirect(to: page + "?besked=naevn#naboklage", redirectType: .normal)
        }

        if input.intent == "episode" {
            let problems = EpisodeForm.problems(
                date: form.date,
                time: form.time,
                description: form.description,
                today: req.today
            )
            guard problems.isEmpty, let date = LocalDate(iso: form.date) else {
                (form.errors, form.errorList) = FieldError.collect(
                    problems.map { ($0.0, strings[$0.1] ?? "") },
                    labelKey: ComplaintCard.labelKey,
                    strings
                )
                return try await again(.unprocessableEntity)
            }
            try await EpisodeForm.store(
                complaintID: row.id,
                date: date,
                time: form.time,
                description: form.description,
                reportedBy: nil,
                dependencies: dependencies,
                on: req.db
            )
            try await req.audit.record(
                .caseEpisode,
                subjectKind: .`case`,
                subjectID: caseID,
                purpose: AuditPurpose("complaintEpisode"),
                actor: principal
            )
            return req.redirect(to: page + "?besked=episode#naboklage", redirectType: .normal)
        }

        let episodes = try await ComplaintCard.episodes(of: row.id, on: sql)
        let facts = ComplaintCard.facts(row, episodes: episodes)
        var problems: [(String, String)] = []
        let action = ComplaintAction(rawValue: form.action).flatMap { ComplaintCard.offered.contains($0) ? $0 : nil }
        var next: ComplaintStep?
        if let action {
            switch ComplaintCard.workflow(row).next(action, facts) {
            case .success(let step): next = step
            case .failure(let refusal):
                problems.append(("complaintAction", ComplaintCard.refusalText(refusal, language: req.language)))
            }
        } else {
            problems.append(("complaintAction", strings["complaintErrorAction"] ?? ""))
        }
        // Every step but the nævn has a text: the letter's, or (the boligret) the note for the case.
        if action != .naevn,
            let key = FieldError.requiredText(
                form.text,
                max: maxText,
                action == .boligret ? "complaintErrorCourtNote" : "complaintErrorText"
            )
        {
            problems.append(("complaintText", strings[key] ?? ""))
        }
        let recipients = try await recipients(
            of: action,
            row: row,
            latestEpisode: facts.latestEpisode ?? req.today,
            on: sql
        )
        if action?.sendsLetter == true, recipients.isEmpty {
            problems.append(("complaintAction", strings["complaintErrorNobody"] ?? ""))
        }
        guard let action, let next, problems.isEmpty else {
            (form.errors, form.errorList) = FieldError.collect(
                problems,
                labelKey: ComplaintCard.labelKey,
                strings
            )
            return try await again(.unprocessableEntity)
        }
        let today = req.today
        // What an opsigelse states, counted from the latest it can arrive.
        let termination = action == .opsigelse ? req.application.landlordTerminationRules.stated(sentOn: today) : nil
        let content = letter(action, text: form.text, row: row, termination: termination)
        let letters = req.application.letters()
        let number = try await CaseFile.find(caseID, on: req.db)?.number
        // An opsigelse previewed on one day and sent on the next would state other dates.
        let changed = input.intent == "send" && termination.map { input.counted != $0.sentOn.iso } == true
        if input.intent != "send" || changed {
            form.seen = String(row.steps_taken)
            form.counted = termination?.sentOn.iso ?? ""
            if changed { form.changed = strings["complaintNotice_aendret"] }
            // The letter as the first recipient gets it, typeset from the organisation's template.
            if let content, let first = recipients.first {
                let draft = try await letters.prepare(
                    content,
                    to: first.person_id,
                    lease: first.lease_id,
                    inCase: number,
                    draft: true
                )
                form.previewSubject = draft.document.subject
                form.preview = LetterTemplateRenderer.previewLines(draft.document.body)
                form.previewTo = recipients.map(\.name).joined(separator: ", ")
            } else {
                // The nævn and the boligret: no letter to the household; say what happens instead.
                form.previewNote = strings["complaintNoLetter_\(action.rawValue)"]
            }
            // And the letter the complainant gets about it: nothing goes out unseen.
            if let told = toldComplainant(action, about: row.addressLine) {
                let draft = try await letters.prepare(
                    told,
                    to: row.filed_by,
                    lease: row.lease_id,
                    inCase: number,
                    draft: true
                )
                form.alsoSubject = draft.document.subject
                form.also = LetterTemplateRenderer.previewLines(draft.document.body)
                form.alsoTo = "\(row.given_name) \(row.family_name)"
            }
            return try await again(.ok)
        }
        var prepared: [LetterService.Prepared] = []
        if let content {
            for recipient in recipients {
                prepared.append(
                    try await letters.prepare(
                        content,
                        to: recipient.person_id,
                        lease: recipient.lease_id,
                        inCase: number
                    )
                )
            }
        }
        // The complainant hears what was done (not what the letter to the other home says).
        if let told = toldComplainant(action, about: row.addressLine) {
            prepared.append(try await letters.prepare(told, to: row.filed_by, lease: row.lease_id, inCase: number))
        }
        let now = dependencies.now()
        // The step seen on the preview, taken at most once: a second send finds it taken.
        guard let seen = input.seen.flatMap(Int.init), seen == row.steps_taken else {
            return req.redirect(to: page + "#naboklage", redirectType: .normal)
        }
        let note = form.text
        let taken = try await req.db.transaction { [prepared] db -> Bool in
            var update: SQLQueryString = """
                UPDATE neighbour_complaints SET step = \(bind: next.rawValue), steps_taken = steps_taken + 1
                """
            if action == .henstilling { update += ", henstilling_on = \(bind: today.iso)" }
            if action == .paamindelse { update += ", paamindelse_on = \(bind: today.iso)" }
            if action == .naevn { update += ", naevn_on = \(bind: today.iso)" }
            if action == .opsigelse || action == .ophaevelse { update += ", sanction_on = \(bind: today.iso)" }
            if let termination {
                update += """
                    , termination_ends_on = \(bind: termination.endDate.iso),
                      objection_by = \(bind: termination.objectionBy.iso), court_by = \(bind: termination.courtBy.iso)
                    """
            }
            update += " WHERE id = \(bind: row.id) AND steps_taken = \(bind: seen)"
            guard try await OnceUpdate.run(update, on: db) else { return false }
            // A påmindelse or the nævn is what a complainant's demand asks for.
            if action == .paamindelse || action == .naevn {
                try await CaseDeadlines.meet([.demandedAction], of: caseID, at: now, on: db)
            }
            // Should the tenants object to the opsigelse, the landlord sues by this day; the
            // boligret step meets it.
            if let termination {
                try await CaseDeadlineRecord(
                    id: dependencies.uuid(),
                    caseID: caseID,
                    deadline: CaseDeadline(kind: .court, due: termination.courtBy),
                    now: now
                ).create(on: db)
            }
            if action == .boligret {
                try await CaseDeadlines.meet([.court], of: caseID, at: now, on: db)
                // What was brought before the court, and where: staff's own record.
                try await CaseEvent(
                    id: dependencies.uuid(),
                    caseID: caseID,
                    kind: .note,
                    at: now,
                    by: principal.id,
                    detail: note
                ).create(on: db)
            }
            for letter in prepared { try await letters.send(letter, createdBy: principal.id, caseID: caseID, on: db) }
            // The household a letter goes to follows the case from then on, as another party: its
            // own letters and the steps, and it may answer; never the complaint or who made it.
            if action.sendsLetter && action != .notJustified {
                let parties = Set(
                    try await CaseParty.query(on: db).filter(\.$caseFile.$id == caseID).all().map(\.$person.id)
                )
                for recipient in recipients where !parties.contains(recipient.person_id) {
                    try await CaseParty(
                        id: dependencies.uuid(),
                        caseID: caseID,
                        personID: recipient.person_id,
                        role: .otherParty,
                        addedAt: now
                    ).create(on: db)
                }
            }
            try await CaseEvent(
                id: dependencies.uuid(),
                caseID: caseID,
                kind: .complaintStep,
                at: now,
                by: principal.id,
                detail: next.rawValue
            ).create(on: db)
            if next.isFinal {
                try await CaseFile.query(on: db).filter(\.$id == caseID).set(\.$status, to: .closed)
                    .set(\.$closedAt, to: now).update()
                try await CaseDeadlines.meet([.answer, .decision, .demandedAction], of: caseID, at: now, on: db)
                try await CaseEvent(id: dependencies.uuid(), caseID: caseID, kind: .closed, at: now, by: principal.id)
                    .create(on: db)
            }
            return true
        }
        guard taken else { return req.redirect(to: page + "#naboklage", redirectType: .normal) }
        try await req.audit.record(
            .caseDecision,
            dataSubjects: recipients.map(\.person_id),
            subjectKind: .`case`,
            subjectID: caseID,
            purpose: AuditPurpose("complaintStep", ["step": .word("complaintStepEvent_\(next.rawValue)")]),
            actor: principal
        )
        let notice = action.sendsLetter ? "naboklage" : "skridt"
        return req.redirect(to: page + "?besked=\(notice)#naboklage", redirectType: .normal)
    }

    /// Who gets the step's letter: the complainant for "not justified"; the tenants of the home's
    /// current lease for a henstilling or a påmindelse; nobody for the nævn.
    struct Recipient: Decodable {
        let person_id: UUID
        let lease_id: UUID
        let given_name: String
        let family_name: String

        var name: String { "\(given_name) \(family_name)" }
    }

    /// The tenants of the home complained about who lived there when it last happened: the lease
    /// in force on that day and not ended, so a household moving in meanwhile is not written to.
    static func household(
        of row: ComplaintCard.Row,
        on day: LocalDate,
        sql: any SQLDatabase
    ) async throws
        -> [Recipient]
    {
        try await sql.raw(
            """
            SELECT lt.person_id, l.id AS lease_id, p.given_name, p.family_name
            FROM leases l JOIN lease_tenants lt ON lt.lease_id = l.id JOIN people p ON p.id = lt.person_id
            WHERE l.dwelling_id = \(bind: row.about_dwelling_id) AND l.status <> \(bind: LeaseStatus.ended.rawValue)
              AND l.start_date <= \(bind: day.iso) AND (l.end_date IS NULL OR l.end_date >= \(bind: day.iso))
            ORDER BY p.family_name, p.given_name
            """
        ).rows(decoding: Recipient.self)
    }

    static func recipients(
        of action: ComplaintAction?,
        row: ComplaintCard.Row,
        latestEpisode: LocalDate,
        on sql: any SQLDatabase
    ) async throws
        -> [Recipient]
    {
        switch action {
        case .notJustified:
            return try await sql.raw(
                """
                SELECT p.id AS person_id, \(bind: row.lease_id) AS lease_id, p.given_name, p.family_name
                FROM people p WHERE p.id = \(bind: row.filed_by)
                """
            ).rows(decoding: Recipient.self)
        case .henstilling, .paamindelse, .opsigelse, .ophaevelse:
            return try await household(of: row, on: latestEpisode, sql: sql)
        default:
            return []
        }
    }

    /// The step's letter: the caseworker's text is the matter (henstilling, påmindelse), the
    /// reason (an opsigelse, an ophævelse, not justified).
    static func letter(
        _ action: ComplaintAction,
        text: String,
        row: ComplaintCard.Row,
        termination: StatedTermination?
    ) -> (any LetterContent)? {
        switch action {
        case .henstilling:
            return HenstillingLetter(matter: MarkupText(paragraphs: text))
        case .paamindelse:
            // Without a henstilling (a grave breach) the letter says so instead of its date.
            let sent = row.henstilling_on.flatMap(LocalDate.init(iso:)).map { DateText.short($0, .da) } ?? ""
            return ReminderWithWarningLetter(matter: MarkupText(paragraphs: text), previousLetterDate: MarkupText(sent))
        case .opsigelse:
            guard let termination else { return nil }
            return LandlordTerminationLetter(
                endDate: MarkupText(DateText.long(termination.endDate, .da)),
                reason: MarkupText(paragraphs: text),
                objectionDeadline: MarkupText(DateText.long(termination.objectionBy, .da))
            )
        case .ophaevelse:
            let reminded =
                row.paamindelse_on.flatMap(LocalDate.init(iso:)).map { " den \(DateText.short($0, .da))" } ?? ""
            var paragraphs = [
                // A grave breach had its påmindelse at once, without a henstilling first.
                row.henstilling_on == nil
                    ? "Vi sendte dig\(reminded) en påmindelse med advarsel om, at nye overtrædelser af husordenen kunne koste dig lejemålet. Vi har siden modtaget nye klager."
                    : "Vi har bedt dig overholde afdelingens husorden, først med en henstilling og senest med en påmindelse\(reminded), hvor vi advarede om, at nye overtrædelser kunne koste dig lejemålet. Vi har siden modtaget nye klager.",
                "Vi ophæver derfor dit lejemål \(row.addressLine), \(row.postalCity), jf. almenlejelovens § 90 og § 82, stk. 2. Ophævelsen gælder, når dette brev er kommet frem til dig.",
            ]
            paragraphs += CaseDecisionController.because(text)
            paragraphs += [
                "Det betyder, at du skal flytte. Kontakt os straks, så vi kan aftale, hvornår boligen er tømt og nøglerne afleveret. Flytter du ikke, kan vi bede fogedretten om at sætte dig ud.",
                "Er du uenig i ophævelsen, kan du svare på sagen under Mine sager på Almen eller skrive til os. Sagen kan blive afgjort af boligretten. Du kan få gratis råd hos kommunens borgerrådgivning.",
            ]
            return OphaevelseLetter(
                subject: MarkupText("Ophævelse af lejemålet \(row.addressLine)"),
                paragraphs: paragraphs.map { MarkupText($0) }
            )
        case .notJustified:
            return GeneralLetter(
                subject: MarkupText("Din klage over forholdene i \(row.addressLine)"),
                paragraphs: [
                    "Vi har nu vurderet din klage. Vi finder ikke grundlag for at gå videre med sagen.",
                    MarkupText("Begrundelse: \(text)"),
                    "Sker det igen, er du velkommen til at klage igen med dato og klokkeslæt.",
                    "Er du uenig, kan du kræve, at vi inden 4 uger sender en påmindelse eller indbringer sagen for beboerklagenævnet (juli tæller ikke med). Gør vi ikke det, kan du selv indbringe sagen for nævnet.",
                ]
            )
        default:
            return nil
        }
    }

    /// The complainant's letter when the complaint moves on against the other home.
    static func toldComplainant(_ action: ComplaintAction, about: String) -> GeneralLetter? {
        let done: String
        switch action {
        case .henstilling:
            done = "Vi har vurderet din klage og sendt beboerne i \(about) en henstilling om at overholde husordenen."
        case .paamindelse:
            done =
                "Vi har sendt beboerne i \(about) en påmindelse med advarsel: overtræder de husordenen igen, kan det koste dem lejemålet."
        case .opsigelse, .ophaevelse:
            // What the other household may still object to is theirs: the complainant hears that
            // the case went on, not how.
            done =
                "Vi har taget yderligere skridt over for beboerne i \(about), fordi de har overtrådt husordenen trods påmindelse."
        case .naevn:
            done =
                "Vi har indbragt sagen om \(about) for beboerklagenævnet. Nævnet kan give en advarsel eller gøre lejemålet betinget."
        default:
            return nil
        }
        return GeneralLetter(
            subject: MarkupText("Nyt i din klage over forholdene i \(about)"),
            paragraphs: [
                MarkupText(done),
                "Sker det igen, så skriv det på sagen under Mine sager på Almen, med dato og klokkeslæt.",
            ]
        )
    }
}

/// An episode in a complaint's diary, from the complainant or a caseworker: checked the same way.
/// Its fields' ids (`episodeDate`, ...) differ from the other forms' on the same page.
enum EpisodeForm {
    static let maxTime = 40
    static let maxDescription = 4000

    /// The fields' problems as (field, message key).
    /// A day of the last year, not in the future: when an episode (or the nævn's decision) can be.
    static func isRecent(_ day: LocalDate?, today: LocalDate) -> Bool {
        guard let day else { return false }
        return day <= today && day >= today.adding(months: -12)
    }

    static func problems(date: String, time: String, description: String, today: LocalDate) -> [(String, String)] {
        var problems: [(String, String)] = []
        if date.isEmpty {
            problems.append(("episodeDate", "complaintErrorDateMissing"))
        } else if !isRecent(LocalDate(iso: date), today: today) {
            problems.append(("episodeDate", "complaintErrorDate"))
        }
        if time.count > maxTime { problems.append(("episodeTime", "complaintErrorTime")) }
        if let problem = FieldError.requiredText(description, max: maxDescription, "complaintErrorDescription") {
            problems.append(("episodeDescription", problem))
        }
        return problems
    }

    static func store(
        complaintID: UUID,
        date: LocalDate,
        time: String,
        description: String,
        witnesses: String = "",
        reportedBy: UUID?,
        dependencies: AppDependencies,
        on db: any Database
    ) async throws {
        let episode = ComplaintEpisode()
        episode.id = dependencies.uuid()
        episode.complaintID = complaintID
        episode.occurredOn = date.iso
        episode.timeOfDay = time
        episode.description = description
        episode.witnesses = witnesses
        episode.reportedBy = reportedBy
        episode.createdAt = dependencies.now()
        try await episode.create(on: db)
    }
}
