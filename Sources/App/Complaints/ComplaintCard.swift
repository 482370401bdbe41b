import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// The neighbour complaint on a caseworker's case page: the complaint and its incident diary,
/// where it stands, and the next step the rules allow (`ComplaintWorkflow`), taken with a letter
/// previewed before it goes: not justified (to the complainant, and the case closes), a
/// henstilling or a påmindelse med advarsel (to the tenants of the home complained about), or the
/// case brought to the beboerklagenævn. An episode reported by telephone is added here too.
enum ComplaintCard {
    /// What the card shows.
    struct Context: Encodable {
        let step: String
        let about: String
        let complainant: String
        let episodes: [Episode]
        let photos: [StaffCasesController.Photo]
        let recordings: [StaffCasesController.Photo]
        /// The steps' form, while the case is open.
        let action: String?
        let options: [SelectOption]
        /// Why the steps the rules do not allow now are not offered.
        let blocked: [String]
        /// The complainant's demand for action and its deadline (ALL § 83), once made.
        let demand: String?
        /// The nævn's decision and its appeal deadline, once recorded; its form while the case is
        /// at the nævn without one.
        let naevn: String?
        let naevnOptions: [SelectOption]
        /// While the case is at the nævn without a decision: what the nævn is to do by when.
        let naevnDeadlines: String?
        /// The opsigelse or ophævelse: when, the end of the lease, and the deadlines that follow.
        let sanction: String?
        /// What the household complained about answered in the portal.
        let replies: [Reply]
        /// An opsigelse's letters that failed or came late.
        let terminationLetters: String?
        /// The household answered after an opsigelse whose court deadline is open: closing the
        /// case asks whether the answer is an objection.
        let closeAsksAboutAnswer: Bool
        /// The complaint as one PDF for the beboerklagenævn, and a ZIP with it and the originals.
        let bundleHref: String
        let zipHref: String
        /// Neighbours who co-signed, with what they saw; their ids tell them apart from the
        /// household complained about among the case's parties.
        let cosigners: [Cosigner]
        let cosignerIDs: [UUID]
        /// The recorded decision to tell the other household who complained; the form while none.
        let disclosed: String?
        let mayDisclose: Bool
        /// The recorded judgement that the breach is grave; the form while it may be made (before
        /// any henstilling or påmindelse).
        let grave: String?
        let mayMarkGrave: Bool
        let form: Form
    }

    struct Cosigner: Encodable {
        let name: String
        let address: String
        let statement: String?
    }

    /// The co-signers of a complaint with their homes; one statement.
    struct CosignerRow: Decodable, Sendable, AddressRow {
        let person_id: UUID
        let given_name: String
        let family_name: String
        let statement: String
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
    }

    static func cosigners(of complaintID: UUID, on sql: any SQLDatabase) async throws -> [CosignerRow] {
        try await sql.raw(
            """
            SELECT cs.person_id, p.given_name, p.family_name, cs.statement, d.street, d.house_number, d.floor, d.door,
              d.postal_code, d.city
            FROM complaint_cosigners cs JOIN people p ON p.id = cs.person_id
            JOIN leases l ON l.id = cs.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            WHERE cs.complaint_id = \(bind: complaintID) ORDER BY cs.signed_at
            """
        ).preparedRows(decoding: CosignerRow.self)
    }

    struct Episode: Encodable {
        let when: String
        let description: String
        let witnesses: String?
        /// Who told us: the complainant, a co-signer, or the administration (staff only).
        let who: String?
    }

    /// The step form and the episode form as they were filled in.
    struct Form: Encodable {
        var action = ""
        var text = ""
        /// The steps taken when the preview was made (`NeighbourComplaint.stepsTaken`).
        var seen = ""
        /// The reason for telling the other household who complained.
        var reason = ""
        /// Why the breach is grave.
        var graveReason = ""
        /// The nævn's decision as entered.
        var outcome = ""
        var decided = ""
        var date = ""
        var time = ""
        var description = ""
        var errors: [String: String] = [:]
        var errorList: [FieldError] = []
        /// The letter as it will read, and to whom.
        var previewSubject: String? = nil
        var preview: [String]? = nil
        var previewTo: String? = nil
        /// The letter the complainant gets about the step, as it will read, and their name.
        var alsoSubject: String? = nil
        var also: [String]? = nil
        var alsoTo: String? = nil
        /// What a step without a letter does, on its confirmation.
        var previewNote: String? = nil
        /// The day an opsigelse's preview counted its dates from, and why it is shown again.
        var counted = ""
        var changed: String? = nil
    }

    /// The complaint as the card reads it; one statement.
    struct Row: Decodable, Sendable, AddressRow {
        let id: UUID
        let step: String
        let grave: Bool
        let henstilling_on: String?
        let paamindelse_on: String?
        let action_demanded_on: String?
        let cosign_token: String
        let photos: Int
        let recordings: Int
        let steps_taken: Int
        let naevn_decided_on: String?
        let naevn_outcome: String?
        let identity_disclosed_at: Date?
        let identity_disclosure_reason: String?
        let grave_reason: String?
        let grave_at: Date?
        let naevn_on: String?
        let sanction_on: String?
        let termination_ends_on: String?
        let objection_by: String?
        let court_by: String?
        let cosigners: Int
        let replies: Int
        /// The organisation's window for a repeated complaint (`OrganisationSetting.complaintWindow`).
        let repeat_months: Int
        let lease_id: UUID
        let filed_by: UUID
        let about_dwelling_id: UUID
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let given_name: String
        let family_name: String

        var complaintStep: ComplaintStep { ComplaintStep(rawValue: step) ?? .assessing }
    }

    struct EpisodeRow: Decodable, Sendable {
        let occurred_on: String
        let time_of_day: String
        let description: String
        let witnesses: String
        let given_name: String?
        let family_name: String?

        /// "Linh Petersen", or "administrationen" for an episode a caseworker wrote down (it follows
        /// "fortalt af").
        var reporter: String { reporter(.da) }

        func reporter(_ language: Language) -> String {
            given_name.flatMap { given in family_name.map { "\(given) \($0)" } }
                ?? Strings.table(language)["complaintToldByAdministration"] ?? ""
        }
    }

    static func row(ofCase caseID: UUID, on sql: any SQLDatabase) async throws -> Row? {
        try await sql.raw(
            """
            SELECT nc.id, nc.step, nc.grave, nc.henstilling_on, nc.paamindelse_on, nc.action_demanded_on, nc.lease_id,
              nc.filed_by, nc.cosign_token, nc.steps_taken, nc.naevn_decided_on, nc.naevn_outcome,
              nc.identity_disclosed_at, nc.identity_disclosure_reason, nc.grave_reason, nc.grave_at,
              nc.naevn_on, nc.sanction_on, nc.termination_ends_on, nc.objection_by, nc.court_by,
              (SELECT COUNT(*) FROM complaint_cosigners cs WHERE cs.complaint_id = nc.id) AS cosigners,
              (SELECT COUNT(*) FROM complaint_replies r WHERE r.complaint_id = nc.id) AS replies,
              (SELECT o.complaint_repeat_months FROM cases c JOIN housing_organisations o ON o.id = c.organisation_id
                 WHERE c.id = nc.case_id) AS repeat_months,
              (SELECT COUNT(*) FROM case_attachments a WHERE a.case_id = nc.case_id
                 AND a.content_type LIKE 'image/%') AS photos,
              (SELECT COUNT(*) FROM case_attachments a WHERE a.case_id = nc.case_id
                 AND a.content_type LIKE 'audio/%') AS recordings,
              nc.about_dwelling_id, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              p.given_name, p.family_name
            FROM neighbour_complaints nc JOIN dwellings d ON d.id = nc.about_dwelling_id
            JOIN people p ON p.id = nc.filed_by
            WHERE nc.case_id = \(bind: caseID)
            """
        ).preparedFirst(decoding: Row.self)
    }

    /// The complaint's diary in time order, with who told each episode; only `reportedBy`'s when
    /// given (a resident sees what they told us, not what others did).
    static func episodes(
        of complaintID: UUID,
        reportedBy: UUID? = nil,
        on sql: any SQLDatabase
    ) async throws -> [EpisodeRow] {
        var query: SQLQueryString = """
            SELECT e.occurred_on, e.time_of_day, e.description, e.witnesses, p.given_name, p.family_name
            FROM complaint_episodes e LEFT JOIN people p ON p.id = e.reported_by
            WHERE e.complaint_id = \(bind: complaintID)
            """
        if let reportedBy { query += " AND e.reported_by = \(bind: reportedBy)" }
        return try await sql.raw(query + " ORDER BY e.occurred_on, e.created_at").preparedRows(
            decoding: EpisodeRow.self
        )
    }

    /// The workflow with the organisation's window for a repeated complaint (1–3 months).
    static func workflow(_ row: Row) -> ComplaintWorkflow {
        ComplaintWorkflow(repeatWindowMonths: min(3, max(1, row.repeat_months)))
    }

    /// The facts the workflow decides from: the latest episode is the latest breach.
    static func facts(_ row: Row, episodes: [EpisodeRow]) -> ComplaintFacts {
        ComplaintFacts(
            step: row.complaintStep,
            henstillingOn: row.henstilling_on.flatMap(LocalDate.init(iso:)),
            paamindelseOn: row.paamindelse_on.flatMap(LocalDate.init(iso:)),
            latestEpisode: episodes.compactMap { LocalDate(iso: $0.occurred_on) }.max(),
            grave: row.grave,
            actionDemanded: row.action_demanded_on != nil
        )
    }

    /// The steps a caseworker takes here: every step but the receipt, which goes with the
    /// complaint.
    static let offered: [ComplaintAction] = ComplaintAction.allCases.filter { $0 != .sendReceipt }

    /// What a complaint card reads, for staff or for a party, each part only when the complaint
    /// holds it: a fixed few statements however long its diary.
    struct Reading: Sendable {
        let row: Row
        /// The diary: all of it for staff, a party's own episodes for them.
        var episodes: [EpisodeRow] = []
        /// The household's answers: all for staff, the person's own for them.
        var replies: [ReplyRow] = []
        /// An opsigelse's letters, once one was sent.
        var letters: TerminationLetters? = nil
        /// Staff: whether the court deadline is open, when closing asks about a late answer.
        var courtOpen = false
        /// Staff: the neighbours who co-signed.
        var cosigners: [CosignerRow] = []
        /// A co-signer's part (the complainant's household has none): their statement.
        var cosigned: CosignerStatement? = nil

        /// The staff's card: the whole complaint.
        static func forStaff(
            _ caseID: UUID,
            open: Bool,
            today: LocalDate,
            rules: LandlordTerminationRules,
            on sql: any SQLDatabase
        ) async throws -> Reading? {
            guard let row = try await ComplaintCard.row(ofCase: caseID, on: sql) else { return nil }
            var reading = Reading(row: row)
            reading.episodes = try await ComplaintCard.episodes(of: row.id, on: sql)
            reading.replies = row.replies == 0 ? [] : try await ComplaintCard.replies(of: row.id, on: sql)
            reading.letters = row.termination_ends_on == nil ? nil : try await terminationLetters(caseID, on: sql)
            // Once the objection period is over, closing asks whether an answer after it objected.
            let objectionOver = objectionBy(row, letters: reading.letters, rules: rules).map { $0 < today } ?? false
            reading.courtOpen =
                open && objectionOver && answeredAfterSanction(row, replies: reading.replies)
                ? try await ComplaintCard.courtOpen(caseID, on: sql) : false
            reading.cosigners = row.cosigners == 0 ? [] : try await ComplaintCard.cosigners(of: row.id, on: sql)
            return reading
        }

        /// The complainant's household's or a co-signer's card: their own episodes.
        static func forComplainant(_ caseID: UUID, personID: UUID, on sql: any SQLDatabase) async throws -> Reading? {
            guard let row = try await ComplaintCard.row(ofCase: caseID, on: sql) else { return nil }
            var reading = Reading(row: row)
            // The complainant's household complained; anyone else following it co-signed.
            reading.cosigned =
                row.filed_by == personID
                ? nil
                : try await sql.raw(
                    """
                    SELECT statement FROM complaint_cosigners
                    WHERE complaint_id = \(bind: row.id) AND person_id = \(bind: personID)
                    """
                ).first(decoding: CosignerStatement.self)
            reading.episodes = try await ComplaintCard.episodes(of: row.id, reportedBy: personID, on: sql)
            return reading
        }

        /// The card of the household the complaint is about: an opsigelse's letters and their
        /// own answers.
        static func forHousehold(_ caseID: UUID, personID: UUID, on sql: any SQLDatabase) async throws -> Reading? {
            guard let row = try await ComplaintCard.row(ofCase: caseID, on: sql) else { return nil }
            var reading = Reading(row: row)
            reading.letters = row.termination_ends_on == nil ? nil : try await terminationLetters(caseID, on: sql)
            reading.replies = try await ComplaintCard.replies(of: row.id, by: personID, on: sql)
            return reading
        }
    }

    struct CosignerStatement: Decodable, Sendable {
        let statement: String
    }

    /// The staff's card for a complaint case: the complaint, its diary, the steps allowed and
    /// why others are not, the household's answers, and its co-signers when it has any.
    static func context(
        _ reading: Reading,
        caseID: UUID,
        open: Bool,
        form: Form,
        req: Request
    ) -> Context {
        let row = reading.row
        let strings = Strings.table(req.language)
        let episodes = reading.episodes
        let facts = facts(row, episodes: episodes)
        let workflow = workflow(row)
        let allowed = workflow.actions(facts)
        let blocked = ComplaintAction.allCases.filter { !allowed.contains($0) && $0 != .sendReceipt }.compactMap {
            action -> String? in
            guard case .failure(let refusal) = workflow.next(action, facts), !isNotFromStep(refusal) else { return nil }
            return
                "\(strings["complaintAction_\(action.rawValue)"] ?? ""): \(refusalText(refusal, language: req.language))"
        }
        let (replyRows, letters, cosignerRows) = (reading.replies, reading.letters, reading.cosigners)
        let rules = req.application.landlordTerminationRules
        return Context(
            step: strings["complaintStep_\(shownStep(row.step, open: open))"] ?? "",
            about: "\(row.addressLine), \(row.postalCity)",
            complainant: "\(row.given_name) \(row.family_name)",
            episodes: episodes.map { episode($0, req.language, who: true) },
            photos: StaffCasesController.photos(row.photos, strings) { SiteRoute.staffCaseAttachment(caseID, $0).path },
            recordings: recordings(row, strings) { SiteRoute.staffCaseAttachment(caseID, $0).path },
            action: open ? SiteRoute.staffCaseComplaint(caseID).path + "#naboklage" : nil,
            options: allowed.filter { offered.contains($0) }.map {
                SelectOption(
                    value: $0.rawValue,
                    label: strings["complaintAction_\($0.rawValue)"] ?? "",
                    selected: $0.rawValue == form.action
                )
            },
            // A closed case takes no step: why each is blocked would only mislead.
            blocked: open ? blocked : [],
            demand: demand(row, staff: true, req.language),
            naevn: naevnDecision(row, req.language),
            naevnOptions: open && row.complaintStep == .naevn && row.naevn_outcome == nil
                ? NaevnOutcome.allCases.map {
                    SelectOption(
                        value: $0.rawValue,
                        label: strings["naevnOutcome_\($0.rawValue)"] ?? "",
                        selected: $0.rawValue == form.outcome
                    )
                } : [],
            naevnDeadlines: row.naevn_outcome == nil && row.complaintStep == .naevn
                ? naevnDeadlines(row, req.language) : nil,
            sanction: sanction(row, staff: true, req.language),
            // After an opsigelse or ophævelse, an answer may be an objection.
            replies: replyRows.map { reply($0, req.language, sanction: row) },
            terminationLetters: terminationWarning(row, letters: letters, rules: rules, req.language),
            closeAsksAboutAnswer: reading.courtOpen,
            bundleHref: SiteRoute.staffComplaintBundle(caseID).path,
            zipHref: SiteRoute.staffComplaintOriginals(caseID).path,
            cosigners: cosignerRows.map {
                Cosigner(
                    name: "\($0.given_name) \($0.family_name)",
                    address: $0.addressLine,
                    statement: $0.statement.isEmpty ? nil : $0.statement
                )
            },
            cosignerIDs: cosignerRows.map(\.person_id),
            disclosed: row.identity_disclosed_at.map {
                "\(strings["complaintDisclosed"] ?? "") \(DateText.timestamp($0, req.language)): \(row.identity_disclosure_reason ?? "")"
            },
            mayDisclose: open && row.identity_disclosed_at == nil,
            grave: row.grave_at.map {
                "\(strings["complaintGraveMarked"] ?? "") \(DateText.timestamp($0, req.language)): \(row.grave_reason ?? "")"
            },
            mayMarkGrave: open && !row.grave && [.received, .assessing].contains(row.complaintStep),
            form: form
        )
    }

    /// The complaint as its complainant sees it: where it stands and the episodes they told us
    /// (not those others reported), with the form for a new one while the case is open.
    struct Mine: Encodable {
        let step: String
        let about: String
        /// The complainant's household's own complaint; false for a co-signer.
        let own: Bool
        let photos: [StaffCasesController.Photo]
        let recordings: [StaffCasesController.Photo]
        /// A co-signer's own statement.
        let statement: String?
        let episodes: [Episode]
        let action: String?
        /// The demand for action (ALL § 83) once made; the button that makes it, while it may be.
        let demand: String?
        let demandAction: String?
        /// The nævn's decision and the appeal deadline, once recorded.
        let naevn: String?
        /// For the complainant: the link neighbours co-sign with, and how many have.
        let cosignLink: String?
        let cosigners: Int
        let form: Form
    }

    /// The complaint as the household it is about sees it: what it means, who complained once a
    /// caseworker decided to tell them, an opsigelse or ophævelse with their deadline to object,
    /// and their own answers with the form for another while the case is open.
    struct Answering: Encodable {
        let helpHref: String
        let complainant: String?
        let sanction: String?
        let replies: [Reply]
        let action: String?
        /// After an opsigelse: the answer form says how to object.
        let objecting: Bool
        /// The reply form's one-time token.
        let token: String
        let form: Form
    }

    static func answering(
        _ reading: Reading,
        caseID: UUID,
        open: Bool,
        form: Form,
        req: Request
    ) -> Answering {
        let row = reading.row
        return Answering(
            helpHref: SiteRoute.helpArticle("naboklage").path,
            // The complainant's name, once a caseworker recorded the decision to tell the household.
            complainant: row.identity_disclosed_at == nil ? nil : "\(row.given_name) \(row.family_name)",
            sanction: sanction(
                row,
                staff: false,
                open: open,
                objectionBy: row.termination_ends_on == nil
                    ? nil
                    : objectionBy(row, letters: reading.letters, rules: req.application.landlordTerminationRules),
                req.language
            ),
            replies: reading.replies.map { reply($0, req.language) },
            action: open ? SiteRoute.myComplaintReply(caseID).path + "#svar" : nil,
            objecting: open && row.termination_ends_on != nil,
            token: req.application.dependencies.uuid().lowercasedString,
            form: form
        )
    }

    /// A step as the complainant and co-signers see it: what is done against the other household
    /// after a påmindelse (an opsigelse or ophævelse, which it may still object to, and the
    /// boligret) is theirs, so those steps read as "further steps".
    static func shownToComplainant(_ step: String) -> String {
        [ComplaintStep.opsigelse, .ophaevelse, .boligret].map(\.rawValue).contains(step) ? "further" : step
    }

    /// The step a case shows beside its state: a case closed before any step was taken is
    /// "afsluttet", not still "Klagen vurderes".
    static func shownStep(_ step: String, open: Bool) -> String {
        !open && [ComplaintStep.received, .assessing].map(\.rawValue).contains(step) ? "closed" : step
    }

    /// Whether `personID` co-signed the complaint of `caseID`.
    static func isCosigner(_ personID: UUID, ofCase caseID: UUID, on database: any Database) async throws -> Bool {
        try await ComplaintCosigner.query(on: database)
            .join(NeighbourComplaint.self, on: \ComplaintCosigner.$complaintID == \NeighbourComplaint.$id)
            .filter(NeighbourComplaint.self, \.$caseID == caseID).filter(\.$personID == personID).count() > 0
    }

    /// "Beboerklagenævnet traf afgørelse 4. december 2026: betinget lejemål til 3. december 2027.
    /// Afgørelsen kan indbringes for boligretten senest 4. januar 2027."
    static func naevnDecision(_ row: Row, _ language: Language) -> String? {
        guard let decided = row.naevn_decided_on.flatMap(LocalDate.init(iso:)),
            let outcome = row.naevn_outcome.flatMap(NaevnOutcome.init(rawValue:))
        else { return nil }
        let strings = Strings.table(language)
        let appeal = ComplaintDeadlines().appealBy(naevnDecision: decided).lastDay
        var text =
            "\(strings["naevnDecided"] ?? "") \(DateText.short(decided, language)): \(strings["naevnOutcome_\(outcome.rawValue)"] ?? "")"
        if let until = outcome.conditionalUntil(decided: decided) {
            text += " \(strings["naevnConditionalUntil"] ?? "") \(DateText.short(until, language))"
        }
        return text + ". \(strings["naevnAppealBy"] ?? "") \(DateText.long(appeal, language))."
    }

    /// An opsigelse's letters as they went: whether any failed, and the latest known arrival.
    struct TerminationLetters: Decodable, Sendable {
        let failed: Int
        let latest_arrival: String?

        var latestArrival: LocalDate? { latest_arrival.flatMap(LocalDate.init(iso:)) }
    }

    static func terminationLetters(_ caseID: UUID, on sql: any SQLDatabase) async throws -> TerminationLetters? {
        try await sql.raw(
            """
            SELECT CAST(COALESCE(SUM(CASE WHEN status = \(bind: LetterStatus.failed.rawValue) THEN 1 ELSE 0 END), 0) AS BIGINT)
                AS failed, MAX(arrival) AS latest_arrival
            FROM letters WHERE case_id = \(bind: caseID) AND kind = \(bind: LetterKind.landlordTermination.rawValue)
            """
        ).preparedFirst(decoding: TerminationLetters.self)
    }

    /// The household's last day to object to an opsigelse: the day the letter states, or, when a
    /// letter arrived later than the dates assume, 6 weeks from that arrival.
    static func objectionBy(_ row: Row, letters: TerminationLetters?, rules: LandlordTerminationRules) -> LocalDate? {
        guard let stated = row.objection_by.flatMap(LocalDate.init(iso:)) else { return nil }
        guard let arrival = letters?.latestArrival else { return stated }
        return max(stated, rules.objectionBy(arrived: arrival))
    }

    /// Whether an opsigelse's court deadline is still to be met (the boligret step meets it).
    static func courtOpen(_ caseID: UUID, on sql: any SQLDatabase) async throws -> Bool {
        struct Open: Decodable, Sendable { let open: Int }
        let court = try await sql.raw(
            """
            SELECT COUNT(*) AS open FROM case_deadlines
            WHERE case_id = \(bind: caseID) AND kind = \(bind: CaseDeadlineKind.court.rawValue) AND met_at IS NULL
            """
        ).preparedFirst(decoding: Open.self)
        return (court?.open ?? 0) > 0
    }

    /// Whether the household answered on or after the day of the opsigelse or ophævelse: such an
    /// answer may be an objection, which a caseworker judges before the case is closed.
    static func answeredAfterSanction(_ row: Row, replies: [ReplyRow]) -> Bool {
        replies.contains { isAfterSanction($0, row) }
    }

    static func isAfterSanction(_ reply: ReplyRow, _ row: Row) -> Bool {
        guard let sanction = row.sanction_on.flatMap(LocalDate.init(iso:)) else { return false }
        return LocalDate(reply.created_at, timeZone: danishTimeZone) >= sanction
    }

    /// Why a complaint case may not close yet, while an opsigelse's court deadline is open: its
    /// objection period runs (the later deadline, when a letter arrived late), or the household
    /// answered after it and a caseworker has yet to say the answer is no objection.
    enum CloseCheck: String {
        case mayClose
        case objectionRunning = "indsigelse"
        case answerToJudge = "svaret"
    }

    static func closeCheck(
        _ caseID: UUID,
        today: LocalDate,
        rules: LandlordTerminationRules,
        on sql: any SQLDatabase
    ) async throws -> CloseCheck {
        guard let row = try await row(ofCase: caseID, on: sql), row.termination_ends_on != nil,
            try await courtOpen(caseID, on: sql)
        else { return .mayClose }
        if let until = objectionBy(row, letters: try await terminationLetters(caseID, on: sql), rules: rules),
            until >= today
        {
            return .objectionRunning
        }
        let replies = row.replies == 0 ? [] : try await replies(of: row.id, on: sql)
        return answeredAfterSanction(row, replies: replies) ? .answerToJudge : .mayClose
    }

    /// An opsigelse's letters that failed, or arrived after the day its dates were counted from,
    /// said on the card with the dates that hold instead.
    static func terminationWarning(
        _ row: Row,
        letters: TerminationLetters?,
        rules: LandlordTerminationRules,
        _ language: Language
    ) -> String? {
        guard row.termination_ends_on != nil, let sent = row.sanction_on.flatMap(LocalDate.init(iso:)), let letters
        else { return nil }
        let strings = Strings.table(language)
        if letters.failed > 0 {
            return strings.filled("complaintTerminationFailed", ["n": "\(letters.failed)"])
        }
        let assumed = rules.latestArrival(sentOn: sent)
        guard let arrival = letters.latestArrival, arrival > assumed else { return nil }
        let (came, end, objection) = (
            DateText.long(arrival, language), DateText.long(rules.endDate(arrived: arrival), language),
            DateText.long(rules.objectionBy(arrived: arrival), language)
        )
        return strings.filled("complaintTerminationLate", ["came": came, "objection": objection, "end": end])
    }

    /// "Sagen blev indbragt for beboerklagenævnet 3. december 2026. Regnet fra den dag skal nævnet …"
    static func naevnDeadlines(_ row: Row, _ language: Language) -> String? {
        guard let received = row.naevn_on.flatMap(LocalDate.init(iso:)) else { return nil }
        let due = ComplaintDeadlines().naevn(received: received)
        let (on, told, reply, decision) = (
            DateText.long(received, language), DateText.long(due.otherPartyToldBy, language),
            DateText.long(due.replyBy, language), DateText.long(due.decisionBy, language)
        )
        return Strings.table(language).filled(
            "complaintNaevnDeadlines",
            ["on": on, "told": told, "reply": reply, "decision": decision]
        )
    }

    /// The opsigelse or ophævelse as the card says it: to staff with the court deadline, to the
    /// household with its own deadline to object.
    static func sanction(
        _ row: Row,
        staff: Bool,
        open: Bool = true,
        objectionBy: LocalDate? = nil,
        _ language: Language
    ) -> String? {
        guard let on = row.sanction_on.flatMap(LocalDate.init(iso:)) else { return nil }
        let day = { (iso: String?) in iso.flatMap(LocalDate.init(iso:)).map { DateText.long($0, language) } ?? "" }
        // The deadline to object that holds (later than the letter's when it arrived late).
        let objection = objectionBy.map { DateText.long($0, language) } ?? day(row.objection_by)
        let strings = Strings.table(language)
        let sent = DateText.long(on, language)
        guard let ends = row.termination_ends_on, row.complaintStep != .ophaevelse else {
            return strings.filled(staff ? "complaintOphaevelseStaff" : "complaintOphaevelseHousehold", ["on": sent])
        }
        let said = strings.filled(
            staff ? "complaintOpsigelseStaff" : "complaintOpsigelseHousehold",
            ["on": sent, "ends": day(ends), "objection": objection, "court": day(row.court_by)]
        )
        return staff || !open ? said : said + " " + strings.filled("complaintOpsigelseObject", ["objection": objection])
    }

    /// A reply of the household complained about.
    struct Reply: Encodable {
        let who: String
        let at: String
        let text: String
        /// Written after an opsigelse: it may be an objection.
        let afterTermination: Bool
    }

    struct ReplyRow: Decodable, Sendable {
        let person_id: UUID
        let text: String
        let created_at: Date
        let given_name: String
        let family_name: String
    }

    /// The household's replies in time order; only `personID`'s when given.
    static func replies(
        of complaintID: UUID,
        by personID: UUID? = nil,
        on sql: any SQLDatabase
    ) async throws
        -> [ReplyRow]
    {
        var query: SQLQueryString = """
            SELECT r.person_id, r.text, r.created_at, p.given_name, p.family_name
            FROM complaint_replies r JOIN people p ON p.id = r.person_id
            WHERE r.complaint_id = \(bind: complaintID)
            """
        if let personID { query += " AND r.person_id = \(bind: personID)" }
        return try await sql.raw(query + " ORDER BY r.created_at").preparedRows(decoding: ReplyRow.self)
    }

    static func reply(_ row: ReplyRow, _ language: Language, sanction complaint: Row? = nil) -> Reply {
        Reply(
            who: "\(row.given_name) \(row.family_name)",
            at: DateText.timestamp(row.created_at, language),
            text: row.text,
            afterTermination: complaint.map { isAfterSanction(row, $0) } ?? false
        )
    }

    /// A complainant may demand action while the complaint is assessed, after a henstilling, or
    /// when it was found not justified (the letter says so; the demand opens the case again):
    /// after a påmindelse or at the nævn, what the demand asks for has happened.
    static func mayDemand(_ row: Row) -> Bool {
        row.action_demanded_on == nil && [.assessing, .henstilling, .notJustified].contains(row.complaintStep)
    }

    /// "Klageren krævede handling 4. december 2026: …senest 4. januar 2027 (almenlejelovens § 83)."
    static func demand(_ row: Row, staff: Bool, _ language: Language) -> String? {
        guard let demanded = row.action_demanded_on.flatMap(LocalDate.init(iso:)) else { return nil }
        let by = ComplaintDeadlines().landlordActBy(demanded: demanded).lastDay
        return Strings.table(language).filled(
            staff ? "complaintDemandStaff" : "complaintDemandHousehold",
            ["demanded": DateText.short(demanded, language), "by": DateText.long(by, language)]
        )
    }

    static func mine(
        _ reading: Reading,
        caseID: UUID,
        personID: UUID,
        open: Bool,
        form: Form,
        req: Request
    ) -> Mine {
        let row = reading.row
        let complainant = row.filed_by == personID
        let cosigned = reading.cosigned
        let strings = Strings.table(req.language)
        let episodes = reading.episodes
        return Mine(
            step: strings["complaintStep_\(shownToComplainant(shownStep(row.step, open: open)))"] ?? "",
            about: row.addressLine,
            own: cosigned == nil,
            photos: cosigned == nil
                ? StaffCasesController.photos(row.photos, strings) { SiteRoute.myCaseAttachment(caseID, $0).path } : [],
            recordings: cosigned == nil ? recordings(row, strings) { SiteRoute.myCaseAttachment(caseID, $0).path } : [],
            statement: cosigned.flatMap { $0.statement.isEmpty ? nil : $0.statement },
            episodes: episodes.map { episode($0, req.language) },
            // A refused form comes back at its own heading, where its problems are listed.
            action: open ? SiteRoute.myComplaintEpisode(caseID).path + "#episode" : nil,
            demand: cosigned == nil ? demand(row, staff: false, req.language) : nil,
            demandAction: complainant && (open || row.complaintStep == .notJustified) && mayDemand(row)
                ? SiteRoute.myComplaintDemand(caseID).path + "#krav" : nil,
            naevn: naevnDecision(row, req.language),
            cosignLink: complainant && open
                ? req.application.almenConfig.publicBaseURL + SiteRoute.myCosign(row.cosign_token).path : nil,
            cosigners: row.cosigners,
            form: form
        )
    }

    /// The complaint's recordings, stored after its photos: "Lydoptagelse 1", ...
    static func recordings(
        _ row: Row,
        _ strings: [String: String],
        href: (Int) -> String
    )
        -> [StaffCasesController.Photo]
    {
        (0..<row.recordings).map {
            StaffCasesController.Photo(
                href: href(row.photos + $0 + 1),
                label: "\(strings["complaintRecording"] ?? "") \($0 + 1)"
            )
        }
    }

    static func episode(_ row: EpisodeRow, _ language: Language, who: Bool = false) -> Episode {
        Episode(
            when: (LocalDate(iso: row.occurred_on).map { DateText.long($0, language) } ?? row.occurred_on)
                + DateText.typedTime(row.time_of_day, language),
            description: row.description,
            witnesses: row.witnesses.isEmpty ? nil : row.witnesses,
            who: who ? row.reporter(language) : nil
        )
    }

    /// The label of a field by its id: the episode's and the step's fields have ids of their own,
    /// as they share the case page with other forms.
    static func labelKey(_ field: String) -> String {
        let labels = [
            "episodeDate": "complaintField_date", "episodeTime": "complaintTime",
            "episodeDescription": "complaintField_description", "complaintAction": "complaintField_action",
            "disclosureReason": "complaintDisclosureReason",
            "complaintText": "complaintField_text", "witnesses": "complaintWitnesses", "photos": "faultPhotos",
            "recordings": "complaintField_recordings", "replyText": "complaintReplyLabel",
        ]
        return labels[field] ?? "complaintField_\(field)"
    }

    static func isNotFromStep(_ refusal: ComplaintRefusal) -> Bool {
        if case .notFromStep = refusal { return true }
        return false
    }

    /// Why the rules refuse a step, in plain words.
    static func refusalText(_ refusal: ComplaintRefusal, language: Language) -> String {
        let strings = Strings.table(language)
        switch refusal {
        case .notFromStep: return strings.filled("complaintRefusal_notFromStep")
        case .paamindelseNeedsHenstillingOrGrave: return strings.filled("complaintRefusal_paamindelseNeedsHenstilling")
        case .noEpisodeSinceHenstilling: return strings.filled("complaintRefusal_noEpisodeSinceHenstilling")
        case .repeatWindowPassed(let ended):
            return strings.filled("complaintRefusal_repeatWindowPassed", ["date": DateText.short(ended, language)])
        case .sanctionNeedsPaamindelse: return strings.filled("complaintRefusal_sanctionNeedsPaamindelse")
        case .actionDemanded: return strings.filled("complaintRefusal_actionDemanded")
        case .noBreachSincePaamindelse(let sent):
            return strings.filled("complaintRefusal_noBreachSincePaamindelse", ["date": DateText.short(sent, language)])
        }
    }
}
