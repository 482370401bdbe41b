import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// Urafstemning in the portal and the back office: staff open a ballot a department meeting
/// decided on and enter paper ballots; residents vote once with MitID, after a preview of their
/// choice; the result is shown when the ballot has closed.
enum BallotController {
    /// A ballot as a page shows it, to staff or to a resident.
    struct Item: Encodable {
        let id: String
        let question: String
        let period: String
        let state: String
        let open: Bool
        let turnout: String
        let results: [Result]
        var options: [Option]
        let voted: Bool
        let voteAction: String?
        let paperAction: String?
        /// After closing, while the paper ballots are still to be counted (staff).
        let countAction: String?
        /// "The paper ballots are not counted yet": the result is provisional.
        let provisional: Bool
        /// The resident's choice shown before it is cast.
        let preview: String?
        let previewOption: Int?
        /// Why the resident's vote was not counted.
        var error: String? = nil
        /// Staff's paper ballot's problems, at their fields.
        var paperErrors: [String: String] = [:]
    }

    struct Result: Encodable {
        let option: String
        let votes: Int
    }

    struct Option: Encodable {
        let value: Int
        let label: String
        let selected: Bool
        /// A paper count as typed (after an error).
        var count = ""
    }

    /// The form that opens a ballot, as submitted.
    struct Form: Codable, Sendable {
        var question: String?
        var options: String?
        var opens: String?
        var closes: String?
    }

    /// A paper voter registered by staff from the outer envelope: who, never what.
    struct PaperForm: Codable, Sendable {
        var address: String?
        var name: String?
    }

    static func item(
        _ ballot: MeetingPage.Ballot,
        today: LocalDate,
        staff: Bool,
        preview: (ballot: UUID, option: Int, review: Bool)?,
        _ language: Language,
        _ strings: [String: String]
    ) -> Item {
        let open = BallotRules.isOpen(on: today, opens: ballot.opens, closes: ballot.closes)
        let closed = today > ballot.closes
        let chosen = preview?.ballot == ballot.id ? preview?.option : nil
        // Shown to be cast ("Du stemmer …"), or chosen again on the form ("Vælg et andet svar").
        let reviewed = preview?.review == true ? chosen : nil
        let state =
            closed
            ? strings["ballotStateClosed"] ?? ""
            : open ? strings["ballotStateOpen"] ?? "" : strings["ballotStateComing"] ?? ""
        return Item(
            id: ballot.id.lowercasedString,
            question: ballot.question,
            period: strings.filled(
                "ballotPeriod",
                ["opens": DateText.long(ballot.opens, language), "closes": DateText.long(ballot.closes, language)]
            ),
            state: state,
            open: open,
            turnout: strings.counted(
                "ballotTurnout",
                ballot.voters,
                ["voters": "\(ballot.voters)", "paper": "\(ballot.paper)"]
            ),
            results: closed
                ? zip(ballot.options, ballot.tallies).map { Result(option: $0, votes: $1) } : [],
            options: ballot.options.enumerated().map {
                Option(value: $0.offset, label: $0.element, selected: chosen == $0.offset)
            },
            voted: ballot.voted,
            voteAction: !staff && open && !ballot.voted ? SiteRoute.myBallotVote(ballot.id).path : nil,
            paperAction: staff && open ? SiteRoute.ballotPaperVote(ballot.id).path : nil,
            countAction: staff && closed && !ballot.paperCounted && ballot.paper > 0
                ? SiteRoute.ballotPaperCount(ballot.id).path : nil,
            provisional: closed && !ballot.paperCounted && ballot.paper > 0,
            preview: reviewed.flatMap { ballot.options.indices.contains($0) ? ballot.options[$0] : nil }.map {
                strings.filled("ballotPreviewText", ["option": $0, "question": ballot.question])
            },
            previewOption: reviewed
        )
    }

    // MARK: Staff

    @Sendable
    static func create(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let meeting = try await MeetingsController.find(req, scope)
        guard meeting.body == .department, meeting.cancelled_at == nil, req.today >= meeting.day else {
            throw Abort(.notFound)
        }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let question = (form.question ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let options = (form.options ?? "").split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        .filter { !$0.isEmpty }
        var problems: [(String, String)] = []
        if let problem = FieldError.requiredText(question, max: 500, "ballotErrorQuestion") {
            problems.append(("ballotQuestion", problem))
        }
        if !(2...10).contains(options.count) || options.contains(where: { $0.count > 200 })
            || Set(options).count != options.count
        {
            problems.append(("ballotOptions", "ballotErrorOptions"))
        }
        let opens = LocalDate(iso: form.opens ?? "")
        let closes = LocalDate(iso: form.closes ?? "")
        if opens == nil { problems.append(("ballotOpens", "ballotErrorDate")) }
        if closes == nil { problems.append(("ballotCloses", "ballotErrorDate")) }
        if let opens, let closes {
            switch BallotRules.periodProblem(opens: opens, closes: closes, today: req.today) {
            case nil: break
            case .opensInThePast: problems.append(("ballotOpens", "ballotErrorOpensPast"))
            case .closesBeforeItOpens: problems.append(("ballotCloses", "ballotErrorClosesBefore"))
            case .tooLong: problems.append(("ballotCloses", "ballotErrorTooLong"))
            }
        }
        guard problems.isEmpty, let opens, let closes else {
            return try await MeetingsController.render(
                req,
                principal,
                try await MeetingsController.ShowPage.load(meeting, on: try req.sql),
                problems: problems,
                ballotForm: form
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let id = try await req.application.ballotBox.create(
            meetingID: meeting.id,
            question: question,
            options: options,
            opens: opens,
            closes: closes,
            createdBy: principal.id
        )
        try await req.audit.record(
            .ballotCreate,
            subjectKind: .ballot,
            subjectID: id,
            purpose: AuditPurpose("ballotCreated"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.meeting(meeting.id).path(query: [("besked", "urafstemning")]),
            redirectType: .normal
        )
    }

    /// The ballot of the request and its meeting, in the caseworker's scope; otherwise 404.
    static func staffBallot(_ req: Request) async throws -> (Principal, BallotBox.Facts, MeetingPage.Header) {
        let (principal, scope) = try await req.requireStaffScope()
        let sql = try req.sql
        guard let ballotID = req.parameters.get("ballotID", as: UUID.self),
            let ballot = try await BallotBox.facts(ballotID, on: sql),
            let meeting = try await MeetingPage.staff(ballot.meeting_id, scope: scope, on: sql)
        else { throw Abort(.notFound) }
        return (principal, ballot, meeting)
    }

    @Sendable
    static func paperVote(_ req: Request) async throws -> Response {
        let (principal, ballot, meeting) = try await staffBallot(req)
        let sql = try req.sql
        let ballotID = ballot.id
        guard let department = meeting.department_id else { throw Abort(.notFound) }
        let form = (try? req.content.decode(PaperForm.self)) ?? PaperForm()
        let invalid = { (field: String, key: String) in
            try await MeetingsController.render(
                req,
                principal,
                try await MeetingsController.ShowPage.load(meeting, on: try req.sql),
                problems: [("\(field)-\(ballotID.lowercasedString)", key)],
                paperForm: form
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard !(form.address ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
            return try await invalid("paperAddress", "ballotErrorAddressMissing")
        }
        let voters = try await occupants(address: form.address ?? "", departments: [department], on: sql)
        guard !voters.isEmpty else { return try await invalid("paperAddress", "ballotErrorAddress") }
        let name = normalised(form.name ?? "")
        guard let voter = voters.first(where: { normalised("\($0.given_name) \($0.family_name)") == name }) else {
            return try await invalid("paperName", "ballotErrorName")
        }
        switch try await req.application.ballotBox.registerPaper(
            ballot,
            person: voter.person_id,
            recordedBy: principal.id,
            today: req.today
        ) {
        case nil: break
        case .alreadyVoted: return try await invalid("paperName", "ballotErrorAlreadyVoted")
        case .notEligible: return try await invalid("paperName", "ballotErrorNotEligible")
        case .notOpen, .unknownOption: return try await invalid("paperName", "ballotErrorNotOpen")
        }
        try await req.audit.record(
            .ballotPaper,
            subjectKind: .ballot,
            subjectID: ballotID,
            dataSubjectID: voter.person_id,
            purpose: AuditPurpose("ballotPaperVoteReceived"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.meeting(meeting.id).path(query: [("besked", "papirstemme")]),
            redirectType: .normal
        )
    }

    /// `POST .../optaelling`: the paper ballots' inner envelopes counted per option, once the
    /// ballot has closed.
    @Sendable
    static func countPaper(_ req: Request) async throws -> Response {
        let (principal, ballot, meeting) = try await staffBallot(req)
        let ballotID = ballot.id
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let texts = ballot.optionList.indices.map { (fields["count_\($0)"] ?? "").trimmingCharacters(in: .whitespaces) }
        let counts = texts.map { $0.isEmpty ? 0 : Int($0) ?? -1 }
        let field = "paperCount-\(ballotID.lowercasedString)"
        let invalid = { (key: String) in
            try await MeetingsController.render(
                req,
                principal,
                try await MeetingsController.ShowPage.load(meeting, on: try req.sql),
                problems: [(field, key)],
                paperCounts: fields
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard counts.allSatisfy({ (0...100_000).contains($0) }) else { return try await invalid("ballotErrorCount") }
        switch try await req.application.ballotBox.countPaper(ballot, counts: counts, today: req.today) {
        case nil: break
        case .notClosed, .alreadyCounted:
            return req.redirect(to: SiteRoute.meeting(meeting.id).path, redirectType: .normal)
        case .moreThanVoters: return try await invalid("ballotErrorCountTooMany")
        }
        try await req.audit.record(
            .ballotCount,
            subjectKind: .ballot,
            subjectID: ballotID,
            purpose: AuditPurpose("ballotPaperVotesCounted"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.meeting(meeting.id).path(query: [("besked", "optalt")]),
            redirectType: .normal
        )
    }

    struct Occupant: Decodable {
        let person_id: UUID
        let given_name: String
        let family_name: String
    }

    /// The people living at `address` ("Engvej 12, 2. th") in one of `departments`.
    static func occupants(address: String, departments: [UUID], on sql: any SQLDatabase) async throws -> [Occupant] {
        struct Home: Decodable {
            let lease_id: UUID
            let street: String
            let house_number: String
            let floor: String?
            let door: String?
        }
        let wanted = normalised(address)
        guard !wanted.isEmpty, !departments.isEmpty else { return [] }
        // The department's homes let now; at most a few thousand short rows.
        let homes = try await sql.raw(
            """
            SELECT l.id AS lease_id, d.street, d.house_number, d.floor, d.door FROM leases l
            JOIN dwellings d ON d.id = l.dwelling_id
            WHERE d.department_id IN (\(binds: departments)) AND l.status <> 'ended'
            """
        ).rows(decoding: Home.self)
        let leases = homes.filter {
            normalised(
                Dwelling.addressLine(street: $0.street, houseNumber: $0.house_number, floor: $0.floor, door: $0.door)
            )
                == wanted
        }
        .map(\.lease_id)
        guard !leases.isEmpty else { return [] }
        return try await sql.raw(
            """
            SELECT p.id AS person_id, p.given_name, p.family_name FROM people p WHERE p.id IN (
              SELECT lt.person_id FROM lease_tenants lt WHERE lt.lease_id IN (\(binds: leases))
              UNION SELECT h.person_id FROM household_members h WHERE h.lease_id IN (\(binds: leases)))
            """
        ).rows(decoding: Occupant.self)
    }

    static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Residents

    @Sendable
    static func vote(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let sql = try req.sql
        guard let ballotID = req.parameters.get("ballotID", as: UUID.self),
            let ballot = try await BallotBox.facts(ballotID, on: sql),
            let meeting = try await MeetingPage.resident(ballot.meeting_id, person: principal.id, on: sql),
            meeting.body == .department
        else { throw Abort(.notFound) }
        struct Choice: Decodable {
            var option: String?
            var intent: String?
        }
        let choice = (try? req.content.decode(Choice.self)) ?? Choice()
        let refuse = { (key: String) in
            try await MyMeetingsController.render(
                req,
                principal,
                meeting,
                form: .init(),
                preview: false,
                problems: [("ballot-\(ballotID.lowercasedString)", key)],
                message: nil
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard let option = Int(choice.option ?? ""), ballot.optionList.indices.contains(option) else {
            return try await refuse("ballotErrorChoose")
        }
        guard choice.intent == "send" else {
            return try await MyMeetingsController.render(
                req,
                principal,
                meeting,
                form: .init(),
                preview: false,
                problems: [],
                message: nil,
                ballotChoice: (ballotID, option, review: choice.intent != "edit")
            ).encodeResponse(for: req)
        }
        // A vote is cast with a fresh MitID login, as other binding acts are.
        try req.requireRecentAuthentication(principal, returnTo: SiteRoute.myMeeting(meeting.id).path)
        switch try await req.application.ballotBox.cast(ballot, person: principal.id, option: option, today: req.today)
        {
        case nil: break
        case .alreadyVoted: return try await refuse("ballotErrorYouVoted")
        case .notEligible: return try await refuse("ballotErrorYouNotEligible")
        case .notOpen: return try await refuse("ballotErrorNotOpen")
        case .unknownOption: return try await refuse("ballotErrorChoose")
        }
        // Who voted, never what.
        try await req.audit.record(
            .ballotVote,
            subjectKind: .ballot,
            subjectID: ballotID,
            purpose: AuditPurpose("ballotVoteCast"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.myMeeting(meeting.id).path(query: [("besked", "stemt")]) + "#besked",
            redirectType: .normal
        )
    }
}
