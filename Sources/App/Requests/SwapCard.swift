import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// A swap case's application as its pages show it: both homes, who moves, the other tenant's
/// signature, the other landlord's answer, and what ALL § 69 leaves the organisation for each
/// home the register has. Read in one statement. What still stops an approval is said here too
/// (`blocker`), so the decision form and the card agree.
enum SwapCard {
    struct Row: Decodable, Sendable {
        let id: UUID
        let lease_id: UUID
        let filed_by: UUID
        let swap_date: String
        let incoming_persons: Int
        let outgoing_persons: Int
        let other_tenant: String
        let other_address: String
        let other_landlord: String
        let other_person_id: UUID?
        let other_lease_id: UUID?
        let other_signed_at: Date?
        let landlord_answer: Bool?
        let landlord_answered_on: String?
        let landlord_reason: String?
        /// The other organisation's case, when it answers in Almen, with its number.
        let landlord_case_id: UUID?
        let landlord_case_number: String?
        let landlord_case_status: String?
        let case_id: UUID
        let municipality_consent: String?
        let municipality_consent_on: String?
        let other_municipality_consent: String?
        let other_municipality_consent_on: String?
        let sent_at: Date?
        let own_start: String
        let own_rooms: Int
        let own_organisation: UUID
        let own_housing_type: String
        let own_organisation_name: String
        let own_street: String
        let own_house_number: String
        let own_floor: String?
        let own_door: String?
        let own_postal_code: String
        let own_city: String
        let other_start: String?
        let other_rooms: Int?
        let other_organisation: UUID?
        let other_organisation_name: String?
        let other_housing_type: String?
        /// Each lease's state, and how many tenants hold it (a swap of a lease with co-tenants
        /// needs them too).
        let own_status: String
        let own_tenants: Int
        /// How many of the lease's co-tenants have signed the application (`CoTenantSignatures`).
        let own_cosigned: Int
        let other_status: String?
        let other_tenants: Int
        let other_notice_weeks: Int?
        /// Another open swap case that moves one of the same homes (only one of them can go ahead).
        let competing_case_number: String?
        /// The other home's address in the register, when it is there.
        let other_street: String?
        let other_house_number: String?
        let other_floor: String?
        let other_door: String?
        let other_postal_code: String?
        let other_city: String?
        /// The tenant who applied.
        let filer_given_name: String
        let filer_family_name: String
        /// Letters written to the other landlord outside Almen (`SwapLandlordLetter`), not counting
        /// one cancelled before it went: at most one.
        let landlord_letters: Int

        /// This organisation lets both homes: it answers for both, and carries out both sides.
        var sameLandlord: Bool { other_organisation == own_organisation }
        /// Both homes are let in Almen and both landlords take part: this organisation, or another
        /// that answers in its own case. The other home's side is checked and carried out too.
        var otherCarriedOut: Bool { other_lease_id != nil && (sameLandlord || landlord_case_id != nil) }
        /// The other organisation's case is open: its answer is to come from there. Closed
        /// unanswered (its staff closed it), the applicant's caseworker records the answer by hand.
        var answeredInAlmen: Bool { landlord_case_status == CaseStatus.open.rawValue }
        /// The other home is not let in Almen: its landlord is asked by letter
        /// (`SwapLandlordLetter`), and its answer recorded by hand.
        var landlordOutside: Bool { other_organisation == nil }
        /// The tenant's own home, as pages write it.
        var ownAddress: String {
            Dwelling.addressLine(street: own_street, houseNumber: own_house_number, floor: own_floor, door: own_door)
                + ", \(own_postal_code) \(own_city)"
        }
        var swapDay: LocalDate? { LocalDate(iso: swap_date) }

        /// The homes we let that someone moves into and that are youth, elderly or care
        /// housing: the municipality must consent for each newcomer who does not meet its
        /// conditions (rules.md §4). The other landlord answers for its own home.
        var municipalitySides: [HomeSide] {
            var sides: [HomeSide] = []
            if SwapCard.special.contains(own_housing_type) { sides.append(.own) }
            if sameLandlord, other_housing_type.map(SwapCard.special.contains) == true { sides.append(.other) }
            return sides
        }
        var needsMunicipality: Bool { !municipalitySides.isEmpty }

        /// What was recorded for `side`, and the day.
        func consent(_ side: HomeSide) -> (MunicipalityConsent?, LocalDate?) {
            let (value, day) =
                side == .own
                ? (municipality_consent, municipality_consent_on)
                : (other_municipality_consent, other_municipality_consent_on)
            return (value.flatMap(MunicipalityConsent.init(rawValue:)), day.flatMap(LocalDate.init(iso:)))
        }
    }

    /// A home of the swap: the tenant's own (the other tenant moves in), or the other.
    enum HomeSide: String, Sendable, CaseIterable {
        case own
        case other

        /// The columns its consent is kept in.
        var columns: (consent: String, day: String) {
            self == .own
                ? ("municipality_consent", "municipality_consent_on")
                : ("other_municipality_consent", "other_municipality_consent_on")
        }
    }

    /// The housing types whose tenants the municipality may have to consent to.
    static let special: Set<String> = [
        HousingType.youth.rawValue, HousingType.elderly.rawValue, HousingType.care.rawValue,
    ]

    static func row(ofCase caseID: UUID, on sql: any SQLDatabase) async throws -> Row? {
        try await row(where: "r.case_id", is: caseID, on: sql)
    }

    /// The application another organisation's case answers as the other landlord.
    static func row(ofLandlordCase caseID: UUID, on sql: any SQLDatabase) async throws -> Row? {
        try await row(where: "r.landlord_case_id", is: caseID, on: sql)
    }

    private static func row(where column: String, is caseID: UUID, on sql: any SQLDatabase) async throws -> Row? {
        try await sql.raw(
            """
            SELECT r.id, r.case_id, r.lease_id, r.filed_by, r.swap_date, r.incoming_persons, r.outgoing_persons, r.other_tenant,
              r.other_address, r.other_landlord, r.other_person_id, r.other_lease_id, r.other_signed_at,
              r.landlord_answer, r.landlord_answered_on, r.landlord_reason, r.landlord_case_id, lc.number AS landlord_case_number,
              lc.status AS landlord_case_status,
              r.municipality_consent, r.municipality_consent_on,
              r.other_municipality_consent, r.other_municipality_consent_on, r.sent_at,
              l.start_date AS own_start, d.habitable_rooms AS own_rooms, dep.organisation_id AS own_organisation,
              d.housing_type AS own_housing_type, own.name AS own_organisation_name, d.street AS own_street,
              d.house_number AS own_house_number, d.floor AS own_floor, d.door AS own_door,
              d.postal_code AS own_postal_code, d.city AS own_city,
              ol.start_date AS other_start, od.habitable_rooms AS other_rooms, odep.organisation_id AS other_organisation,
              oo.name AS other_organisation_name, od.housing_type AS other_housing_type,
              l.status AS own_status, (SELECT COUNT(*) FROM lease_tenants t WHERE t.lease_id = l.id) AS own_tenants,
              (SELECT COUNT(*) FROM request_cosignatures cs JOIN lease_tenants ct ON ct.person_id = cs.person_id
                 AND ct.lease_id = r.lease_id WHERE cs.request_id = r.id AND cs.person_id <> r.filed_by) AS own_cosigned,
              ol.status AS other_status, ol.notice_weeks AS other_notice_weeks,
              (SELECT COUNT(*) FROM lease_tenants t WHERE t.lease_id = ol.id) AS other_tenants,
              od.street AS other_street, od.house_number AS other_house_number, od.floor AS other_floor,
              od.door AS other_door, od.postal_code AS other_postal_code, od.city AS other_city,
              fp.given_name AS filer_given_name, fp.family_name AS filer_family_name,
              (SELECT MIN(oc.number) FROM swap_requests o JOIN cases oc ON oc.id = o.case_id
                 WHERE o.id <> r.id AND oc.status = \(bind: CaseStatus.open.rawValue)
                   AND o.status = \(bind: SublettingRequestStatus.sent.rawValue)
                   AND (o.lease_id IN (r.lease_id, r.other_lease_id) OR o.other_lease_id IN (r.lease_id, r.other_lease_id)))
                AS competing_case_number,
              (SELECT COUNT(*) FROM municipality_notices n WHERE n.case_id = r.case_id
                 AND n.reason = \(bind: MunicipalityNotice.Reason.swapLandlord.rawValue)
                 AND n.status <> \(bind: MunicipalityNotice.Status.cancelled.rawValue)) AS landlord_letters
            FROM swap_requests r JOIN people fp ON fp.id = r.filed_by
            JOIN leases l ON l.id = r.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            JOIN housing_organisations own ON own.id = dep.organisation_id
            LEFT JOIN cases lc ON lc.id = r.landlord_case_id
            LEFT JOIN leases ol ON ol.id = r.other_lease_id LEFT JOIN dwellings od ON od.id = ol.dwelling_id
            LEFT JOIN departments odep ON odep.id = od.department_id
            LEFT JOIN housing_organisations oo ON oo.id = odep.organisation_id
            WHERE \(unsafeRaw: column) = \(bind: caseID) AND r.status = \(bind: SublettingRequestStatus.sent.rawValue)
            """
        ).first(decoding: Row.self)
    }

    /// What the rules leave for one home, in words.
    struct Verdict: Encodable {
        let home: String
        let decision: String
        let reasons: [String]
        let mustRefuse: Bool
    }

    struct Side: SwapSide {
        let start_date: String
        let habitable_rooms: Int
    }

    static func verdicts(_ row: Row, today: LocalDate, language: Language, _ strings: [String: String]) -> [Verdict] {
        var sides: [(String, Side, Int)] = [
            (
                strings["swapOwnHome"] ?? "", Side(start_date: row.own_start, habitable_rooms: row.own_rooms),
                row.incoming_persons
            )
        ]
        if let start = row.other_start, let rooms = row.other_rooms {
            sides.append(
                (strings["swapOtherHome"] ?? "", Side(start_date: start, habitable_rooms: rooms), row.outgoing_persons)
            )
        }
        return sides.compactMap { home, side, persons in
            guard let verdict = SwapController.verdict(side, persons: persons, today: today) else { return nil }
            return Verdict(
                home: home,
                decision: strings["swapDecision_\(verdict.decision.rawValue)"] ?? "",
                reasons: verdict.reasons.map { reason in
                    // The caseworker reads about the tenant, not to them.
                    if reason == .livedUnderThreeYears, let movedIn = LocalDate(iso: side.start_date) {
                        let on = DateText.long(SwapRules().eligibleFrom(movedIn: movedIn), language)
                        return strings.filled("swapStaffUnderThreeYears", ["on": on])
                    }
                    let text = SwapController.text(reason, side)
                    return text.message(in: language)
                },
                mustRefuse: verdict.decision == .mustRefuse
            )
        }
    }

    /// Why the swap cannot be approved yet, as a `strings` key; nil when it can: the other tenant
    /// has signed; the other landlord said yes (unless it is us); each lease we carry out is still
    /// running and held by its one tenant (co-tenants would have to sign too, which the portal
    /// does not ask yet); the day is still ahead and, for the other lease we let, no earlier than
    /// its notice allows from the day its tenant signed; and no home gets over 2 persons per room.
    static func blocker(_ row: Row, today: LocalDate) -> String? {
        if row.other_signed_at == nil { return "swapErrorNotSigned" }
        guard let day = row.swapDay, day > today else { return "swapErrorDayPassed" }
        if row.own_status != LeaseStatus.active.rawValue
            || (row.otherCarriedOut && row.other_status != LeaseStatus.active.rawValue)
        {
            return "swapErrorLeaseEnding"
        }
        // The other lease's co-tenants are not asked in the portal yet; the tenant's own sign.
        if row.otherCarriedOut && row.other_tenants > 1 { return "swapErrorCoTenants" }
        if row.own_cosigned < row.own_tenants - 1 { return "requestErrorCoTenantsWaiting" }
        if row.otherCarriedOut, let signed = row.other_signed_at, let earliest = otherEarliest(row, signed: signed),
            day < earliest
        {
            return "swapErrorOtherNotice"
        }
        if !row.sameLandlord && row.landlord_answer != true {
            return row.landlord_answer == false ? "swapErrorLandlordNo" : "swapErrorLandlordWaiting"
        }
        for side in row.municipalitySides {
            let (consent, _) = row.consent(side)
            if consent?.allows != true {
                return consent == .refused ? "swapErrorMunicipalityNo" : "swapErrorMunicipalityWaiting"
            }
        }
        let sides =
            [(row.own_start, row.own_rooms, row.incoming_persons)]
            + (row.other_start.map { [($0, row.other_rooms ?? 0, row.outgoing_persons)] } ?? [])
        for (start, rooms, persons) in sides {
            if SwapController.verdict(Side(start_date: start, habitable_rooms: rooms), persons: persons, today: today)?
                .decision == .mustRefuse
            {
                return "swapErrorMustRefuse"
            }
        }
        return nil
    }

    /// The refusal's reason a decision form starts from when the other landlord said no: who said
    /// it, that a swap needs them, and their own reason when they gave one (the letter's words,
    /// Danish).
    static func landlordRefusal(_ row: Row) -> String? {
        guard row.landlord_answer == false else { return nil }
        let landlord = row.other_organisation_name ?? row.other_landlord
        var text =
            "\(landlord), som udlejer den anden bolig, har sagt nej til byttet. Et bytte kræver, at begge udlejere siger ja."
        if let reason = row.landlord_reason, !reason.isEmpty { text += "\n\nDen anden udlejers begrundelse: \(reason)" }
        return text
    }

    /// The other home as the register has it, when the other tenant named a lease of ours.
    static func registerAddress(_ row: Row) -> String? {
        registerEnvelope(row)?.joined(separator: ", ")
    }

    /// The same as an envelope's lines: the street, then the postcode and town.
    static func registerEnvelope(_ row: Row) -> [String]? {
        guard let street = row.other_street, let number = row.other_house_number else { return nil }
        let line = Dwelling.addressLine(
            street: street,
            houseNumber: number,
            floor: row.other_floor,
            door: row.other_door
        )
        return [line, "\(row.other_postal_code ?? "") \(row.other_city ?? "")"]
    }

    struct Card: Encodable {
        let swapDate: String
        let otherTenant: String
        let otherAddress: String
        let otherLandlord: String
        let incomingPersons: Int
        let outgoingPersons: Int
        let signature: String
        /// "Boligen er også udlejet af os (Boligselskabet X)", or the landlord's answer so far.
        let landlord: String
        /// Why the other landlord said no, for staff (the tenant reads it in the decision).
        let landlordReason: String?
        let verdicts: [Verdict]
        /// Youth, elderly or care housing: the municipality's consent for an applicant who is not
        /// eligible (rules.md §4), as recorded so far, and the caseworker's form while open.
        let municipalityNote: Bool
        let municipality: [Consent]
        /// The caseworker's form for the other landlord's answer, while it may be recorded.
        let landlordAction: String?
        /// The page that writes to the other landlord outside Almen, until a letter is written.
        let letterHref: String?
        /// A letter to the other landlord waits for the other tenant's signature.
        let letterWaiting: Bool
        /// The tenant's form for a new code, while nobody has taken the last one.
        let newCodeAction: String?
        /// For staff: "En af boligerne indgår også i en anden åben byttesag (2026-000012). …"
        let competing: String?
    }

    /// The municipality's part for one home we let: who moves in, what was recorded, and the
    /// caseworker's form while nothing is.
    struct Consent: Encodable {
        let side: String
        let home: String
        let newcomer: String
        let state: String
        let action: String?
        /// After a refused save: the problems at this form's fields, and its summary.
        let consentError: String?
        let dayError: String?
        let errorList: [FieldError]
    }

    static func card(
        _ row: Row,
        caseID: UUID,
        open: Bool,
        forStaff: Bool,
        today: LocalDate,
        language: Language,
        errors: [String: String] = [:],
        errorList: [FieldError] = [],
        _ strings: [String: String]
    ) -> Card {
        let landlord: String =
            if row.sameLandlord {
                "\(strings["swapLandlordSame"] ?? "")"
            } else if row.landlord_answer == nil, row.answeredInAlmen, let number = row.landlord_case_number {
                (strings["swapLandlordWaitingCase"] ?? "").replacingOccurrences(
                    of: "{organisation}",
                    with: row.other_organisation_name ?? ""
                ).replacingOccurrences(of: "{number}", with: number)
            } else if let answer = row.landlord_answer {
                "\(strings[answer ? "swapLandlordYes" : "swapLandlordNo"] ?? "") \(strings["swapLandlordOn"] ?? "") \(row.landlord_answered_on.flatMap(LocalDate.init(iso:)).map { DateText.long($0, language) } ?? "")"
            } else {
                strings["swapLandlordWaiting"] ?? ""
            }
        let municipality: [Consent] = row.municipalitySides.map { side in
            let (consent, day) = row.consent(side)
            let state: String =
                if let consent {
                    "\(strings["swapMunicipality_\(consent.rawValue)"] ?? "") (\(strings[consent == .eligible ? "swapMunicipalityJudged" : "swapLandlordOn"] ?? "") \(day.map { DateText.long($0, language) } ?? ""))"
                } else {
                    strings["swapMunicipalityWaiting"] ?? ""
                }
            // Who moves in: into the tenant's home the other tenant, into the other the tenant.
            let newcomer = side == .own ? row.other_tenant : "\(row.filer_given_name) \(row.filer_family_name)"
            return Consent(
                side: side.rawValue,
                home: strings[side == .own ? "swapOwnHome" : "swapOtherHome"] ?? "",
                newcomer: newcomer,
                state: state,
                action: open && consent == nil ? SiteRoute.staffSwapMunicipality(caseID).path + "#bytte" : nil,
                consentError: errors["municipalityConsent-\(side.rawValue)"],
                dayError: errors["municipalityOn-\(side.rawValue)"],
                errorList: errorList.filter { $0.field.hasSuffix("-\(side.rawValue)") }
            )
        }
        return Card(
            swapDate: row.swapDay.map { DateText.long($0, language) } ?? row.swap_date,
            otherTenant: row.other_tenant,
            otherAddress: registerAddress(row).map { "\($0) (\(row.other_organisation_name ?? ""))" }
                ?? row.other_address,
            // The register's landlord when the other home is there; else as the tenant wrote it.
            otherLandlord: row.other_organisation_name ?? row.other_landlord,
            incomingPersons: row.incoming_persons,
            outgoingPersons: row.outgoing_persons,
            signature: row.other_signed_at.map {
                "\(strings["wholeSignedAt"] ?? "") \(DateText.timestamp($0, language))"
            }
                ?? strings[row.other_person_id == nil ? "swapNotSigned" : "swapNotSignedTaken"] ?? "",
            landlord: landlord,
            landlordReason: forStaff ? row.landlord_reason : nil,
            verdicts: forStaff ? verdicts(row, today: today, language: language, strings) : [],
            municipalityNote: forStaff && row.needsMunicipality,
            municipality: forStaff ? municipality : [],
            landlordAction: forStaff && open && !row.sameLandlord && row.landlord_answer == nil
                && !row.answeredInAlmen ? SiteRoute.staffSwapLandlord(caseID).path + "#bytte" : nil,
            letterHref: forStaff && SwapLandlordLetter.mayWrite(row, open: open)
                ? SiteRoute.staffSwapLandlordLetter(caseID).path : nil,
            letterWaiting: forStaff && SwapLandlordLetter.waiting(row, open: open) && row.other_signed_at == nil,
            newCodeAction: !forStaff && open && row.other_person_id == nil
                ? SiteRoute.myCaseSignCode(caseID).path : nil,
            competing: forStaff && open
                ? row.competing_case_number.map {
                    (strings["swapCompeting"] ?? "").replacingOccurrences(of: "{number}", with: $0)
                } : nil
        )
    }

    /// What the other organisation's caseworker sees in its own case: who wants to move into its
    /// home from where, what the rules leave for its home, and its answer, or the form for it.
    struct LandlordCard: Encodable {
        /// "Jens Hansen i Engvej 12, 8000 Aarhus C (Boligselskabet Øst) vil bytte bolig med jeres
        /// lejer Ole Olsen i Havevej 3, 5000 Odense C."
        let summary: String
        let swapDate: String
        let incomingPersons: Int
        let signature: String
        let answer: String?
        /// Why they said no.
        let reason: String?
        let verdict: Verdict?
        let applicantCase: String
        let action: String?
        /// Their home is youth, elderly or care housing: they say yes only for a newcomer who
        /// meets its conditions or whom the municipality consented to (rules.md §4).
        let specialHousing: Bool
    }

    static func landlordCard(
        _ row: Row,
        caseID: UUID,
        open: Bool,
        today: LocalDate,
        language: Language,
        _ strings: [String: String]
    ) -> LandlordCard {
        let summary = (strings["swapLandlordSummary"] ?? "")
            .replacingOccurrences(of: "{applicant}", with: "\(row.filer_given_name) \(row.filer_family_name)")
            .replacingOccurrences(of: "{from}", with: row.ownAddress)
            .replacingOccurrences(of: "{organisation}", with: row.own_organisation_name)
            .replacingOccurrences(of: "{tenant}", with: row.other_tenant)
            .replacingOccurrences(of: "{home}", with: registerAddress(row) ?? row.other_address)
        let theirs = verdicts(row, today: today, language: language, strings).dropFirst().first
        return LandlordCard(
            summary: summary,
            swapDate: row.swapDay.map { DateText.long($0, language) } ?? row.swap_date,
            incomingPersons: row.outgoing_persons,
            signature: row.other_signed_at.map {
                "\(strings["wholeSignedAt"] ?? "") \(DateText.timestamp($0, language))"
            }
                ?? "",
            answer: row.landlord_answer.map {
                strings[$0 ? "swapLandlordAnsweredYes" : "swapLandlordAnsweredNo"] ?? ""
            },
            reason: row.landlord_reason,
            verdict: theirs.map {
                Verdict(
                    home: strings["swapTheirHome"] ?? "",
                    decision: $0.decision,
                    reasons: $0.reasons,
                    mustRefuse: $0.mustRefuse
                )
            },
            applicantCase: row.own_organisation_name,
            action: open && row.landlord_answer == nil ? SiteRoute.staffSwapLandlord(caseID).path + "#bytte" : nil,
            specialHousing: row.other_housing_type.map(special.contains) ?? false
        )
    }

    /// When the other tenant named a home another organisation in Almen lets, that organisation
    /// answers as the other landlord in a case of its own about its home (`swapLandlord`), opened
    /// once, with the application's row locked.
    static func openLandlordCase(ofCase caseID: UUID, req: Request) async throws {
        guard let row = try await row(ofCase: caseID, on: try req.sql), let otherLease = row.other_lease_id,
            let organisation = row.other_organisation, !row.sameLandlord, row.landlord_case_id == nil,
            row.landlord_answer == nil
        else { return }
        let cases = req.application.cases
        let title = BilingualWords(
            key: "caseTitle_swapLandlord",
            ["other": registerAddress(row) ?? row.other_address, "address": row.ownAddress]
        )
        try await req.db.transaction { db in
            try await db.lockRows(of: SwapRequest.schema, is: row.id)
            guard try await SwapRequest.find(row.id, on: db)?.landlordCaseID == nil else { return }
            let landlordCase = try await cases.open(
                .swapLandlord,
                title: title.danish,
                titleEnglish: title.english,
                organisationID: organisation,
                leaseID: otherLease,
                openedBy: nil,
                on: db
            )
            try await SwapRequest.query(on: db).filter(\.$id == row.id)
                .set(\.$landlordCaseID, to: try landlordCase.requireID()).update()
        }
    }

    /// Closes the other organisation's case when it has answered, or when the application was
    /// decided (`detail`, the decision's history words, written in its history even when it was
    /// closed already: its home moves with an approval).
    static func closeLandlordCase(
        _ caseID: UUID,
        detail: String?,
        by staffID: UUID,
        at now: Date,
        dependencies: AppDependencies,
        on db: any Database
    ) async throws {
        guard let landlordCase = try await CaseFile.find(caseID, on: db) else { return }
        if let detail {
            try await CaseEvent(
                id: dependencies.uuid(),
                caseID: caseID,
                kind: .decided,
                at: now,
                by: staffID,
                detail: detail
            )
            .create(on: db)
        }
        guard landlordCase.status == .open else { return }
        landlordCase.status = .closed
        landlordCase.closedAt = now
        try await landlordCase.update(on: db)
        try await CaseEvent(id: dependencies.uuid(), caseID: caseID, kind: .closed, at: now, by: staffID).create(on: db)
        try await CaseDeadlines.meet([.answer, .decision], of: caseID, at: now, on: db)
    }

    /// Reopens the other organisation's case with the swap case, when it had not answered: its
    /// answer is still to come from there.
    static func reopenLandlordCase(
        ofSwapCase caseID: UUID,
        by staffID: UUID,
        at now: Date,
        dependencies: AppDependencies,
        on db: any Database
    ) async throws {
        guard let request = try await SwapRequest.query(on: db).filter(\.$caseID == caseID).first(),
            request.landlordAnswer == nil, let landlordCaseID = request.landlordCaseID,
            let landlordCase = try await CaseFile.find(landlordCaseID, on: db), landlordCase.status == .closed
        else { return }
        landlordCase.status = .open
        landlordCase.closedAt = nil
        try await landlordCase.update(on: db)
        try await CaseEvent(id: dependencies.uuid(), caseID: landlordCaseID, kind: .reopened, at: now, by: staffID)
            .create(on: db)
    }

    /// The longest reason for a no: with the words `landlordRefusal` puts around it, it still fits
    /// the decision's reason (`CaseDecisionController.maxReason`).
    static let maxLandlordReason = 1500

    /// The other landlord's answer as a caseworker typed it, kept with its problems when it was
    /// refused (`problems` are field ids with word keys; the municipality's forms use them too).
    struct LandlordForm: Encodable {
        var answer = ""
        var reason = ""
        var answeredOn = ""
        var problems: [(String, String)] = []

        private enum CodingKeys: String, CodingKey { case answer, reason, answeredOn }
    }

    /// A swap case in the caseworker's scope with its application, in two statements: the case
    /// and its swap (`row(ofCase:)`); with `landlord`, also another organisation's case answering
    /// as the other landlord (`row(ofLandlordCase:)`). Nil outside the scope, or for another kind.
    struct StaffSwap: Sendable {
        let caseFile: CaseFile
        let row: Row

        static func load(
            _ caseID: UUID,
            scope: StaffScope,
            landlord: Bool = false,
            on database: any Database
        ) async throws -> StaffSwap? {
            guard let caseFile = try await CaseFile.find(caseID, on: database),
                scope.contains(caseFile.$organisation.id)
            else { return nil }
            let row: Row? =
                switch caseFile.kind {
                case .swap: try await SwapCard.row(ofCase: caseID, on: try database.sql())
                case .swapLandlord where landlord:
                    try await SwapCard.row(ofLandlordCase: caseID, on: try database.sql())
                default: nil
                }
            return row.map { StaffSwap(caseFile: caseFile, row: $0) }
        }
    }

    /// A swap case in the caseworker's scope with its application (`StaffSwap.load`), or 404.
    static func staffSwap(_ req: Request, landlord: Bool = false) async throws -> (Principal, CaseFile, Row) {
        let (principal, scope) = try await req.requireStaffScope()
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let swap = try await StaffSwap.load(caseID, scope: scope, landlord: landlord, on: req.db)
        else { throw Abort(.notFound) }
        return (principal, swap.caseFile, swap.row)
    }

    /// An answer's day as typed: no later than today and within the last year; nil otherwise.
    static func recentAnswer(_ typed: String?, today: LocalDate) -> LocalDate? {
        guard let day = typed.flatMap(LocalDate.init(iso:)), day <= today, day >= today.adding(months: -12) else {
            return nil
        }
        return day
    }

    /// `POST /admin/sager/{id}/udlejers-svar`: a caseworker records the other landlord's answer,
    /// once, with the day it came; or, in another organisation's own case, gives its answer today
    /// (its case is then answered and closed). An answer given in Almen is never recorded by hand.
    @Sendable
    static func recordLandlord(_ req: Request) async throws -> Response {
        let (principal, caseFile, row) = try await staffSwap(req, landlord: true)
        let caseID = try caseFile.requireID()
        let asLandlord = caseFile.kind == .swapLandlord
        struct Input: Content {
            var answer: String?
            var answeredOn: String?
            var reason: String?
        }
        let input = try? req.content.decode(Input.self)
        let page = SiteRoute.staffCase(caseID).path
        var form = LandlordForm(
            answer: input?.answer ?? "",
            reason: DepartmentContactController.clean(input?.reason),
            answeredOn: input?.answeredOn ?? ""
        )
        let answer: Bool? = form.answer == "ja" ? true : form.answer == "nej" ? false : nil
        if answer == nil {
            form.problems.append(("landlordAnswer", asLandlord ? "swapErrorOwnAnswer" : "swapErrorAnswer"))
        }
        // Within the last year (the other landlord may have agreed before the application came).
        let day = asLandlord ? req.today : recentAnswer(form.answeredOn, today: req.today)
        if day == nil { form.problems.append(("landlordAnsweredOn", "swapErrorAnsweredOn")) }
        // A no from an organisation in Almen says why (ALL § 69: reasonable grounds), so the
        // applicant's caseworker can give the tenant the reason; one recorded from outside may
        // have come without one.
        if answer == false && asLandlord && form.reason.isEmpty {
            form.problems.append(("landlordReason", "swapErrorReason"))
        } else if answer != true && form.reason.count > maxLandlordReason {
            form.problems.append(("landlordReason", "swapErrorReasonLong"))
        }
        let reason = answer == false && !form.reason.isEmpty ? form.reason : nil
        // The landlord answers while the application is open; the applicant's caseworker by hand
        // only when no other organisation's case is waiting to answer it.
        let applicationOpen = try await CaseFile.find(row.case_id, on: req.db)?.status == .open
        guard caseFile.status == .open, applicationOpen, !row.sameLandlord, row.landlord_answer == nil,
            asLandlord || !row.answeredInAlmen
        else {
            return req.redirect(to: page, redirectType: .normal)
        }
        guard let answer, let day, form.problems.isEmpty else {
            return try await StaffCasesController.show(req, landlordForm: form).encodeResponse(
                status: .unprocessableEntity,
                for: req
            )
        }
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        try await req.db.transaction { db in
            // An answer recorded by hand (the other organisation closed its case unanswered) is not
            // that organisation's in Almen: its home is then not carried out here.
            let update: SQLQueryString = """
                UPDATE swap_requests SET landlord_answer = \(bind: answer), landlord_answered_on = \(bind: day.iso),
                  landlord_reason = \(bind: reason),
                  landlord_case_id = \(asLandlord ? SQLRaw("landlord_case_id") : SQLRaw("NULL"))
                WHERE id = \(bind: row.id) AND landlord_answer IS NULL
                  \(asLandlord ? SQLRaw("") : SQLRaw("AND (landlord_case_id IS NULL OR NOT EXISTS (SELECT 1 FROM cases lc WHERE lc.id = landlord_case_id AND lc.status = 'open'))"))
                """
            guard try await OnceUpdate.run(update, on: db) else { return }
            // The answer is in: a letter asking for it that has not gone yet does not go.
            try await MunicipalityNotices.cancelSwapLetter(ofCase: row.case_id, on: db)
            // The applicant's case learns it; the landlord's own case holds it too, answered.
            // In the landlord's own case (its staff and its tenant read it) the landlord is itself.
            for answered in asLandlord ? [row.case_id, caseID] : [caseID] {
                let own = asLandlord && answered == caseID
                try await CaseEvent(
                    id: dependencies.uuid(),
                    caseID: answered,
                    kind: .landlordAnswered,
                    at: now,
                    by: principal.id,
                    detail: (own ? "own_" : "") + (answer ? "yes" : "no")
                ).create(on: db)
            }
            if asLandlord {
                try await closeLandlordCase(
                    caseID,
                    detail: nil,
                    by: principal.id,
                    at: now,
                    dependencies: dependencies,
                    on: db
                )
            }
        }
        return req.redirect(
            // To the top, where the notice says it is saved (on a phone the card is far below it).
            to: page + "?besked=\(asLandlord ? "udlejer-svar" : "udlejer")",
            redirectType: .normal
        )
    }

    /// `POST /admin/sager/{id}/kommunens-samtykke`: a caseworker records, once, whether the
    /// person moving into youth, elderly or care housing meets its conditions, or the
    /// municipality's answer and the day it came.
    @Sendable
    static func recordMunicipality(_ req: Request) async throws -> Response {
        let (principal, caseFile, row) = try await staffSwap(req)
        let caseID = try caseFile.requireID()
        struct Input: Content {
            var side: String?
            var consent: String?
            var answeredOn: String?
        }
        let input = try? req.content.decode(Input.self)
        let page = SiteRoute.staffCase(caseID).path
        guard let side = input?.side.flatMap(HomeSide.init(rawValue:)), row.municipalitySides.contains(side) else {
            return req.redirect(to: page, redirectType: .normal)
        }
        var problems: [(String, String)] = []
        let consent = input?.consent.flatMap(MunicipalityConsent.init(rawValue:))
        // Each home's form has its own fields, so the errors stand at the form that was sent.
        if consent == nil { problems.append(("municipalityConsent-\(side.rawValue)", "swapErrorConsent")) }
        // The municipality's answer has a day, within the last year; meeting the conditions is
        // the caseworker's finding today.
        var day: LocalDate? = req.today
        if consent != nil && consent != .eligible {
            day = recentAnswer(input?.answeredOn, today: req.today)
            if day == nil { problems.append(("municipalityOn-\(side.rawValue)", "swapErrorConsentOn")) }
        }
        guard caseFile.status == .open, row.consent(side).0 == nil else {
            return req.redirect(to: page, redirectType: .normal)
        }
        guard let consent, let day, problems.isEmpty else {
            return try await StaffCasesController.show(req, landlordForm: LandlordForm(problems: problems))
                .encodeResponse(
                    status: .unprocessableEntity,
                    for: req
                )
        }
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        try await req.db.transaction { db in
            let (column, dayColumn) = side.columns
            let update: SQLQueryString = """
                UPDATE swap_requests SET \(ident: column) = \(bind: consent.rawValue), \(ident: dayColumn) = \(bind: day.iso)
                WHERE id = \(bind: row.id) AND \(ident: column) IS NULL
                """
            guard try await OnceUpdate.run(update, on: db) else { return }
            try await CaseEvent(
                id: dependencies.uuid(),
                caseID: caseID,
                kind: .municipalityConsent,
                at: now,
                by: principal.id,
                detail: consent.rawValue
            ).create(on: db)
        }
        return req.redirect(to: page + "?besked=kommune", redirectType: .normal)
    }

    /// The first swap day the other lease's notice allows, counted from the day its tenant signed.
    static func otherEarliest(_ row: Row, signed: Date) -> LocalDate? {
        guard let housing = row.other_housing_type else { return nil }
        let lease = OtherLease(housing_type: housing, notice_weeks: row.other_notice_weeks)
        return lease.ending(ifReceived: LocalDate(signed, timeZone: danishTimeZone), .da)
            .flatMap { LocalDate(iso: $0.endDate) }?.adding(days: 1)
    }

    /// The other lease as the notice rules read it.
    struct OtherLease: LeaseStatusRow {
        let housing_type: String
        let notice_weeks: Int?
        var status: String { LeaseStatus.active.rawValue }
        var end_date: String? { nil }
    }

    /// An approved swap runs as a move-out and a move-in for each home let in Almen: the tenant's
    /// lease ends the day before the swap and the other tenant's begins on it, with the same rent,
    /// deposit and terms; and the same the other way when the other home is ours, or another
    /// organisation's that said yes in its own case.
    static func carryOut(_ row: Row, dependencies: AppDependencies, on db: any Database) async throws {
        guard let day = row.swapDay, let otherPerson = row.other_person_id else { return }
        var moves: [(from: UUID, to: UUID)] = [(row.lease_id, otherPerson)]
        if row.otherCarriedOut, let otherLease = row.other_lease_id { moves.append((otherLease, row.filed_by)) }
        for (leaseID, incoming) in moves {
            // Still running (the decision's check; a lease that changed since stops the decision).
            guard let old = try await Lease.find(leaseID, on: db), old.status == .active else {
                throw SwapChanged()
            }
            old.status = .terminated
            old.endDateISO = day.adding(days: -1).iso
            try await old.update(on: db)
            let lease = Lease(
                id: dependencies.uuid(),
                dwellingID: old.$dwelling.id,
                startDate: day,
                endDate: nil,
                monthlyRent: Money(ore: old.monthlyRentOre),
                dueDay: old.dueDay,
                deposit: Money(ore: old.depositOre),
                noticeWeeks: old.noticeWeeks,
                digitalOptOut: false,
                status: .active
            )
            try await lease.create(on: db)
            let newID = try lease.requireID()
            try await LeaseTenant(id: dependencies.uuid(), leaseID: newID, personID: incoming, role: .tenant)
                .create(on: db)
            // The household moves with its tenant: the members of the lease the incoming tenant
            // leaves, when that lease is ours.
            let leaving = leaseID == row.lease_id ? (row.otherCarriedOut ? row.other_lease_id : nil) : row.lease_id
            if let leaving {
                for member in try await HouseholdMember.query(on: db).filter(\.$lease.$id == leaving).all() {
                    try await HouseholdMember(
                        id: dependencies.uuid(),
                        leaseID: newID,
                        personID: member.$person.id,
                        adult: member.adult
                    ).create(on: db)
                }
            }
        }
    }

    /// A lease of the swap changed between the check and the decision's transaction.
    struct SwapChanged: Error {}
}
