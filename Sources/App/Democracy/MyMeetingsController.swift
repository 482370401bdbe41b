import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// Resident democracy for a resident: the meetings of their departments and of their
/// organisations' representative body; on a department meeting, the proposals with their
/// proposers' names, their own proposal until the deadline (with a preview first), registration,
/// and the minutes once published; and a household's request for an extraordinary meeting.
enum MyMeetingsController {
    struct ListContext: Encodable {
        let page: PageChrome
        let rows: [MeetingsController.Row]
        let pager: Pager
        let departments: [Department]
        let message: String?
        let helpHref: String
        /// A department board member's workspace (also linked from "Mit hjem").
        let boardWorkspaceHref: String?
    }

    struct Department: Encodable {
        let id: String
        let name: String
        let text: String
        let asked: Bool
        let required: Bool
        let action: String
        let topic: String
        let error: String?
    }

    /// What the list shows, in two statements: a page of the meetings the person may see
    /// (`MeetingPage.residentList`, one more than a page when another follows) and the
    /// departments they live in with their requests for an extraordinary meeting
    /// (`MeetingPage.residentRequests`). Only the person's own: another person's id reads theirs.
    struct ListPage: Sendable {
        let rows: [MeetingPage.ListRow]
        let cursor: UUID?
        let requests: [MeetingPage.Requests]

        static func load(person: UUID, after cursor: UUID?, on sql: any SQLDatabase) async throws -> ListPage {
            ListPage(
                rows: try await MeetingPage.residentList(person, after: cursor, on: sql),
                cursor: cursor,
                requests: try await MeetingPage.residentRequests(person, on: sql)
            )
        }
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let page = try await ListPage.load(person: principal.id, after: Keyset.cursor(req), on: try req.sql)
        return try await renderList(req, page, problem: nil)
    }

    /// The resident's meetings and departments as loaded (`ListPage`); `problem` is a request's
    /// error (department, key, the topic typed).
    static func renderList(_ req: Request, _ page: ListPage, problem: (UUID, String, String)?) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let (rows, pager) = Pager.page(
            page.rows,
            id: \.id,
            route: .myMeetings,
            query: [],
            cursor: page.cursor
        )
        let requests = page.requests
        return try await req.view.render(
            "my-meetings",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["myMeetingsTitle"] ?? ""),
                rows: rows.map { row in
                    var shown = MeetingsController.row(of: row, today: req.today, language, strings)
                    shown = MeetingsController.Row(
                        title: shown.title,
                        href: SiteRoute.myMeeting(row.id).path,
                        when: shown.when,
                        organisation: shown.organisation,
                        status: residentStatus(row, today: req.today, language, strings),
                        proposals: shown.proposals
                    )
                    return shown
                },
                pager: pager,
                departments: requests.map { department in
                    let failed = problem?.0 == department.department_id ? problem : nil
                    return Department(
                        id: department.department_id.lowercasedString,
                        name: "\(department.number) \(department.name)",
                        text: MeetingsController.requestsText(department, language),
                        asked: department.mine > 0,
                        required: department.required,
                        action: SiteRoute.myExtraordinaryRequest(department.department_id).path,
                        topic: failed?.2 ?? "",
                        error: failed.flatMap { strings[$0.1] }
                    )
                },
                message: req.queryValue("besked").flatMap { strings["myMeetingNotice_\($0)"] },
                helpHref: SiteRoute.helpArticle("afdelingsmoedet").path,
                boardWorkspaceHref: req.principal?.has(.departmentBoardMember) == true
                    ? SiteRoute.boardWorkspace.path : nil
            )
        )
    }

    /// Where a meeting stands for a resident: proposals open until, held, minutes out.
    static func residentStatus(
        _ row: MeetingPage.ListRow,
        today: LocalDate,
        _ language: Language,
        _ strings: [String: String]
    ) -> String {
        let day = LocalDate(iso: row.held_on) ?? today
        if row.cancelled_at != nil { return strings["meetingStatusCancelled"] ?? "" }
        // An open ballot first: it is what the resident can still do.
        if let opens = row.ballot_opens.flatMap(LocalDate.init(iso:)),
            let closes = row.ballot_closes.flatMap(LocalDate.init(iso:)), today >= opens, today <= closes
        {
            return "\(strings["myMeetingStatusBallot"] ?? "") \(DateText.short(closes, language))"
        }
        if row.published_at != nil { return strings["myMeetingStatusMinutes"] ?? "" }
        if today >= day { return strings["myMeetingStatusHeld"] ?? "" }
        if row.body == .department, let by = LocalDate(iso: row.proposals_by), today <= by {
            return "\(strings["myMeetingStatusProposals"] ?? "") \(DateText.short(by, language))"
        }
        return strings["myMeetingStatusComing"] ?? ""
    }

    // MARK: One meeting

    struct Context: Encodable {
        let page: PageChrome
        let title: String
        let facts: [MeetingsController.Fact]
        let agenda: [String]
        let proposals: [Proposal]
        let proposalAction: String?
        let proposalsClosed: String?
        let form: ProposalForm
        let preview: Bool
        let myName: String
        let errors: [String: String]
        let errorList: [FieldError]
        let registration: Registration?
        let minutesHref: String?
        let message: String?
        let cancelled: String?
        let listHref: String
        let ballots: [BallotController.Item]
        /// The department's documents for the meeting: budget, accounts, house rules.
        let documents: [MyHomeController.DocumentItem]
    }

    struct Proposal: Encodable {
        let title: String
        let paragraphs: [String]
        let proposer: String
        let result: String?
        /// The proposer's own, before the deadline: withdrawing it.
        let withdrawAction: String?
    }

    struct ProposalForm: Codable {
        var title: String?
        var text: String?
        var intent: String?
    }

    struct Registration: Encodable {
        let action: String
        let registered: Bool
    }

    /// What a meeting's page shows a resident, in four statements (one for a meeting of the
    /// representative body): the meeting as they may see it, with their lease and registration
    /// (`MeetingPage.resident`, nil when it is not theirs to see) and, for a department's meeting,
    /// its proposals, its ballots with the resident's votes and the department's documents for it.
    struct Page: Sendable {
        let meeting: MeetingPage.Header
        var proposals: [MeetingPage.Proposal] = []
        var ballots: [MeetingPage.Ballot] = []
        var documents: [MyHomePage.Document] = []

        static func load(
            _ id: UUID,
            person: UUID,
            today: LocalDate,
            on database: any Database
        ) async throws -> Page? {
            guard let meeting = try await MeetingPage.resident(id, person: person, on: try database.sql()) else {
                return nil
            }
            return try await load(meeting, person: person, today: today, on: database)
        }

        /// The page of a meeting already read (a form posted on it, shown again).
        static func load(
            _ meeting: MeetingPage.Header,
            person: UUID,
            today: LocalDate,
            on database: any Database
        ) async throws -> Page {
            var page = Page(meeting: meeting)
            let sql = try database.sql()
            if meeting.body == .department {
                page.proposals = try await MeetingPage.proposals(meeting.id, on: sql)
                page.ballots = try await MeetingPage.ballots(meeting.id, person: person, on: sql)
            }
            if let department = meeting.department_id {
                let kinds: Set<String> = [
                    DepartmentDocumentKind.budget, .accounts, .houseRules, .maintenanceRules,
                ].reduce(into: []) { $0.insert($1.rawValue) }
                page.documents = try await MyHomePage.DocumentsQuery(
                    departmentID: department,
                    personID: person,
                    today: today.iso
                ).all(on: database).filter { kinds.contains($0.kind) }
            }
            return page
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("meetingID", as: UUID.self),
            let page = try await Page.load(id, person: principal.id, today: req.today, on: req.db)
        else { throw Abort(.notFound) }
        let message = req.queryValue("besked").flatMap {
            Strings.table(req.language)["myMeetingNotice_\($0)"]
        }
        return try await render(
            req,
            principal,
            page,
            form: ProposalForm(),
            preview: false,
            problems: [],
            message: message
        )
    }

    static func find(_ req: Request) async throws -> (Principal, MeetingPage.Header) {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("meetingID", as: UUID.self),
            let meeting = try await MeetingPage.resident(id, person: principal.id, on: try req.sql)
        else { throw Abort(.notFound) }
        return (principal, meeting)
    }

    /// The page of a meeting already read, after a form posted on it: the rest of the page is
    /// read (`Page.load`) and shown with the form as it was filled in.
    static func render(
        _ req: Request,
        _ principal: Principal,
        _ meeting: MeetingPage.Header,
        form: ProposalForm,
        preview: Bool,
        problems: [(String, String)],
        message: String?,
        ballotChoice: (UUID, Int, review: Bool)? = nil
    ) async throws -> View {
        try await render(
            req,
            principal,
            try await Page.load(meeting, person: principal.id, today: req.today, on: req.db),
            form: form,
            preview: preview,
            problems: problems,
            message: message,
            ballotChoice: ballotChoice
        )
    }

    static func render(
        _ req: Request,
        _ principal: Principal,
        _ page: Page,
        form: ProposalForm,
        preview: Bool,
        problems: [(String, String)],
        message: String?,
        ballotChoice: (UUID, Int, review: Bool)? = nil
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let today = req.today
        let (meeting, proposals, ballots, documents) = (page.meeting, page.proposals, page.ballots, page.documents)
        let day = meeting.day
        let isDepartment = meeting.body == .department
        let proposalsBy = LocalDate(iso: meeting.proposals_by) ?? day
        let cancelled = meeting.cancelled_at != nil
        let open = isDepartment && meeting.my_lease_id != nil && today <= proposalsBy && !cancelled
        var facts = [
            MeetingsController.Fact(
                label: strings["meetingField_date"] ?? "",
                value: DateText.long(day, language).capitalizedFirst
            ),
            MeetingsController.Fact(
                label: strings["meetingFact_time"] ?? "",
                value: strings.filled("meetingTimeValue", ["time": meeting.starts_at])
            ),
            MeetingsController.Fact(label: strings["meetingField_place"] ?? "", value: meeting.place),
        ]
        if isDepartment, today < day, !cancelled {
            facts += [
                MeetingsController.Fact(
                    label: strings["meetingProposalsBy"] ?? "",
                    value: DateText.long(proposalsBy, language).capitalizedFirst
                ),
                MeetingsController.Fact(
                    label: strings["meetingField_votes"] ?? "",
                    value: String(meeting.votes_per_household)
                ),
            ]
        }
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { $0.hasPrefix("ballot-") ? "ballotField" : "myMeetingField_\($0)" },
            strings
        )
        let title = MeetingsController.title(
            body: meeting.body,
            kind: meeting.kind,
            department: meeting.department,
            strings
        )
        return try await req.view.render(
            "my-meeting",
            Context(
                page: await PageChrome.make(for: req, title: title),
                title: title,
                facts: facts,
                agenda: meeting.agendaItems,
                proposals: proposals.filter { $0.hidden_reason == nil }.map { proposal in
                    Proposal(
                        title: proposal.title,
                        // Paragraphs as written, each keeping its line breaks.
                        paragraphs: proposal.text.components(separatedBy: "\n\n").filter {
                            !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                        },
                        proposer: "\(proposal.given_name) \(proposal.family_name)",
                        result: MeetingsController.result(proposal, language),
                        withdrawAction: open && proposal.person_id == principal.id
                            ? SiteRoute.myMeetingProposalWithdraw(proposal.id).path : nil
                    )
                },
                proposalAction: open ? SiteRoute.myMeetingProposal(meeting.id).path : nil,
                proposalsClosed: isDepartment && !open && !cancelled && today <= day
                    ? strings["myMeetingProposalsClosed"] : nil,
                form: form,
                preview: preview,
                myName: principal.name,
                errors: errors,
                // A ballot's problem stands in its own card, not in the proposal's summary.
                errorList: errorList.filter { !$0.field.hasPrefix("ballot-") },
                registration: isDepartment && meeting.my_lease_id != nil && today <= day && !cancelled
                    ? Registration(
                        action: SiteRoute.myMeetingRegistration(meeting.id).path,
                        registered: (meeting.my_registration ?? 0) > 0
                    ) : nil,
                minutesHref: meeting.published_at == nil ? nil : SiteRoute.myMeetingMinutes(meeting.id).path,
                message: message,
                cancelled: meeting.cancelled_at.map { _ in
                    "\(strings["myMeetingCancelled"] ?? "") \(meeting.cancel_reason ?? "")"
                },
                listHref: SiteRoute.myMeetings.path,
                ballots: ballots.map { ballot in
                    var item = BallotController.item(
                        ballot,
                        today: today,
                        staff: false,
                        preview: ballotChoice.map { (ballot: $0.0, option: $0.1, review: $0.review) },
                        language,
                        strings
                    )
                    if let error = errors["ballot-\(item.id)"] { item.error = error }
                    return item
                },
                documents: documents.map { MyHomeController.documentItem($0, language, strings) }
            )
        )
    }

    // MARK: A proposal

    @Sendable
    static func propose(_ req: Request) async throws -> Response {
        let (principal, meeting) = try await find(req)
        let form = (try? req.content.decode(ProposalForm.self)) ?? ProposalForm()
        guard meeting.body == .department, meeting.cancelled_at == nil, let leaseID = meeting.my_lease_id else {
            throw Abort(.notFound)
        }
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let text = (form.text ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [(String, String)] = []
        // The deadline worked out when the meeting was called.
        if req.today > LocalDate(iso: meeting.proposals_by) ?? meeting.day {
            problems.append(("title", "myMeetingErrorClosed"))
        }
        if let problem = FieldError.requiredText(title, max: 200, "myMeetingErrorTitle") {
            problems.append(("title", problem))
        }
        if let problem = FieldError.requiredText(text, max: 10_000, "myMeetingErrorText") {
            problems.append(("text", problem))
        }
        let cleaned = ProposalForm(title: title, text: text, intent: form.intent)
        guard problems.isEmpty else {
            return try await render(
                req,
                principal,
                meeting,
                form: cleaned,
                preview: false,
                problems: problems,
                message: nil
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard form.intent == "send" else {
            return try await render(req, principal, meeting, form: cleaned, preview: true, problems: [], message: nil)
                .encodeResponse(for: req)
        }
        // At most 10 proposals from a person and 200 on a meeting: no one can bury the others.
        struct Counts: Decodable {
            let mine: Int
            let all: Int
        }
        let sql = try req.sql
        let counts = try await sql.raw(
            """
            SELECT (SELECT COUNT(*) FROM meeting_proposals WHERE meeting_id = \(bind: meeting.id)
                AND person_id = \(bind: principal.id)) AS mine,
              (SELECT COUNT(*) FROM meeting_proposals WHERE meeting_id = \(bind: meeting.id)) AS "all"
            """
        ).first(decoding: Counts.self)
        if let counts, counts.mine >= 10 || counts.all >= MeetingPage.maxProposals {
            return try await render(
                req,
                principal,
                meeting,
                form: cleaned,
                preview: false,
                problems: [("title", counts.mine >= 10 ? "myMeetingErrorTooMany" : "myMeetingErrorFull")],
                message: nil
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let dependencies = req.application.dependencies
        // The same heading from the same person on one meeting is one proposal: the same text sent
        // twice is the one sent; another text under that heading is refused at the field.
        struct Stored: Decodable { let text: String }
        let inserted = try await sql.raw(
            """
            INSERT INTO meeting_proposals (id, meeting_id, person_id, lease_id, title, text, submitted_at)
            VALUES (\(bind: dependencies.uuid()), \(bind: meeting.id), \(bind: principal.id), \(bind: leaseID),
              \(bind: title), \(bind: text), \(bind: dependencies.now()))
            ON CONFLICT (meeting_id, person_id, title) DO NOTHING RETURNING text
            """
        ).first(decoding: Stored.self)
        if inserted == nil {
            let existing = try await sql.raw(
                """
                SELECT text FROM meeting_proposals WHERE meeting_id = \(bind: meeting.id)
                  AND person_id = \(bind: principal.id) AND title = \(bind: title)
                """
            ).first(decoding: Stored.self)
            if existing?.text != text {
                return try await render(
                    req,
                    principal,
                    meeting,
                    form: cleaned,
                    preview: false,
                    problems: [("title", "myMeetingErrorSameTitle")],
                    message: nil
                ).encodeResponse(status: .unprocessableEntity, for: req)
            }
        }
        return req.redirect(
            to: SiteRoute.myMeeting(meeting.id).path(query: [("besked", "forslag")]) + "#besked",
            redirectType: .normal
        )
    }

    /// The proposer withdraws their own proposal, until the proposal deadline.
    @Sendable
    static func withdrawProposal(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let proposalID = req.parameters.get("proposalID", as: UUID.self) else { throw Abort(.notFound) }
        struct Row: Decodable {
            let meeting_id: UUID
            let proposals_by: String
        }
        guard
            let row = try await req.sql.raw(
                """
                SELECT mp.meeting_id, m.proposals_by FROM meeting_proposals mp JOIN meetings m ON m.id = mp.meeting_id
                WHERE mp.id = \(bind: proposalID) AND mp.person_id = \(bind: principal.id)
                """
            ).first(decoding: Row.self)
        else { throw Abort(.notFound) }
        guard req.today <= LocalDate(iso: row.proposals_by) ?? req.today else {
            return req.redirect(to: SiteRoute.myMeeting(row.meeting_id).path, redirectType: .normal)
        }
        try await req.sql.raw(
            "DELETE FROM meeting_proposals WHERE id = \(bind: proposalID) AND person_id = \(bind: principal.id)"
        ).run()
        return req.redirect(
            to: SiteRoute.myMeeting(row.meeting_id).path(query: [("besked", "forslag-trukket")]) + "#besked",
            redirectType: .normal
        )
    }

    // MARK: Registration

    @Sendable
    static func register(_ req: Request) async throws -> Response {
        let (principal, meeting) = try await find(req)
        guard meeting.body == .department, meeting.cancelled_at == nil, let leaseID = meeting.my_lease_id,
            req.today <= meeting.day
        else {
            throw Abort(.notFound)
        }
        struct Form: Decodable { var intent: String? }
        let intent = (try? req.content.decode(Form.self))?.intent
        let sql = try req.sql
        if intent == "cancel" {
            try await sql.raw(
                "DELETE FROM meeting_registrations WHERE meeting_id = \(bind: meeting.id) AND person_id = \(bind: principal.id)"
            ).run()
        } else {
            let dependencies = req.application.dependencies
            try await sql.raw(
                """
                INSERT INTO meeting_registrations (id, meeting_id, person_id, lease_id, registered_at)
                VALUES (\(bind: dependencies.uuid()), \(bind: meeting.id), \(bind: principal.id), \(bind: leaseID),
                  \(bind: dependencies.now()))
                ON CONFLICT (meeting_id, person_id) DO NOTHING
                """
            ).run()
        }
        return req.redirect(
            to: SiteRoute.myMeeting(meeting.id).path(query: [("besked", intent == "cancel" ? "afmeldt" : "tilmeldt")])
                + "#besked",
            redirectType: .normal
        )
    }

    // MARK: The minutes

    @Sendable
    static func minutes(_ req: Request) async throws -> Response {
        let (_, meeting) = try await find(req)
        struct Row: Decodable { let minutes_pdf: Data? }
        guard meeting.published_at != nil,
            let pdf = try await req.sql.raw("SELECT minutes_pdf FROM meetings WHERE id = \(bind: meeting.id)")
                .first(decoding: Row.self)?.minutes_pdf
        else { throw Abort(.notFound) }
        return LetterPresentation.pdfResponse(pdf, filename: "referat-\(meeting.held_on).pdf")
    }

    // MARK: An extraordinary meeting

    @Sendable
    static func requestExtraordinary(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let departmentID = req.parameters.get("departmentID", as: UUID.self) else { throw Abort(.notFound) }
        let sql = try req.sql
        struct Lease: Decodable { let id: UUID }
        guard
            let lease = try await sql.raw(
                """
                SELECT ll.id FROM leases ll JOIN dwellings dw ON dw.id = ll.dwelling_id
                WHERE dw.department_id = \(bind: departmentID) AND ll.status <> 'ended'
                  AND ll.id IN (\(MeetingPage.actingLeases(principal.id))) ORDER BY ll.id LIMIT 1
                """
            ).first(decoding: Lease.self)
        else { throw Abort(.notFound) }
        struct Form: Decodable {
            var topic: String?
            var intent: String?
        }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        if form.intent == "withdraw" {
            // The household changed its mind: its request goes, whoever of it made it.
            try await sql.raw(
                """
                DELETE FROM extraordinary_meeting_requests WHERE department_id = \(bind: departmentID)
                  AND lease_id = \(bind: lease.id)
                """
            ).run()
            return req.redirect(
                to: SiteRoute.myMeetings.path(query: [("besked", "traekket-tilbage")]) + "#besked",
                redirectType: .normal
            )
        }
        let topic = (form.topic ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = FieldError.requiredText(topic, max: 500, "myMeetingsErrorTopic") {
            let page = try await ListPage.load(person: principal.id, after: Keyset.cursor(req), on: sql)
            return try await renderList(req, page, problem: (departmentID, problem, topic))
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let dependencies = req.application.dependencies
        try await sql.raw(
            """
            INSERT INTO extraordinary_meeting_requests (id, department_id, lease_id, person_id, topic, requested_at)
            VALUES (\(bind: dependencies.uuid()), \(bind: departmentID), \(bind: lease.id), \(bind: principal.id),
              \(bind: topic), \(bind: dependencies.now()))
            ON CONFLICT (department_id, lease_id) DO NOTHING
            """
        ).run()
        return req.redirect(
            to: SiteRoute.myMeetings.path(query: [("besked", "begaering")]) + "#besked",
            redirectType: .normal
        )
    }
}
