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
        let own_start: String
        let own_rooms: Int
        let own_organisation: UUID
        let own_housing_type: String
        let other_start: String?
        let other_rooms: Int?
        let other_organisation: UUID?
        let other_organisation_name: String?
        let other_housing_type: String?

        /// This organisation lets both homes: it answers for both, and carries out both sides.
        var sameLandlord: Bool { other_organisation == own_organisation }
        var swapDay: LocalDate? { LocalDate(iso: swap_date) }
    }

    static func row(ofCase caseID: UUID, on sql: any SQLDatabase) async throws -> Row? {
        try await sql.raw(
            """
            SELECT r.id, r.lease_id, r.filed_by, r.swap_date, r.incoming_persons, r.outgoing_persons, r.other_tenant,
              r.other_address, r.other_landlord, r.other_person_id, r.other_lease_id, r.other_signed_at,
              r.landlord_answer, r.landlord_answered_on,
              l.start_date AS own_start, d.habitable_rooms AS own_rooms, dep.organisation_id AS own_organisation,
              d.housing_type AS own_housing_type,
              ol.start_date AS other_start, od.habitable_rooms AS other_rooms, odep.organisation_id AS other_organisation,
              oo.name AS other_organisation_name, od.housing_type AS other_housing_type
            FROM swap_requests r
            JOIN leases l ON l.id = r.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            LEFT JOIN leases ol ON ol.id = r.other_lease_id LEFT JOIN dwellings od ON od.id = ol.dwelling_id
            LEFT JOIN departments odep ON odep.id = od.department_id
            LEFT JOIN housing_organisations oo ON oo.id = odep.organisation_id
            WHERE r.case_id = \(bind: caseID) AND r.status = \(bind: SublettingRequestStatus.sent.rawValue)
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
                    let text = SwapController.text(reason, side)
                    return language == .da ? text.messageDa : text.message
                },
                mustRefuse: verdict.decision == .mustRefuse
            )
        }
    }

    /// Why the swap cannot be approved yet, as a `strings` key; nil when it can.
    static func blocker(_ row: Row, today: LocalDate) -> String? {
        if row.other_signed_at == nil { return "swapErrorNotSigned" }
        if !row.sameLandlord && row.landlord_answer != true {
            return row.landlord_answer == false ? "swapErrorLandlordNo" : "swapErrorLandlordWaiting"
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
        let verdicts: [Verdict]
        /// Youth, elderly or care housing: the municipality's consent for an applicant who is not
        /// eligible (rules.md §4).
        let municipalityNote: Bool
        /// The caseworker's form for the other landlord's answer, while it may be recorded.
        let landlordAction: String?
        /// The tenant's form for a new code, while nobody has taken the last one.
        let newCodeAction: String?
    }

    static func card(
        _ row: Row,
        caseID: UUID,
        open: Bool,
        forStaff: Bool,
        today: LocalDate,
        language: Language,
        _ strings: [String: String]
    ) -> Card {
        let landlord: String =
            if row.sameLandlord {
                "\(strings["swapLandlordSame"] ?? "")"
            } else if let answer = row.landlord_answer {
                "\(strings[answer ? "swapLandlordYes" : "swapLandlordNo"] ?? "") \(row.landlord_answered_on.flatMap(LocalDate.init(iso:)).map { DateText.long($0, language) } ?? "")"
            } else {
                strings["swapLandlordWaiting"] ?? ""
            }
        let special: Set<String> = [
            HousingType.youth.rawValue, HousingType.elderly.rawValue, HousingType.care.rawValue,
        ]
        return Card(
            swapDate: row.swapDay.map { DateText.long($0, language) } ?? row.swap_date,
            otherTenant: row.other_tenant,
            otherAddress: row.other_organisation_name.map { "\(row.other_address) (\($0))" } ?? row.other_address,
            otherLandlord: row.other_landlord,
            incomingPersons: row.incoming_persons,
            outgoingPersons: row.outgoing_persons,
            signature: row.other_signed_at.map {
                "\(strings["wholeSignedAt"] ?? "") \(DateText.timestamp($0, language))"
            }
                ?? strings[row.other_person_id == nil ? "swapNotSigned" : "swapNotSignedTaken"] ?? "",
            landlord: landlord,
            verdicts: forStaff ? verdicts(row, today: today, language: language, strings) : [],
            municipalityNote: forStaff
                && (special.contains(row.own_housing_type) || row.other_housing_type.map(special.contains) == true),
            landlordAction: forStaff && open && !row.sameLandlord && row.landlord_answer == nil
                ? SiteRoute.staffSwapLandlord(caseID).path : nil,
            newCodeAction: !forStaff && open && row.other_person_id == nil ? SiteRoute.myCaseSignCode(caseID).path : nil
        )
    }

    /// `POST /admin/sager/{id}/udlejers-svar`: a caseworker records the other landlord's answer,
    /// once, with the day it came.
    @Sendable
    static func recordLandlord(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let caseFile = try await CaseFile.find(caseID, on: req.db), scope.contains(caseFile.$organisation.id),
            caseFile.kind == .swap, let row = try await row(ofCase: caseID, on: try req.sql)
        else { throw Abort(.notFound) }
        struct Input: Content {
            var answer: String?
            var answeredOn: String?
        }
        let input = try? req.content.decode(Input.self)
        let page = SiteRoute.staffCase(caseID).path
        var problems: [(String, String)] = []
        let answer: Bool? = input?.answer == "ja" ? true : input?.answer == "nej" ? false : nil
        if answer == nil { problems.append(("landlordAnswer", "swapErrorAnswer")) }
        let day = input?.answeredOn.flatMap(LocalDate.init(iso:))
        if day == nil || day! > req.today || day! < req.today.adding(months: -12) {
            problems.append(("landlordAnsweredOn", "swapErrorAnsweredOn"))
        }
        guard caseFile.status == .open, !row.sameLandlord, row.landlord_answer == nil else {
            return req.redirect(to: page, redirectType: .normal)
        }
        guard let answer, let day, problems.isEmpty else {
            return try await StaffCasesController.show(req, landlordProblems: problems).encodeResponse(
                status: .unprocessableEntity,
                for: req
            )
        }
        let dependencies = req.application.dependencies
        let now = dependencies.now()
        try await req.db.transaction { db in
            let update: SQLQueryString = """
                UPDATE swap_requests SET landlord_answer = \(bind: answer), landlord_answered_on = \(bind: day.iso)
                                WHERE id = \(bind: row.id) AND landlord_answer IS NULL
                """
            guard try await OnceUpdate.run(update, on: db) else { return }
            try await CaseEvent(
                id: dependencies.uuid(),
                caseID: caseID,
                kind: .landlordAnswered,
                at: now,
                by: principal.id,
                detail: answer ? "yes" : "no"
            ).create(on: db)
        }
        return req.redirect(to: page + "#bytte", redirectType: .normal)
    }

    /// An approved swap runs as a move-out and a move-in for each home this organisation lets:
    /// the tenant's lease ends the day before the swap and the other tenant's begins on it, with
    /// the same rent, deposit and terms; and the same the other way when both homes are ours.
    static func carryOut(_ row: Row, dependencies: AppDependencies, on db: any Database) async throws {
        guard let day = row.swapDay, let otherPerson = row.other_person_id else { return }
        var moves: [(from: UUID, to: UUID)] = [(row.lease_id, otherPerson)]
        if row.sameLandlord, let otherLease = row.other_lease_id { moves.append((otherLease, row.filed_by)) }
        for (leaseID, incoming) in moves {
            guard let old = try await Lease.find(leaseID, on: db) else { continue }
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
            try await LeaseTenant(
                id: dependencies.uuid(),
                leaseID: try lease.requireID(),
                personID: incoming,
                role: .tenant
            )
            .create(on: db)
        }
    }
}
