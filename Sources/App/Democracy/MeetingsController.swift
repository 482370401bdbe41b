import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// Meetings in the back office (rules.md §6): call a department meeting or a meeting of the
/// representative body with its deadlines worked out, send the notice to every household as a
/// bulk letter built from the meeting, see the proposals and registrations, enter the votes and
/// the minutes, preview the minutes and publish them to the residents.
enum MeetingsController {
    // MARK: The list

    struct ListContext: Encodable {
        let page: PageChrome
        let newHref: String
        let boardsHref: String
        let search: String
        let searchAction: String
        /// The staff's organisations, when they have more than one, and the days held.
        let organisations: OptionList
        let choosesOrganisation: Bool
        let period: ListPeriod.Fields
        /// Where the meetings stand: coming, minutes missing, published, cancelled.
        let standings: OptionList
        /// Anything narrows the list.
        let filtered: Bool
        let rows: [Row]
        let pager: Pager
        let requests: [RequestRow]
        /// The departments' requests a page at a time (`?anmodninger=2`).
        let requestsPager: Pager
    }

    struct Row: Encodable {
        let title: String
        let href: String
        let when: String
        let organisation: String
        let status: String
        let proposals: Int
    }

    struct RequestRow: Encodable {
        let department: String
        let organisation: String
        let text: String
        let required: Bool
        /// What the households want the meeting to deal with (the newest), and how many more.
        var topics: [String] = []
        var moreTopics: String? = nil
    }

    /// "og 3 emner mere", when a department has more topics than are shown.
    static func moreTopics(_ topics: MeetingPage.Topics?, _ strings: [String: String]) -> String? {
        guard let topics, topics.total > topics.shown.count else { return nil }
        let more = topics.total - topics.shown.count
        return strings.counted("meetingsRequestsMore", more, ["n": "\(more)"])
    }

    /// What the list shows, in three statements (four past the requests' last page): a page of
    /// meetings (`MeetingPage.staffList`, none while a day of the filter is not a date), a page of
    /// the departments' requests (`MeetingPage.staffRequests`; past the last page, the first page
    /// instead, and `requestsPage` says which was read) and their topics.
    struct ListPage: Sendable {
        let rows: [MeetingPage.ListRow]
        /// One more than a page when another follows.
        let requests: [MeetingPage.Requests]
        let requestsPage: Int
        let topics: [UUID: MeetingPage.Topics]

        static func load(
            scope: StaffScope,
            organisation: UUID?,
            period: ListPeriod,
            standing: (MeetingPage.Standing, today: LocalDate)? = nil,
            search: String?,
            after cursor: UUID?,
            requestsPage: Int,
            on sql: any SQLDatabase
        ) async throws -> ListPage {
            // A day that is not a date shows the mistake, not a list that ignores part of the filter.
            let rows =
                period.problems.isEmpty
                ? try await MeetingPage.staffList(
                    scope: scope,
                    organisation: organisation,
                    period: period,
                    standing: standing,
                    search: search,
                    after: cursor,
                    on: sql
                ) : []
            var page = requestsPage
            var read = try await MeetingPage.staffRequests(scope: scope, page: page, on: sql)
            if read.isEmpty && page > 1 {
                // Past the last page (the list got shorter, or a typed number): the first page.
                page = 1
                read = try await MeetingPage.staffRequests(scope: scope, page: 1, on: sql)
            }
            let shown = read.prefix(MeetingPage.requestsPageSize).map(\.department_id)
            return ListPage(
                rows: rows,
                requests: read,
                requestsPage: page,
                topics: try await MeetingPage.requestTopics(Array(shown), on: sql)
            )
        }
    }

    /// `/admin/moeder`: the departments' requests for an extraordinary meeting, and the meetings
    /// in scope, latest day first, 25 a page, of an organisation, held in some days (`fra`,
    /// `til`), searched by organisation, department or place (`q`).
    @Sendable
    static func list(_ req: Request) async throws -> Response {
        let (_, scope) = try await req.requireStaffScope()
        let strings = Strings.table(req.language)
        let search = Keyset.search(req)
        let organisation = ListOrganisation.parse(req, scope: scope)
        let period = ListPeriod(req)
        let standing = req.queryValue("status").flatMap(MeetingPage.Standing.init(rawValue:))
        let cursor = Keyset.cursor(req)
        // The requests' page: 1 unless `?anmodninger=` names a later one (anything else is page 1).
        let askedPage = min(max(req.queryValue("anmodninger").flatMap(Int.init) ?? 1, 1), 10_000)
        let loaded = try await ListPage.load(
            scope: scope,
            organisation: organisation,
            period: period,
            standing: standing.map { ($0, today: req.today) },
            search: search,
            after: cursor,
            requestsPage: askedPage,
            on: try req.sql
        )
        let (requestsPage, read, topics) = (loaded.requestsPage, loaded.requests, loaded.topics)
        let filters: [(String, String?)] =
            [("q", search), ("organisation", organisation?.lowercasedString), ("status", standing?.rawValue)]
            + period.query
        // Each list's links keep the other's place.
        let (rows, pager) = Pager.page(
            loaded.rows,
            id: \.id,
            route: .meetings,
            query: filters + [("anmodninger", askedPage > 1 ? "\(askedPage)" : nil)],
            cursor: cursor
        )
        let organisations = try await ListOrganisation.options(
            req,
            scope: scope,
            selected: organisation,
            strings: strings
        )
        let requests = Array(read.prefix(MeetingPage.requestsPageSize))
        return try await req.view.render(
            "meetings",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["meetingsTitle"] ?? ""),
                newHref: SiteRoute.meetingNew.path,
                boardsHref: SiteRoute.boards.path,
                search: search ?? "",
                searchAction: SiteRoute.meetings.path,
                organisations: organisations,
                choosesOrganisation: !organisations.isEmpty,
                period: period.fields(strings, labels: ("meetingsHeldFrom", "meetingsHeldTo")),
                standings: OptionList.choosing(
                    MeetingPage.Standing.allCases,
                    selected: standing,
                    all: strings["filterAll"] ?? ""
                ) { strings["meetingsStanding_\($0.rawValue)"] ?? "" },
                filtered: search != nil || organisation != nil || standing != nil || !period.isEmpty,
                rows: rows.map { row(of: $0, today: req.today, req.language, strings) },
                pager: pager,
                requests: requests.map {
                    var row = requestRow($0, req.language, strings)
                    row.topics = topics[$0.department_id]?.shown ?? []
                    row.moreTopics = moreTopics(topics[$0.department_id], strings)
                    return row
                },
                requestsPager: Pager(
                    nextHref: read.count > requests.count
                        ? SiteRoute.meetings.path(
                            query: filters + [
                                (Keyset.parameter, cursor?.lowercasedString),
                                ("anmodninger", "\(requestsPage + 1)"),
                            ]
                        ) + "#anmodninger" : nil,
                    firstHref: requestsPage > 1
                        ? SiteRoute.meetings.path(
                            query: filters + [(Keyset.parameter, cursor?.lowercasedString)]
                        ) + "#anmodninger" : nil
                )
            )
        ).encodeResponse(status: period.problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }

    static func title(body: MeetingBody, kind: MeetingKind, department: String?, _ strings: [String: String]) -> String
    {
        let name = strings["meetingKind_\(kind.rawValue)_\(body.rawValue)"] ?? ""
        return department.map { "\(name), \(strings["meetingDepartmentWord"] ?? "") \($0)" } ?? name
    }

    static func row(
        of meeting: MeetingPage.ListRow,
        today: LocalDate,
        _ language: Language,
        _ strings: [String: String]
    )
        -> Row
    {
        let day = LocalDate(iso: meeting.held_on) ?? today
        return Row(
            title: title(
                body: meeting.body,
                kind: meeting.kind,
                department: meeting.department_number.map { "\($0) \(meeting.department_name ?? "")" },
                strings
            ),
            href: SiteRoute.meeting(meeting.id).path,
            when: "\(DateText.long(day, language).capitalizedFirst) \(strings["meetingAt"] ?? "") \(meeting.starts_at)",
            organisation: meeting.organisation_name,
            status: status(
                body: meeting.body,
                day: day,
                noticeBy: LocalDate(iso: meeting.notice_by) ?? day,
                minutesBy: LocalDate(iso: meeting.minutes_by) ?? day,
                noticeMade: meeting.notice_run_id != nil,
                published: meeting.published_at != nil,
                cancelled: meeting.cancelled_at != nil,
                today: today,
                language,
                strings
            ),
            proposals: meeting.proposals
        )
    }

    /// Where a meeting stands, in words: what is due next and by when.
    static func status(
        body: MeetingBody,
        day: LocalDate,
        noticeBy: LocalDate,
        minutesBy: LocalDate,
        noticeMade: Bool,
        published: Bool,
        cancelled: Bool = false,
        today: LocalDate,
        _ language: Language,
        _ strings: [String: String]
    ) -> String {
        if cancelled { return strings["meetingStatusCancelled"] ?? "" }
        if published { return strings["meetingStatusPublished"] ?? "" }
        if today >= day {
            guard body == .representatives else { return strings["meetingStatusMinutesDue"] ?? "" }
            let by = DateText.short(minutesBy, language)
            return today > minutesBy
                ? "\(strings["meetingStatusMinutesLate"] ?? "") \(by)"
                : "\(strings["meetingStatusMinutesDue"] ?? "") \(strings["meetingBy"] ?? "") \(by)"
        }
        if body == .department, !noticeMade {
            return today > noticeBy
                ? strings["meetingStatusNoticeLate"] ?? ""
                : "\(strings["meetingStatusNoticeDue"] ?? "") \(DateText.short(noticeBy, language))"
        }
        return strings["meetingStatusCalled"] ?? ""
    }

    static func requestRow(
        _ requests: MeetingPage.Requests,
        _ language: Language,
        _ strings: [String: String]
    )
        -> RequestRow
    {
        RequestRow(
            department: "\(requests.number) \(requests.name)",
            organisation: requests.organisation_name,
            text: requestsText(requests, language),
            required: requests.required
        )
    }

    /// "1 af 113 husstande har bedt om et ekstraordinært afdelingsmøde. Der skal 29 husstande til (25\u{00A0}%). 28 mangler."
    static func requestsText(_ requests: MeetingPage.Requests, _ language: Language) -> String {
        let strings = Strings.table(language)
        return strings.counted(
            "meetingRequestsCount",
            requests.requests,
            ["asked": "\(requests.requests)", "households": "\(requests.households)", "needed": "\(requests.needed)"]
        ) + " "
            + (requests.required
                ? strings.filled("meetingRequestsEnough")
                : strings.filled("meetingRequestsMissing", ["n": "\(requests.needed - requests.requests)"]))
    }

    // MARK: Calling a meeting

    struct FormContext: Encodable {
        let page: PageChrome
        let action: String
        let form: MeetingForm
        let organisations: [SelectOption]
        let bodies: [SelectOption]
        let kinds: [SelectOption]
        let errors: [String: String]
        let errorList: [FieldError]
        let earliestHint: String
    }

    /// What the new meeting's form shows: the scope's organisations by name, the first 500. One
    /// statement.
    struct NewPage: Sendable {
        let organisations: [HousingOrganisation]

        static func load(_ scope: StaffScope, on database: any Database) async throws -> NewPage {
            var query = HousingOrganisation.query(on: database)
            if let ids = scope.ids { query = query.filter(\.$id ~~ ids) }
            return NewPage(organisations: try await query.sort(\.$name).field(\.$id).field(\.$name).range(..<500).all())
        }
    }

    @Sendable
    static func new(_ req: Request) async throws -> View {
        let (_, scope) = try await req.requireStaffScope()
        let earliest = MeetingDeadlines().suggestedMeeting(noticeOn: req.today)
        let form = MeetingForm(
            body: MeetingBody.department.rawValue,
            organisation: nil,
            department: req.queryValue("afdeling"),
            kind: req.queryValue("slags") ?? MeetingKind.ordinary.rawValue,
            date: earliest.iso,
            time: "19.00",
            place: "",
            agenda: MeetingForm.standardAgenda.joined(separator: "\n"),
            votes: ""
        )
        return try await renderForm(
            req,
            try await NewPage.load(scope, on: req.db),
            form: form,
            problems: MeetingForm.Problems()
        )
    }

    /// The form from what was loaded: the GET renders it, and a POST that refuses it with its
    /// problems.
    static func renderForm(
        _ req: Request,
        _ loaded: NewPage,
        form: MeetingForm,
        problems: MeetingForm.Problems
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let organisations = loaded.organisations
        let (errors, errorList) = problems.fieldErrors(language)
        let earliest = MeetingDeadlines().suggestedMeeting(noticeOn: req.today)
        return try await req.view.render(
            "meeting-form",
            FormContext(
                page: await PageChrome.make(for: req, title: strings["meetingNewTitle"] ?? ""),
                action: SiteRoute.meetingNew.path,
                form: form,
                organisations: try organisations.map {
                    let id = try $0.requireID().uuidString
                    return SelectOption(value: id, label: $0.name, selected: form.organisation?.uppercased() == id)
                },
                bodies: MeetingBody.allCases.map {
                    SelectOption(
                        value: $0.rawValue,
                        label: strings["meetingBody_\($0.rawValue)"] ?? "",
                        selected: form.body == $0.rawValue
                    )
                },
                kinds: MeetingKind.allCases.map {
                    SelectOption(
                        value: $0.rawValue,
                        label: strings["meetingKind_\($0.rawValue)"] ?? "",
                        selected: form.kind == $0.rawValue
                    )
                },
                errors: errors,
                errorList: errorList,
                earliestHint: strings.filled("meetingDateHint", ["date": DateText.long(earliest, language)])
            )
        )
    }

    @Sendable
    static func create(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let form = (try? req.content.decode(MeetingForm.self)) ?? MeetingForm()
        let invalid = { (problems: MeetingForm.Problems) in
            try await renderForm(req, try await NewPage.load(scope, on: req.db), form: form, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let valid: MeetingForm.Valid
        switch form.validated(today: req.today) {
        case .failure(let problems): return try await invalid(problems)
        case .success(let checked): valid = checked
        }
        guard scope.contains(valid.organisationID),
            try await HousingOrganisation.find(valid.organisationID, on: req.db) != nil
        else {
            var problems = MeetingForm.Problems()
            problems.add("organisation", "meetingErrorOrganisation")
            return try await invalid(problems)
        }
        var departmentID: UUID?
        if let number = valid.departmentNumber {
            guard
                let department = try await Department.query(on: req.db)
                    .filter(\.$organisation.$id == valid.organisationID).filter(\.$number == number).first()
            else {
                var problems = MeetingForm.Problems()
                problems.add("department", "meetingErrorUnknownDepartment")
                return try await invalid(problems)
            }
            departmentID = try department.requireID()
        }
        let id = try await call(
            valid,
            departmentID: departmentID,
            by: principal,
            purpose: AuditPurpose("meetingCalled"),
            on: req
        )
        return req.redirect(to: SiteRoute.meeting(id).path, redirectType: .normal)
    }

    /// Calls a meeting, by staff or the department board, once: a meeting already called of the
    /// same body, kind and day (a double click) is the one. Votes left empty are the department's
    /// from its last meeting; an extraordinary meeting answers the households' requests, so a new
    /// round of them starts.
    static func call(
        _ valid: MeetingForm.Valid,
        departmentID: UUID?,
        by principal: Principal,
        purpose: AuditPurpose,
        on req: Request
    ) async throws -> UUID {
        if let called = try await existing(valid, departmentID: departmentID, on: try req.sql) { return called }
        var votes = valid.votes
        if votes == nil, let departmentID { votes = try await lastVotes(departmentID, on: try req.sql) }
        let meeting = meeting(
            from: valid,
            departmentID: departmentID,
            votes: votes ?? HouseholdVotes.standard,
            app: req.application
        )
        if principal.kind == .staff { meeting.createdBy = principal.id }
        let id = try meeting.requireID()
        try await req.db.transaction { db in
            try await meeting.create(on: db)
            if valid.kind == .extraordinary, let departmentID {
                try await ExtraordinaryMeetingRequest.query(on: db).filter(\.$departmentID == departmentID).delete()
            }
            try await req.audit.record(
                .meetingCall,
                subjectKind: .meeting,
                subjectID: id,
                purpose: purpose,
                actor: principal,
                on: db
            )
        }
        return id
    }

    /// A meeting not cancelled of the same body, kind and day (for the department, or the
    /// organisation's representative body), if one is called already.
    static func existing(_ valid: MeetingForm.Valid, departmentID: UUID?, on sql: any SQLDatabase) async throws -> UUID?
    {
        struct Row: Decodable { let id: UUID }
        let whose: SQLQueryString =
            if let departmentID { "department_id = \(bind: departmentID)" } else {
                "department_id IS NULL AND organisation_id = \(bind: valid.organisationID)"
            }
        return try await sql.raw(
            """
            SELECT id FROM meetings WHERE \(whose) AND held_on = \(bind: valid.day.iso)
              AND kind = \(bind: valid.kind.rawValue) AND body = \(bind: valid.body.rawValue) AND cancelled_at IS NULL
            """
        ).first(decoding: Row.self)?.id
    }

    /// A meeting as called, its deadlines worked out from its day.
    static func meeting(from valid: MeetingForm.Valid, departmentID: UUID?, votes: Int, app: Application) -> Meeting {
        let dependencies = app.dependencies
        let deadlines = MeetingDeadlines()
        let meeting = Meeting()
        meeting.id = dependencies.uuid()
        meeting.body = valid.body
        meeting.kind = valid.kind
        meeting.organisationID = valid.organisationID
        meeting.departmentID = departmentID
        meeting.heldOn = valid.day.iso
        meeting.startsAt = valid.time
        meeting.place = valid.place
        meeting.agendaJSON = Meeting.encodeAgenda(valid.agenda)
        meeting.noticeBy = deadlines.noticeBy(meeting: valid.day).iso
        meeting.proposalsBy = deadlines.proposalsBy(meeting: valid.day).iso
        meeting.minutesBy = deadlines.minutesBy(meeting: valid.day).iso
        meeting.votesPerHousehold = votes
        meeting.createdAt = dependencies.now()
        return meeting
    }

    /// The votes a household had at the department's last meeting, if it has had one here.
    static func lastVotes(_ departmentID: UUID, on sql: any SQLDatabase) async throws -> Int? {
        struct Row: Decodable { let votes_per_household: Int }
        return try await sql.raw(
            """
            SELECT votes_per_household FROM meetings WHERE department_id = \(bind: departmentID) AND cancelled_at IS NULL
            ORDER BY held_on DESC LIMIT 1
            """
        ).first(decoding: Row.self)?.votes_per_household
    }

    // MARK: One meeting

    struct Context: Encodable {
        let page: PageChrome
        let title: String
        let facts: [Fact]
        let agenda: [String]
        let deadlines: [Fact]
        let isDepartment: Bool
        let notice: Notice?
        let proposals: [ProposalRow]
        let registered: String?
        let resultsAction: String?
        let minutes: String
        let minutesPreviewHref: String?
        let publishAction: String?
        let published: String?
        let message: String?
        let errors: [String: String]
        let errorList: [FieldError]
        let listHref: String
        let ballots: [BallotController.Item]
        let ballotAction: String?
        let showBallots: Bool
        /// "Mødet er aflyst …", with the letters telling the households.
        let cancelled: String?
        let cancellationRunHref: String?
        let cancelAction: String?
        let cancelReason: String
        let ballotForm: BallotController.Form
        let paperForm: BallotController.PaperForm
    }

    struct Fact: Encodable {
        let label: String
        let value: String
        var late = false
    }

    struct Notice: Encodable {
        let action: String?
        let runHref: String?
        let text: String
    }

    struct ProposalRow: Encodable {
        let id: String
        let title: String
        let text: String
        let proposer: String
        let submitted: String
        let votesFor: String
        let votesAgainst: String
        let votesBlank: String
        let result: String?
        let error: String?
        /// Hidden by staff, with the reason; or the form that hides it.
        let hidden: String?
        let hideAction: String?
    }

    /// What a meeting's page shows, in three statements (two for a meeting of the representative
    /// body): the meeting in the staff's scope (`MeetingPage.staff`, nil outside it), its proposals
    /// and, for a department's meeting, its ballots.
    struct ShowPage: Sendable {
        let meeting: MeetingPage.Header
        let proposals: [MeetingPage.Proposal]
        let ballots: [MeetingPage.Ballot]

        static func load(_ id: UUID, scope: StaffScope, on sql: any SQLDatabase) async throws -> ShowPage? {
            guard let meeting = try await MeetingPage.staff(id, scope: scope, on: sql) else { return nil }
            return try await load(meeting, on: sql)
        }

        /// The page of a meeting already read (a form posted on it, shown again with its errors).
        static func load(_ meeting: MeetingPage.Header, on sql: any SQLDatabase) async throws -> ShowPage {
            ShowPage(
                meeting: meeting,
                proposals: try await MeetingPage.proposals(meeting.id, on: sql),
                ballots: meeting.body == .department
                    ? try await MeetingPage.ballots(meeting.id, person: nil, on: sql) : []
            )
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let (principal, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("meetingID", as: UUID.self),
            let page = try await ShowPage.load(id, scope: scope, on: try req.sql)
        else { throw Abort(.notFound) }
        let message = req.queryValue("besked").flatMap {
            Strings.table(req.language)["meetingNotice_\($0)"]
        }
        return try await render(req, principal, page, message: message, votes: nil, minutes: nil, problems: [])
    }

    static func find(_ req: Request, _ scope: StaffScope) async throws -> MeetingPage.Header {
        guard let id = req.parameters.get("meetingID", as: UUID.self),
            let meeting = try await MeetingPage.staff(id, scope: scope, on: try req.sql)
        else { throw Abort(.notFound) }
        return meeting
    }

    /// The meeting's page from what was loaded: the GET shows it, and a form posted on the
    /// meeting (its notice, cancelling, hiding a proposal, the results, publishing, a ballot) shows
    /// it again with its errors, having loaded it itself (`ShowPage.load(_:on:)`).
    static func render(
        _ req: Request,
        _ principal: Principal,
        _ page: ShowPage,
        message: String? = nil,
        votes: [String: String]? = nil,
        minutes: String? = nil,
        problems: [(String, String)],
        ballotForm: BallotController.Form? = nil,
        paperForm: BallotController.PaperForm? = nil,
        paperCounts: [String: String] = [:],
        cancelReason: String? = nil
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let today = req.today
        let (meeting, proposals, ballots) = (page.meeting, page.proposals, page.ballots)
        if !proposals.isEmpty {
            try await req.audit.record(
                .meetingRead,
                dataSubjects: proposals.map(\.person_id),
                subjectKind: .meeting,
                subjectID: meeting.id,
                purpose: AuditPurpose("meetingProposers"),
                actor: principal
            )
        }
        let day = meeting.day
        let noticeBy = LocalDate(iso: meeting.notice_by) ?? day
        let minutesBy = LocalDate(iso: meeting.minutes_by) ?? day
        let isDepartment = meeting.body == .department
        var facts = [
            Fact(label: strings["meetingField_date"] ?? "", value: DateText.long(day, language).capitalizedFirst),
            Fact(
                label: strings["meetingFact_time"] ?? "",
                value: strings.filled("meetingTimeValue", ["time": meeting.starts_at])
            ),
            Fact(label: strings["meetingField_place"] ?? "", value: meeting.place),
            Fact(label: strings["meetingField_organisation"] ?? "", value: meeting.organisation_name),
        ]
        if isDepartment {
            facts += [
                Fact(label: strings["meetingField_department"] ?? "", value: meeting.department ?? ""),
                Fact(label: strings["meetingHouseholds"] ?? "", value: String(meeting.households)),
                Fact(label: strings["meetingField_votes"] ?? "", value: String(meeting.votes_per_household)),
            ]
        }
        var deadlines: [Fact] = []
        if isDepartment {
            deadlines += [
                Fact(
                    label: strings["meetingNoticeBy"] ?? "",
                    value: DateText.long(noticeBy, language).capitalizedFirst,
                    late: meeting.notice_run_id == nil && today > noticeBy && today < day
                ),
                Fact(
                    label: strings["meetingProposalsBy"] ?? "",
                    value: DateText.long(LocalDate(iso: meeting.proposals_by) ?? day, language).capitalizedFirst
                ),
            ]
        } else {
            deadlines.append(
                Fact(
                    label: strings["meetingMinutesBy"] ?? "",
                    value: DateText.long(minutesBy, language).capitalizedFirst,
                    late: meeting.published_at == nil && today > minutesBy
                )
            )
        }
        let notice: Notice? =
            if !isDepartment || meeting.cancelled_at != nil || (today >= day && meeting.notice_run_id == nil) {
                nil
            } else if let run = meeting.notice_run_id {
                Notice(
                    action: nil,
                    runHref: SiteRoute.bulkRun(run).path,
                    text:
                        "\(strings["bulkStatus_\(meeting.notice_run_status ?? "")"] ?? ""): \(meeting.notice_run_sent ?? 0) / \(meeting.notice_run_total ?? 0)"
                )
            } else if today <= noticeBy {
                Notice(
                    action: SiteRoute.meetingNotice(meeting.id).path,
                    runHref: nil,
                    text: strings["meetingNoticeExplain"] ?? ""
                )
            } else {
                Notice(action: nil, runHref: nil, text: strings["meetingNoticeLate"] ?? "")
            }
        let held = today >= day
        let cancelled = meeting.cancelled_at != nil
        let open = held && meeting.published_at == nil && !cancelled
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: {
                $0.hasPrefix("for_") ? "meetingField_proposalVotes" : "meetingField_\($0.prefix { $0 != "-" })"
            },
            strings
        )
        return try await req.view.render(
            "meeting",
            Context(
                page: await PageChrome.make(
                    for: req,
                    title: title(body: meeting.body, kind: meeting.kind, department: meeting.department, strings)
                ),
                title: title(body: meeting.body, kind: meeting.kind, department: meeting.department, strings),
                facts: facts,
                agenda: meeting.agendaItems,
                deadlines: deadlines,
                isDepartment: isDepartment,
                notice: notice,
                proposals: proposals.filter { !open || $0.hidden_reason == nil }.map { proposal in
                    let key = proposal.id.lowercasedString
                    return ProposalRow(
                        id: key,
                        title: proposal.title,
                        text: proposal.text,
                        proposer: "\(proposal.given_name) \(proposal.family_name), \(proposal.addressLine)",
                        submitted: DateText.timestamp(proposal.submitted_at, language),
                        votesFor: votes?["for_\(key)"] ?? proposal.votes_for.map(String.init) ?? "",
                        votesAgainst: votes?["against_\(key)"] ?? proposal.votes_against.map(String.init) ?? "",
                        votesBlank: votes?["blank_\(key)"] ?? proposal.votes_blank.map(String.init) ?? "",
                        result: result(proposal, language),
                        error: errors["for_\(key)"] ?? errors["hide-\(key)"],
                        hidden: proposal.hidden_reason.map { "\(strings["meetingProposalHidden"] ?? "") \($0)" },
                        hideAction: proposal.hidden_reason == nil && meeting.published_at == nil && !cancelled
                            ? SiteRoute.meetingProposalHide(proposal.id).path : nil
                    )
                },
                registered: isDepartment ? registeredText(meeting, language) : nil,
                resultsAction: open ? SiteRoute.meetingResults(meeting.id).path : nil,
                minutes: minutes ?? meeting.minutes ?? "",
                minutesPreviewHref: held && !(meeting.minutes ?? "").isEmpty
                    ? SiteRoute.meetingMinutesPreview(meeting.id).path : nil,
                publishAction: open && !(meeting.minutes ?? "").isEmpty
                    ? SiteRoute.meetingPublish(meeting.id).path : nil,
                published: meeting.published_at.map {
                    "\(strings["meetingPublishedAt"] ?? "") \(DateText.timestamp($0, language))."
                },
                message: message,
                errors: errors,
                errorList: errorList,
                listHref: SiteRoute.meetings.path,
                ballots: ballots.map { ballot in
                    var item = BallotController.item(ballot, today: today, staff: true, preview: nil, language, strings)
                    for field in ["paperAddress", "paperName", "paperCount"] {
                        item.paperErrors[field] = errors["\(field)-\(item.id)"]
                    }
                    for index in item.options.indices {
                        item.options[index].count = paperCounts["count_\(item.options[index].value)"] ?? ""
                    }
                    return item
                },
                ballotAction: isDepartment && held && meeting.published_at == nil && !cancelled
                    ? SiteRoute.meetingBallot(meeting.id).path : nil,
                showBallots: isDepartment && !cancelled && (held || !ballots.isEmpty),
                cancelled: meeting.cancelled_at.map {
                    "\(strings["meetingCancelledAt"] ?? "") \(DateText.timestamp($0, language)): \(meeting.cancel_reason ?? "")"
                },
                cancellationRunHref: meeting.cancellation_run_id.map { SiteRoute.bulkRun($0).path },
                cancelAction: !cancelled && today < day ? SiteRoute.meetingCancel(meeting.id).path : nil,
                cancelReason: cancelReason ?? "",
                ballotForm: ballotForm
                    ?? BallotController.Form(
                        question: "",
                        // The ballot goes to the residents in Danish, as the default agenda does.
                        options: Strings.danish["ballotDefaultOptions"] ?? "",
                        opens: today.iso,
                        closes: today.adding(days: 14).iso
                    ),
                paperForm: paperForm ?? BallotController.PaperForm()
            )
        )
    }

    /// "3 tilmeldt fra 1 husstand."
    static func registeredText(_ meeting: MeetingPage.Header, _ language: Language) -> String {
        let households = meeting.registered_households
        return Strings.table(language).counted(
            "meetingRegistered",
            households,
            ["people": "\(meeting.registered_people)", "households": "\(households)"]
        )
    }

    /// "Vedtaget: 34 for, 12 imod, 3 blanke", or nil before the votes are entered.
    static func result(_ proposal: MeetingPage.Proposal, _ language: Language) -> String? {
        guard let yes = proposal.votes_for, let no = proposal.votes_against else { return nil }
        let blank = proposal.votes_blank ?? 0
        let strings = Strings.table(language)
        return strings.counted(
            "proposalResult",
            blank,
            [
                "outcome": strings[yes > no ? "proposalAdopted" : "proposalNotAdopted"] ?? "", "yes": "\(yes)",
                "no": "\(no)", "blank": "\(blank)",
            ]
        )
    }

    // MARK: The notice

    @Sendable
    static func sendNotice(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let meeting = try await find(req, scope)
        if let run = meeting.notice_run_id {
            return req.redirect(to: SiteRoute.bulkRun(run).path, redirectType: .normal)
        }
        guard meeting.body == .department, let departmentID = meeting.department_id else { throw Abort(.notFound) }
        guard req.today <= LocalDate(iso: meeting.notice_by) ?? meeting.day else {
            return try await render(
                req,
                principal,
                try await ShowPage.load(meeting, on: try req.sql),
                problems: [("notice", "meetingNoticeLate")]
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let content = noticeContent(meeting)
        let made: UUID
        do {
            made = try await makeNotice(req, principal, meeting, departmentID: departmentID, content: content)
        } catch is NoticeAlreadyMade {
            return req.redirect(to: SiteRoute.meeting(meeting.id).path, redirectType: .normal)
        }
        return req.redirect(to: SiteRoute.bulkRun(made).path, redirectType: .normal)
    }

    /// The notice's bulk run, linked to the meeting in the same transaction (one per meeting).
    private static func makeNotice(
        _ req: Request,
        _ principal: Principal,
        _ meeting: MeetingPage.Header,
        departmentID: UUID,
        content: BulkContent
    ) async throws -> UUID {
        try await req.db.transaction { db -> UUID in
            let run = try await req.application.bulkLetters(on: db).create(
                organisationID: meeting.organisation_id,
                departmentIDs: [departmentID],
                content: content,
                createdBy: principal.id
            )
            let runID = try run.requireID()
            let linked = try await OnceUpdate.run(
                "UPDATE meetings SET notice_run_id = \(bind: runID) WHERE id = \(bind: meeting.id) AND notice_run_id IS NULL",
                on: db
            )
            // Someone else made the notice meanwhile: theirs stands, this one is undone.
            guard linked else { throw NoticeAlreadyMade() }
            try await req.audit.record(
                .meetingNotice,
                subjectKind: .meeting,
                subjectID: meeting.id,
                purpose: AuditPurpose("meetingNotice"),
                actor: principal,
                on: db
            )
            return runID
        }
    }

    struct NoticeAlreadyMade: Error {}

    /// The notice's content, built from the meeting: every date written out from the days the
    /// rules worked out, never typed.
    static func noticeContent(_ meeting: MeetingPage.Header) -> BulkContent {
        let votes = meeting.votes_per_household
        let words = ["én stemme", "to stemmer", "tre stemmer", "fire stemmer"]
        return .meetingNotice(
            meetingDate: DateText.long(meeting.day, .da),
            meetingTime: meeting.starts_at,
            place: meeting.place,
            agenda: meeting.agendaItems,
            proposalDeadline: DateText.long(LocalDate(iso: meeting.proposals_by) ?? meeting.day, .da),
            votes: (1...words.count).contains(votes) ? words[votes - 1] : "\(votes) stemmer"
        )
    }

    /// Whether a bulk run is a meeting's notice that may not start: its meeting is cancelled, or
    /// it was never started and its deadline has passed. A notice started in time and paused may
    /// go on, so no household is left out.
    static func noticeTooLate(runID: UUID, today: LocalDate, on sql: any SQLDatabase) async throws -> Bool {
        struct Row: Decodable {
            let notice_by: String
            let cancelled_at: Date?
            let status: String
        }
        guard
            let row = try await sql.raw(
                """
                SELECT m.notice_by, m.cancelled_at, r.status FROM meetings m JOIN bulk_runs r ON r.id = m.notice_run_id
                WHERE m.notice_run_id = \(bind: runID)
                """
            ).first(decoding: Row.self)
        else { return false }
        if row.cancelled_at != nil { return true }
        return row.status == BulkRunStatus.draft.rawValue && today > LocalDate(iso: row.notice_by) ?? today
    }

    // MARK: Cancelling

    /// `POST .../aflys`: the meeting is cancelled before its day, with the reason. When its notice
    /// has gone (or is going), the households are told by a letter made like the notice, which
    /// the caseworker previews and sends; a notice still going is paused.
    @Sendable
    static func cancel(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let meeting = try await find(req, scope)
        guard meeting.cancelled_at == nil, req.today < meeting.day else {
            return req.redirect(to: SiteRoute.meeting(meeting.id).path, redirectType: .normal)
        }
        struct Form: Decodable {
            var reason: String?
            var bekraeft: String?
        }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [(String, String)] = []
        if let problem = FieldError.requiredText(reason, max: 500, "meetingErrorCancelReason") {
            problems.append(("cancelReason", problem))
        }
        if form.bekraeft != "ja" { problems.append(("cancelConfirm", "meetingErrorCancelConfirm")) }
        guard problems.isEmpty else {
            return try await render(
                req,
                principal,
                try await ShowPage.load(meeting, on: try req.sql),
                problems: problems,
                cancelReason: reason
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let strings = Strings.danish
        let title = title(body: meeting.body, kind: meeting.kind, department: meeting.department, strings)
        let noticeWent = meeting.notice_run_status.map { $0 != BulkRunStatus.draft.rawValue } ?? false
        let now = req.application.dependencies.now()
        let run = try await req.db.transaction { db -> UUID? in
            let cancelled = try await OnceUpdate.run(
                """
                UPDATE meetings SET cancelled_at = \(bind: now), cancel_reason = \(bind: reason)
                WHERE id = \(bind: meeting.id) AND cancelled_at IS NULL
                """,
                on: db
            )
            guard cancelled else { return nil }
            var runID: UUID?
            if noticeWent, let department = meeting.department_id {
                let letter = try await req.application.bulkLetters(on: db).create(
                    organisationID: meeting.organisation_id,
                    departmentIDs: [department],
                    content: .general(
                        subject: "Aflyst: \(title) \(DateText.long(meeting.day, .da))",
                        paragraphs: [
                            "\(title) \(DateText.long(meeting.day, .da)) kl. \(meeting.starts_at), \(meeting.place), er aflyst.",
                            "Begrundelse: \(reason)",
                            "Du får en ny indkaldelse, når der bliver indkaldt til et nyt møde.",
                        ]
                    ),
                    createdBy: principal.id
                )
                runID = try letter.requireID()
                try await db.sql().raw(
                    "UPDATE meetings SET cancellation_run_id = \(bind: runID) WHERE id = \(bind: meeting.id)"
                ).run()
            }
            try await req.audit.record(
                .meetingCancel,
                subjectKind: .meeting,
                subjectID: meeting.id,
                purpose: AuditPurpose("meetingCancelled"),
                actor: principal,
                on: db
            )
            return runID
        }
        // A notice still going stops: the households hear of the cancellation instead.
        if let notice = meeting.notice_run_id { try await req.application.bulkLetters().pause(notice) }
        if let run { return req.redirect(to: SiteRoute.bulkRun(run).path, redirectType: .normal) }
        return req.redirect(
            to: SiteRoute.meeting(meeting.id).path(query: [("besked", "aflyst")]),
            redirectType: .normal
        )
    }

    /// `POST .../forslag/{id}/skjul`: a caseworker hides a proposal from the residents (offensive,
    /// or not a proposal), with the reason; it is kept, marked, for the caseworkers.
    @Sendable
    static func hideProposal(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let proposalID = req.parameters.get("proposalID", as: UUID.self) else { throw Abort(.notFound) }
        struct Row: Decodable { let meeting_id: UUID }
        guard
            let row = try await req.sql.raw("SELECT meeting_id FROM meeting_proposals WHERE id = \(bind: proposalID)")
                .first(decoding: Row.self),
            let meeting = try await MeetingPage.staff(row.meeting_id, scope: scope, on: try req.sql)
        else { throw Abort(.notFound) }
        struct Form: Decodable { var reason: String? }
        let reason = ((try? req.content.decode(Form.self))?.reason ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        if let problem = FieldError.requiredText(reason, max: 500, "meetingErrorHideReason") {
            return try await render(
                req,
                principal,
                try await ShowPage.load(meeting, on: try req.sql),
                problems: [("hide-\(proposalID.lowercasedString)", problem)]
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let hidden = try await OnceUpdate.run(
            """
            UPDATE meeting_proposals SET hidden_at = \(bind: req.application.dependencies.now()),
              hidden_reason = \(bind: reason) WHERE id = \(bind: proposalID) AND hidden_at IS NULL
            """,
            on: req.db
        )
        if hidden {
            try await req.audit.record(
                .meetingProposalHide,
                subjectKind: .meeting,
                subjectID: meeting.id,
                purpose: AuditPurpose("proposalHidden"),
                actor: principal
            )
        }
        return req.redirect(
            to: SiteRoute.meeting(meeting.id).path(query: [("besked", "skjult")]),
            redirectType: .normal
        )
    }

    // MARK: Results and minutes

    @Sendable
    static func saveResults(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let meeting = try await find(req, scope)
        guard req.today >= meeting.day, meeting.published_at == nil, meeting.cancelled_at == nil else {
            return req.redirect(to: SiteRoute.meeting(meeting.id).path, redirectType: .normal)
        }
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let minutes = (fields["minutes"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // The page, to check the votes against its proposals and to show again with the problems.
        let page = try await ShowPage.load(meeting, on: try req.sql)
        let proposals = page.proposals.filter { $0.hidden_reason == nil }
        // At most every household's votes; a physical meeting's count cannot exceed it.
        let most = max(meeting.households, 1) * meeting.votes_per_household
        var problems: [(String, String)] = []
        var counts: [UUID: (Int, Int, Int)?] = [:]
        for proposal in proposals {
            let key = proposal.id.lowercasedString
            let texts = ["for_", "against_", "blank_"].map {
                (fields[$0 + key] ?? "").trimmingCharacters(in: .whitespaces)
            }
            if texts.allSatisfy(\.isEmpty) {
                counts[proposal.id] = .some(nil)
                continue
            }
            let numbers = texts.map { $0.isEmpty ? 0 : (Int($0) ?? -1) }
            guard numbers.allSatisfy({ (0...most).contains($0) }), !texts[0].isEmpty, !texts[1].isEmpty else {
                problems.append(("for_" + key, "meetingErrorVotesCount"))
                continue
            }
            counts[proposal.id] = (numbers[0], numbers[1], numbers[2])
        }
        if minutes.count > 40_000 { problems.append(("minutes", "meetingErrorMinutes")) }
        guard problems.isEmpty else {
            return try await render(
                req,
                principal,
                page,
                message: nil,
                votes: fields,
                minutes: minutes,
                problems: problems
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let votes = counts
        let stored = try await req.db.transaction { db -> Bool in
            let sql = try db.sql()
            let saved = try await OnceUpdate.run(
                "UPDATE meetings SET minutes = \(bind: minutes.isEmpty ? nil : minutes) WHERE id = \(bind: meeting.id) AND published_at IS NULL",
                on: db
            )
            guard saved else { return false }
            for (id, count) in votes {
                try await sql.raw(
                    """
                    UPDATE meeting_proposals SET votes_for = \(bind: count?.0), votes_against = \(bind: count?.1),
                      votes_blank = \(bind: count?.2) WHERE id = \(bind: id) AND meeting_id = \(bind: meeting.id)
                    """
                ).run()
            }
            try await req.audit.record(
                .meetingResults,
                subjectKind: .meeting,
                subjectID: meeting.id,
                purpose: AuditPurpose("meetingResults"),
                actor: principal,
                on: db
            )
            return true
        }
        // Published meanwhile: nothing was saved, and the page says it is published.
        return req.redirect(
            to: SiteRoute.meeting(meeting.id).path(query: stored ? [("besked", "gemt")] : []),
            redirectType: .normal
        )
    }

    @Sendable
    static func minutesPreview(_ req: Request) async throws -> Response {
        let (_, scope) = try await req.requireStaffScope()
        let meeting = try await find(req, scope)
        guard !(meeting.minutes ?? "").isEmpty else { throw Abort(.notFound) }
        let pdf = try await minutesPDF(meeting, letters: req.application.letters(), on: try req.sql)
        return LetterPresentation.pdfResponse(pdf, filename: "referat-forhaandsvisning.pdf")
    }

    @Sendable
    static func publish(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let meeting = try await find(req, scope)
        guard req.today >= meeting.day, meeting.published_at == nil, meeting.cancelled_at == nil,
            !(meeting.minutes ?? "").isEmpty
        else {
            return req.redirect(to: SiteRoute.meeting(meeting.id).path, redirectType: .normal)
        }
        struct Confirm: Decodable { var bekraeft: String? }
        guard (try? req.content.decode(Confirm.self))?.bekraeft == "ja" else {
            return try await render(
                req,
                principal,
                try await ShowPage.load(meeting, on: try req.sql),
                problems: [("confirm", "meetingErrorConfirm")]
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let published = try await publish(meeting, by: principal, app: req.application, audit: req.audit)
        // Changed meanwhile: nothing was published; the page shows the minutes as they are now.
        return req.redirect(
            to: SiteRoute.meeting(meeting.id).path(query: published ? [("besked", "offentliggjort")] : []),
            redirectType: .normal
        )
    }

    /// Publishes the saved minutes once: the PDF on the meeting and, for a department meeting, as
    /// one of the department's documents, in one transaction (a second call changes nothing).
    @discardableResult
    static func publish(
        _ meeting: MeetingPage.Header,
        by principal: Principal?,
        app: Application,
        audit: Auditor?
    ) async throws -> Bool {
        let pdf = try await minutesPDF(meeting, letters: app.letters(), on: try app.db.sql())
        let dependencies = app.dependencies
        let now = dependencies.now()
        let strings = Strings.danish
        return try await app.db.transaction { db -> Bool in
            let published = try await OnceUpdate.run(
                """
                UPDATE meetings SET minutes_pdf = \(bind: pdf), published_at = \(bind: now),
                  published_by = \(bind: principal?.id) WHERE id = \(bind: meeting.id) AND published_at IS NULL
                  AND minutes = \(bind: meeting.minutes ?? "")
                """,
                on: db
            )
            guard published else { return false }
            // A department meeting's minutes are also one of the department's documents.
            if let departmentID = meeting.department_id {
                try await DepartmentDocument(
                    id: dependencies.uuid(),
                    departmentID: departmentID,
                    organisationID: meeting.organisation_id,
                    title:
                        "\(strings["meetingMinutesTitle"] ?? "") \(title(body: meeting.body, kind: meeting.kind, department: nil, strings).lowercasedFirst) \(DateText.short(meeting.day, .da))",
                    kind: .minutes,
                    documentDate: meeting.held_on,
                    visibility: .residents,
                    pdf: pdf,
                    uploadedBy: principal?.id,
                    now: now
                ).create(on: db)
            }
            try await audit?.record(
                .meetingPublish,
                subjectKind: .meeting,
                subjectID: meeting.id,
                purpose: AuditPurpose("minutesPublished"),
                actor: principal,
                on: db
            )
            return true
        }
    }

    /// The minutes as a PDF: the meeting, its agenda, each proposal with its votes, and the
    /// minutes as written.
    static func minutesPDF(
        _ meeting: MeetingPage.Header,
        letters: LetterService,
        on sql: any SQLDatabase
    ) async throws -> Data {
        let strings = Strings.danish
        let proposals = try await MeetingPage.proposals(meeting.id, on: sql).filter { $0.hidden_reason == nil }
        var paragraphs = [
            "\(title(body: meeting.body, kind: meeting.kind, department: meeting.department, strings)) i \(meeting.organisation_name), \(DateText.long(meeting.day, .da)) kl. \(meeting.starts_at), \(meeting.place).",
            "Dagsorden: "
                + meeting.agendaItems.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: " "),
        ]
        if !proposals.isEmpty {
            paragraphs.append("Forslag:")
            paragraphs += proposals.map { proposal in
                "– »\(proposal.title)«, stillet af \(proposal.given_name) \(proposal.family_name). "
                    + (result(proposal, .da) ?? "Ikke sat til afstemning") + "."
            }
        }
        paragraphs += MarkupText.paragraphs(of: meeting.minutes ?? "")
        let content = GeneralLetter(
            subject: MarkupText(
                "\(strings["meetingMinutesTitle"] ?? "") \(title(body: meeting.body, kind: meeting.kind, department: meeting.department, strings).lowercasedFirst) \(DateText.short(meeting.day, .da))"
            ),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
        let rendered = try await letters.composeToOrganisation(
            content,
            name: meeting.body == .department ? "beboere i afdeling \(meeting.department ?? "")" : "beboere",
            lines: [meeting.organisation_name],
            from: meeting.organisation_id
        )
        return rendered.pdf
    }
}

extension String {
    /// "Afdelingsmøde, afdeling 3 Engparken" as "afdelingsmøde, afdeling 3 Engparken".
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
