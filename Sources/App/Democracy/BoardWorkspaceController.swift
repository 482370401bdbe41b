import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// The department board's workspace (arbejdsrum): for a member of a department board in their
/// term, their department's coming meetings with the proposals so far, calling a meeting (the
/// administration then sends the notice), the annual accounts to approve (ABL § 34: the board
/// approves the department's accounts), and the documents. No resident lists: a department board
/// has no general access to residents' contact details (rules.md §6).
enum BoardWorkspaceController {
    struct Context: Encodable {
        let page: PageChrome
        let departments: [DepartmentItem]
        let form: MeetingForm
        let action: String
        let departmentOptions: [SelectOption]
        let kinds: [SelectOption]
        let errors: [String: String]
        let errorList: [FieldError]
        let earliestHint: String
        let documentsHref: String
        let message: String?
        let homeHref: String
    }

    struct DepartmentItem: Encodable {
        let name: String
        let meetings: [MeetingsController.Row]
        let accounts: [Account]
        /// The households' requests for an extraordinary meeting, and what they want it to deal with.
        let requests: String?
        let topics: [String]
        /// "… og 3 emner mere", when there are more than are shown.
        let moreTopics: String?
    }

    struct Account: Encodable {
        let id: String
        let title: String
        let href: String
        let approved: String?
        let approveAction: String?
    }

    /// An accounts document of the board's departments.
    struct AccountRow: Decodable {
        let id: UUID
        let department_id: UUID
        let title: String
        let approved_at: Date?
        let given_name: String?
        let family_name: String?
    }

    /// What the workspace shows of the board's departments: their coming meetings, their newest
    /// accounts, the households' requests for an extraordinary meeting and what they want it to
    /// deal with: the member's seats, then four statements however many departments, meetings and
    /// documents.
    struct Page: Sendable {
        var seats: [BoardDocumentsController.Seat] = []
        let meetings: [MeetingPage.ListRow]
        let accounts: [AccountRow]
        let requests: [MeetingPage.Requests]
        let topics: [UUID: MeetingPage.Topics]

        /// The workspace of `person`'s board seats today (named from the register summary); nil
        /// without a seat.
        static func load(
            person: UUID,
            today: LocalDate,
            summary: RegisterSummaryCache,
            on database: any Database
        ) async throws -> Page? {
            let seats = try await BoardDocumentsController.seats(
                person: person,
                today: today,
                summary: summary,
                on: database
            )
            guard !seats.isEmpty else { return nil }
            var page = try await load(departments: seats.map(\.department.id), today: today, on: database.sql())
            page.seats = seats
            return page
        }

        static func load(departments: [UUID], today: LocalDate, on sql: any SQLDatabase) async throws -> Page {
            let accounts: [AccountRow] =
                departments.isEmpty
                ? []
                : try await sql.raw(
                    """
                    SELECT d.id, d.department_id, d.title, d.approved_at, p.given_name, p.family_name
                    FROM department_documents d LEFT JOIN people p ON p.id = d.approved_by
                    WHERE d.department_id IN (\(binds: departments)) AND d.kind = \(bind: DepartmentDocumentKind.accounts.rawValue)
                      AND d.uploaded_by IS NOT NULL
                    ORDER BY d.document_date DESC LIMIT 20
                    """
                ).rows(decoding: AccountRow.self)
            return Page(
                meetings: try await MeetingPage.coming(in: departments, from: today, on: sql),
                accounts: accounts,
                requests: try await MeetingPage.departmentRequests(departments, on: sql),
                topics: try await MeetingPage.requestTopics(departments, on: sql)
            )
        }
    }

    /// The signed-in member's workspace, or refused without a seat.
    static func page(_ req: Request, _ principal: Principal) async throws -> Page {
        guard
            let page = try await Page.load(
                person: principal.id,
                today: req.today,
                summary: req.application.registerSummary,
                on: req.db
            )
        else { throw AccessRefused(key: "refusedBoardWorkspace") }
        return page
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let loaded = try await page(req, principal)
        let message = req.queryValue("besked").flatMap {
            Strings.table(req.language)["boardWorkspaceNotice_\($0)"]
        }
        return try await render(req, loaded, form: nil, problems: MeetingForm.Problems(), message: message)
    }

    /// The workspace from what was loaded: the GET shows it, and a form refused with its problems.
    static func render(
        _ req: Request,
        _ loaded: Page,
        form: MeetingForm?,
        problems: MeetingForm.Problems,
        message: String?
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let today = req.today
        let seats = loaded.seats
        let (meetings, accounts, requests, topics) = (loaded.meetings, loaded.accounts, loaded.requests, loaded.topics)
        let (errors, errorList) = problems.fieldErrors(language)
        let earliest = MeetingDeadlines().suggestedMeeting(noticeOn: today)
        let form =
            form
            ?? MeetingForm(
                body: MeetingBody.department.rawValue,
                department: seats.first?.department.id.lowercasedString,
                kind: MeetingKind.ordinary.rawValue,
                date: earliest.iso,
                time: "19.00",
                place: "",
                agenda: MeetingForm.standardAgenda.joined(separator: "\n"),
                votes: ""
            )
        return try await req.view.render(
            "board-workspace",
            Context(
                page: await PageChrome.make(for: req, title: strings["boardWorkspaceTitle"] ?? ""),
                departments: seats.map { seat in
                    DepartmentItem(
                        name: "\(seat.department.number) \(seat.department.name)",
                        meetings: meetings.filter { $0.department_id == seat.department.id }.map { row in
                            var shown = MeetingsController.row(of: row, today: today, language, strings)
                            shown = MeetingsController.Row(
                                title: shown.title,
                                href: SiteRoute.myMeeting(row.id).path,
                                when: shown.when,
                                organisation: shown.organisation,
                                status: shown.status,
                                proposals: shown.proposals
                            )
                            return shown
                        },
                        accounts: accounts.filter { $0.department_id == seat.department.id }.map { account in
                            Account(
                                id: account.id.lowercasedString,
                                title: account.title,
                                href: SiteRoute.myDocument(account.id).path,
                                approved: account.approved_at.map {
                                    "\(strings["boardWorkspaceApprovedBy"] ?? "") \(account.given_name ?? "") \(account.family_name ?? "") \(DateText.timestamp($0, language))"
                                },
                                approveAction: account.approved_at == nil
                                    ? SiteRoute.boardAccountsApprove(account.id).path : nil
                            )
                        },
                        requests: requests.first { $0.department_id == seat.department.id && $0.requests > 0 }.map {
                            MeetingsController.requestsText($0, language)
                        },
                        topics: topics[seat.department.id]?.shown ?? [],
                        moreTopics: MeetingsController.moreTopics(topics[seat.department.id], strings)
                    )
                },
                form: form,
                action: SiteRoute.boardMeetingNew.path,
                departmentOptions: seats.map {
                    SelectOption(
                        value: $0.department.id.lowercasedString,
                        label: "\($0.department.number) \($0.department.name)",
                        selected: $0.department.id.lowercasedString == form.department?.lowercased()
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
                earliestHint: strings.filled("meetingDateHint", ["date": DateText.long(earliest, language)]),
                documentsHref: SiteRoute.boardDocuments.path,
                message: message,
                homeHref: SiteRoute.myHome.path
            )
        )
    }

    /// The board calls a meeting of its department: the same checks as staff's; the
    /// administration sends the notice from the meeting.
    @Sendable
    static func callMeeting(_ req: Request) async throws -> Response {
        let (principal, seats) = try await BoardDocumentsController.boardSeats(req)
        var form = (try? req.content.decode(MeetingForm.self)) ?? MeetingForm()
        form.body = MeetingBody.department.rawValue
        // Only a department whose board the member sits on.
        guard
            let seat = seats.first(where: { $0.department.id.lowercasedString == form.department?.lowercased() })
        else { throw Abort(.notFound) }
        // The form names the department by its id; the check wants its organisation and number.
        var checked = form
        checked.organisation = seat.organisation.uuidString
        checked.department = String(seat.department.number)
        let valid: MeetingForm.Valid
        switch checked.validated(today: req.today) {
        case .failure(let problems):
            return try await render(req, try await page(req, principal), form: form, problems: problems, message: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        case .success(let result): valid = result
        }
        _ = try await MeetingsController.call(
            valid,
            departmentID: seat.department.id,
            by: principal,
            purpose: AuditPurpose("meetingCalledByBoard"),
            on: req
        )
        return req.redirect(
            to: SiteRoute.boardWorkspace.path(query: [("besked", "moede")]) + "#besked",
            redirectType: .normal
        )
    }

    /// A board member approves the department's annual accounts, once: the accounts the
    /// administration put up (never a document the board uploaded itself).
    @Sendable
    static func approveAccounts(_ req: Request) async throws -> Response {
        let (principal, seats) = try await BoardDocumentsController.boardSeats(req)
        guard let id = req.parameters.get("documentID", as: UUID.self) else { throw Abort(.notFound) }
        let departments = seats.map(\.department.id)
        struct Confirm: Decodable { var bekraeft: String? }
        guard (try? req.content.decode(Confirm.self))?.bekraeft == "ja" else {
            var problems = MeetingForm.Problems()
            problems.add("accounts-\(id.lowercasedString)", "boardWorkspaceErrorConfirm")
            return try await render(req, try await page(req, principal), form: nil, problems: problems, message: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let approved = try await OnceUpdate.run(
            """
            UPDATE department_documents SET approved_at = \(bind: req.application.dependencies.now()),
              approved_by = \(bind: principal.id)
            WHERE id = \(bind: id) AND kind = \(bind: DepartmentDocumentKind.accounts.rawValue)
              AND department_id IN (\(binds: departments)) AND approved_at IS NULL
              AND uploaded_by IS NOT NULL
            """,
            on: req.db
        )
        guard approved else {
            // Someone else's department, not accounts, or approved already: nothing to do here.
            guard
                try await DepartmentDocument.query(on: req.db).filter(\.$id == id)
                    .filter(\.$departmentID ~~ departments).count() > 0
            else { throw Abort(.notFound) }
            return req.redirect(to: SiteRoute.boardWorkspace.path, redirectType: .normal)
        }
        try await req.audit.record(
            .accountsApprove,
            subjectKind: .departmentDocument,
            subjectID: id,
            purpose: AuditPurpose("accountsApproved"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.boardWorkspace.path(query: [("besked", "godkendt")]) + "#besked",
            redirectType: .normal
        )
    }
}

struct AddDocumentApproval: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema(DepartmentDocument.schema).field("approved_at", .datetime).update()
        try await database.schema(DepartmentDocument.schema)
            .field("approved_by", .uuid, .references(Person.schema, "id")).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DepartmentDocument.schema).deleteField("approved_by").update()
        try await database.schema(DepartmentDocument.schema).deleteField("approved_at").update()
    }
}
