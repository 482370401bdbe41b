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
        /// The complaint as one PDF for the beboerklagenævn.
        let bundleHref: String
        /// Neighbours who co-signed, with what they saw.
        let cosigners: [Cosigner]
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
    struct CosignerRow: Decodable, AddressRow {
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
            SELECT p.given_name, p.family_name, cs.statement, d.street, d.house_number, d.floor, d.door,
              d.postal_code, d.city
            FROM complaint_cosigners cs JOIN people p ON p.id = cs.person_id
            JOIN leases l ON l.id = cs.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            WHERE cs.complaint_id = \(bind: complaintID) ORDER BY cs.signed_at
            """
        ).rows(decoding: CosignerRow.self)
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
    }

    /// The complaint as the card reads it; one statement.
    struct Row: Decodable, AddressRow {
        let id: UUID
        let step: String
        let grave: Bool
        let henstilling_on: String?
        let paamindelse_on: String?
        let action_demanded_on: String?
        let cosign_token: String
        let photos: Int
        let steps_taken: Int
        let naevn_decided_on: String?
        let naevn_outcome: String?
        let identity_disclosed_at: Date?
        let identity_disclosure_reason: String?
        let grave_reason: String?
        let grave_at: Date?
        let cosigners: Int
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

    struct EpisodeRow: Decodable {
        let occurred_on: String
        let time_of_day: String
        let description: String
        let witnesses: String
        let given_name: String?
        let family_name: String?

        /// "Linh Petersen", or "Administrationen" for an episode a caseworker wrote down.
        var reporter: String {
            given_name.flatMap { given in family_name.map { "\(given) \($0)" } } ?? "Administrationen"
        }
    }

    static func row(ofCase caseID: UUID, on sql: any SQLDatabase) async throws -> Row? {
        try await sql.raw(
            """
            SELECT nc.id, nc.step, nc.grave, nc.henstilling_on, nc.paamindelse_on, nc.action_demanded_on, nc.lease_id,
              nc.filed_by, nc.cosign_token, nc.steps_taken, nc.naevn_decided_on, nc.naevn_outcome,
                            nc.identity_disclosed_at, nc.identity_disclosure_reason, nc.grave_reason, nc.grave_at,
              (SELECT COUNT(*) FROM complaint_cosigners cs WHERE cs.complaint_id = nc.id) AS cosigners,
              (SELECT COUNT(*) FROM case_attachments a WHERE a.case_id = nc.case_id) AS photos,
              nc.about_dwelling_id, d.street, d.house_number, d.floor, d.door, d.postal_code, d.city,
              p.given_name, p.family_name
            FROM neighbour_complaints nc JOIN dwellings d ON d.id = nc.about_dwelling_id
            JOIN people p ON p.id = nc.filed_by
            WHERE nc.case_id = \(bind: caseID)
            """
        ).first(decoding: Row.self)
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
        return try await sql.raw(query + " ORDER BY e.occurred_on, e.created_at").rows(decoding: EpisodeRow.self)
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

    /// The steps a caseworker takes here; the others (opsigelse, ophævelse, the boligret) are
    /// made outside Almen for now, so the card says when the rules allow them.
    static let offered: [ComplaintAction] = [.notJustified, .henstilling, .paamindelse, .naevn]

    /// The card for a complaint case (the complaint, its diary, and its co-signers when it has
    /// any), or nil for any other case.
    static func context(
        _ caseID: UUID,
        open: Bool,
        form: Form,
        req: Request
    ) async throws -> Context? {
        let sql = try req.sql
        guard let row = try await row(ofCase: caseID, on: sql) else { return nil }
        let strings = Strings.table(req.language)
        let episodes = try await episodes(of: row.id, on: sql)
        let facts = facts(row, episodes: episodes)
        let workflow = req.application.complaintWorkflow
        let allowed = workflow.actions(facts)
        let blocked = ComplaintAction.allCases.filter { !allowed.contains($0) && $0 != .sendReceipt }.compactMap {
            action -> String? in
            guard case .failure(let refusal) = workflow.next(action, facts), !isNotFromStep(refusal) else { return nil }
            return
                "\(strings["complaintAction_\(action.rawValue)"] ?? ""): \(refusalText(refusal, language: req.language))"
        }
        let later = allowed.filter { !offered.contains($0) }.map { strings["complaintAction_\($0.rawValue)"] ?? "" }
        return Context(
            step: strings["complaintStep_\(row.step)"] ?? "",
            about: "\(row.addressLine), \(row.postalCity)",
            complainant: "\(row.given_name) \(row.family_name)",
            episodes: episodes.map { episode($0, req.language, who: true) },
            photos: StaffCasesController.photos(row.photos, strings) { SiteRoute.staffCaseAttachment(caseID, $0).path },
            action: open ? SiteRoute.staffCaseComplaint(caseID).path + "#naboklage" : nil,
            options: allowed.filter { offered.contains($0) }.map {
                SelectOption(
                    value: $0.rawValue,
                    label: strings["complaintAction_\($0.rawValue)"] ?? "",
                    selected: $0.rawValue == form.action
                )
            },
            blocked: blocked
                + (later.isEmpty
                    ? [] : ["\(strings["complaintOutsideAlmen"] ?? "") \(later.joined(separator: ", "))."]),
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
            bundleHref: SiteRoute.staffComplaintBundle(caseID).path,
            cosigners: row.cosigners == 0
                ? []
                : try await cosigners(of: row.id, on: sql).map {
                    Cosigner(
                        name: "\($0.given_name) \($0.family_name)",
                        address: $0.addressLine,
                        statement: $0.statement.isEmpty ? nil : $0.statement
                    )
                },
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

    /// The complainant's name, once a caseworker recorded the decision to tell the other household.
    static func disclosedComplainant(ofCase caseID: UUID, on sql: any SQLDatabase) async throws -> String? {
        struct Name: Decodable {
            let given_name: String
            let family_name: String
        }
        return try await sql.raw(
            """
            SELECT p.given_name, p.family_name FROM neighbour_complaints nc JOIN people p ON p.id = nc.filed_by
            WHERE nc.case_id = \(bind: caseID) AND nc.identity_disclosed_at IS NOT NULL
            """
        ).first(decoding: Name.self).map { "\($0.given_name) \($0.family_name)" }
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
        switch (language, staff) {
        case (.da, true):
            return
                "Klageren krævede handling \(DateText.short(demanded, .da)): en påmindelse eller sagen for beboerklagenævnet senest \(DateText.long(by, .da)) (almenlejelovens § 83). En henstilling opfylder ikke kravet."
        case (.da, false):
            return
                "Du krævede handling \(DateText.short(demanded, .da)). Vi sender en påmindelse eller indbringer sagen for beboerklagenævnet senest \(DateText.long(by, .da)). Gør vi ikke det, kan du selv indbringe sagen for nævnet."
        case (.en, true):
            return
                "The complainant demanded action on \(DateText.short(demanded, .en)): a reminder or the case before the complaints board by \(DateText.long(by, .en)) (ALL § 83). A request to comply does not meet it."
        case (.en, false):
            return
                "You demanded action on \(DateText.short(demanded, .en)). We send a reminder or bring the case before the residents' complaints board by \(DateText.long(by, .en)). If we do not, you may bring it yourself."
        }
    }

    static func mine(
        _ caseID: UUID,
        personID: UUID,
        open: Bool,
        form: Form,
        req: Request
    ) async throws -> Mine? {
        let sql = try req.sql
        guard let row = try await row(ofCase: caseID, on: sql) else { return nil }
        let complainant = row.filed_by == personID
        // The complainant's household complained; anyone else following it co-signed.
        let cosigned =
            complainant
            ? nil
            : try await ComplaintCosigner.query(on: req.db).filter(\.$complaintID == row.id)
                .filter(\.$personID == personID).first()
        let strings = Strings.table(req.language)
        let episodes = try await episodes(of: row.id, reportedBy: personID, on: sql)
        return Mine(
            step: strings["complaintStep_\(row.step)"] ?? "",
            about: row.addressLine,
            own: cosigned == nil,
            photos: cosigned == nil
                ? StaffCasesController.photos(row.photos, strings) { SiteRoute.myCaseAttachment(caseID, $0).path } : [],
            statement: cosigned.flatMap { $0.statement.isEmpty ? nil : $0.statement },
            episodes: episodes.map { episode($0, req.language) },
            action: open ? SiteRoute.myComplaintEpisode(caseID).path + "#dagbog" : nil,
            demand: cosigned == nil ? demand(row, staff: false, req.language) : nil,
            demandAction: complainant && (open || row.complaintStep == .notJustified) && mayDemand(row)
                ? SiteRoute.myComplaintDemand(caseID).path : nil,
            naevn: naevnDecision(row, req.language),
            cosignLink: complainant && open
                ? req.application.almenConfig.publicBaseURL + SiteRoute.myCosign(row.cosign_token).path : nil,
            cosigners: row.cosigners,
            form: form
        )
    }

    static func episode(_ row: EpisodeRow, _ language: Language, who: Bool = false) -> Episode {
        Episode(
            when: (LocalDate(iso: row.occurred_on).map { DateText.long($0, language) } ?? row.occurred_on)
                + (row.time_of_day.isEmpty ? "" : ", \(row.time_of_day)"),
            description: row.description,
            witnesses: row.witnesses.isEmpty ? nil : row.witnesses,
            who: who ? row.reporter : nil
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
        ]
        return labels[field] ?? "complaintField_\(field)"
    }

    static func isNotFromStep(_ refusal: ComplaintRefusal) -> Bool {
        if case .notFromStep = refusal { return true }
        return false
    }

    /// Why the rules refuse a step, in plain words.
    static func refusalText(_ refusal: ComplaintRefusal, language: Language) -> String {
        let da = language == .da
        switch refusal {
        case .notFromStep:
            return da ? "Det kan ikke ske fra sagens nuværende trin." : "It does not follow from where the case stands."
        case .paamindelseNeedsHenstillingOrGrave:
            return da
                ? "En påmindelse kræver først en henstilling, medmindre sagen er grov."
                : "A reminder needs a request to comply first, unless the case is grave."
        case .noEpisodeSinceHenstilling:
            return da
                ? "Der er ingen ny episode efter henstillingen."
                : "There is no new episode after the request to comply."
        case .repeatWindowPassed(let ended):
            return da
                ? "Den nye episode ligger efter \(DateText.short(ended, .da)), da tiden efter henstillingen udløb: send en ny henstilling."
                : "The new episode is after \(DateText.short(ended, .en)), when the time after the request to comply ran out: send a new one."
        case .sanctionNeedsPaamindelse:
            return da
                ? "En sanktion kræver, at beboeren først har fået en påmindelse (almenlejelovens § 82, stk. 2)."
                : "A sanction needs a reminder first (ALL § 82(2))."
        case .actionDemanded:
            return da
                ? "Klageren har krævet handling: send en påmindelse eller indbring sagen for beboerklagenævnet (almenlejelovens § 83)."
                : "The complainant demanded action: send a reminder or bring the case before the complaints board (ALL § 83)."
        case .noBreachSincePaamindelse(let sent):
            return da
                ? "Der er ingen ny overtrædelse efter påmindelsen \(DateText.short(sent, .da)) (almenlejelovens § 82, stk. 2)."
                : "There is no new breach after the reminder of \(DateText.short(sent, .en)) (ALL § 82(2))."
        }
    }
}

extension Application {
    /// The complaint workflow with the policy's repeat window (3 months; an organisation's own
    /// choice of 1–3 months is not a setting yet).
    var complaintWorkflow: ComplaintWorkflow { ComplaintWorkflow() }
}
