import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// Bulk letters in the back office: choose the kind, the content and the selection; see the
/// count per channel and a preview; send; follow the progress; pause and resume.
enum BulkLetterController {

    struct RunRow: Encodable {
        let created: String
        /// The subject, or the meeting's date.
        let about: String
        let kind: String
        let organisation: String
        let status: String
        let progress: String
        let href: String
    }

    struct FormContext: Encodable {
        let page: PageChrome
        let action: String
        /// The organisations to choose from; a caseworker of one organisation gets its name instead.
        let organisations: [SelectOption]
        let onlyOrganisation: SelectOption?
        let form: BulkLetterForm
        let meetingsHref: String
        /// Each field's problem, by field name, and the list above the form.
        let errors: [String: String]
        let errorList: [FieldError]
        let runs: [RunRow]
        let pager: Pager
        /// The list's filters: what the runs were, where they are, whose.
        let filterStatuses: OptionList
        let filterKinds: OptionList
        let filterOrganisations: OptionList
        let filtered: Bool
        /// A draft was just deleted (`?besked=slettet`).
        let deleted: Bool
    }

    /// The runs' list filtered (`?status=`, `?kind=`, `?organisation=`): any unknown value is no
    /// filter.
    struct RunFilter: Equatable {
        var status: BulkRunStatus?
        var kind: LetterKind?
        var organisation: UUID?

        init(status: BulkRunStatus? = nil, kind: LetterKind? = nil, organisation: UUID? = nil) {
            self.status = status
            self.kind = kind
            self.organisation = organisation
        }

        init(_ req: Request) {
            status = req.queryValue("status").flatMap(BulkRunStatus.init(rawValue:))
            kind = req.queryValue("kind").flatMap(LetterKind.init(rawValue:)).flatMap {
                BulkLetterController.kinds.contains($0) ? $0 : nil
            }
            organisation = req.queryValue("organisation").flatMap(UUID.init(uuidString:))
        }

        var query: [(String, String?)] {
            [
                ("status", status?.rawValue), ("kind", kind?.rawValue),
                ("organisation", organisation?.lowercasedString),
            ]
        }
    }

    /// The kinds a bulk run sends.
    static let kinds: [LetterKind] = [.general, .meetingNotice]

    struct RunContext: Encodable {
        let page: PageChrome
        /// The subject, or the meeting's date.
        let about: String
        let kind: String
        let organisation: String
        let departments: String
        let status: String
        let statusCode: String
        let total: Int
        let sent: Int
        let percent: Int
        let digitalIfRegistered: Int
        let physical: [ReasonCount]
        let previewHref: String
        let startAction: String?
        let pauseAction: String?
        /// A draft's: its letter back in the form, and deleting it.
        let editHref: String?
        let deleteAction: String?
        let lastError: String?
        let refresh: Bool
        let statusHref: String
        let selfHref: String
        /// The meeting whose notice this run is.
        let meetingHref: String?
        /// Every bulk run.
        let runsHref: String
    }

    struct ReasonCount: Encodable {
        let reason: String
        let count: Int
    }

    /// What the form's page shows: the scope's organisations by name (to send for, and to narrow
    /// the list by) and a page of the runs in scope that pass `filter` (one more than a page, for
    /// the pager). Two statements, one for an empty scope.
    struct FormPage: Sendable {
        let organisations: [HousingOrganisation]
        let runs: [RunListRow]

        static func load(
            _ scope: StaffScope,
            _ filter: RunFilter,
            after cursor: UUID?,
            on database: any Database
        ) async throws -> FormPage {
            let sql = try database.sql()
            var organisationQuery = HousingOrganisation.query(on: database)
            if let ids = scope.ids { organisationQuery = organisationQuery.filter(\.$id ~~ ids) }
            return FormPage(
                organisations: try await organisationQuery.sort(\.$name).field(\.$id).field(\.$name).all(),
                runs: try await runList(scope, filter, after: cursor, on: sql)
            )
        }
    }

    /// The form's page for the request's list filter and cursor.
    private static func formPage(_ req: Request, scope: StaffScope) async throws -> FormPage {
        try await FormPage.load(scope, RunFilter(req), after: Keyset.cursor(req), on: req.db)
    }

    @Sendable
    static func form(_ req: Request) async throws -> View {
        let (_, scope) = try await req.requireStaffScope()
        var form = BulkLetterForm(kind: LetterKind.general.rawValue)
        // `?ret=`: a draft's letter back in the form, to be created again in its place.
        if let id = req.queryValue("ret").flatMap(UUID.init(uuidString:)),
            let draft = try await draft(id, scope: scope, on: req.db), draft.kind == .general,
            case .general(let subject, let paragraphs) = try JSONDecoder().decode(
                BulkContent.self,
                from: draft.contentJSON
            )
        {
            form.organisation = draft.$organisation.id.uuidString
            if !draft.departments.isEmpty {
                form.departments = try await Department.query(on: req.db).filter(\.$id ~~ draft.departments)
                    .sort(\.$number).all().map { String($0.number) }.joined(separator: ", ")
            }
            if !draft.dwellings.isEmpty {
                form.addresses = try await Dwelling.query(on: req.db).filter(\.$id ~~ draft.dwellings).all()
                    .map(\.addressLine).sorted().joined(separator: "\n")
            }
            (form.subject, form.text, form.replaces) = (
                subject, paragraphs.joined(separator: "\n\n"), id.lowercasedString
            )
        }
        return try await renderForm(req, try await formPage(req, scope: scope), form: form)
    }

    /// The run `id`, if it is in `scope`, not yet started, and no meeting's notice or
    /// cancellation (those are made, and made again, from their meeting).
    private static func draft(_ id: UUID, scope: StaffScope, on database: any Database) async throws -> BulkRun? {
        guard
            let run = try await BulkRun.query(on: database).filter(\.$id == id).filter(\.$status == .draft)
                .scoped(\.$organisation.$id, to: scope).first()
        else { return nil }
        let meeting = try await Meeting.query(on: database)
            .group(.or) { $0.filter(\.$noticeRunID == id).filter(\.$cancellationRunID == id) }.first()
        return meeting == nil ? run : nil
    }

    /// Deletes the run `id` if it is such a draft (nothing sent); whether it did.
    private static func deleteDraft(_ id: UUID, scope: StaffScope, on database: any Database) async throws -> Bool {
        // Conditional on the status: a run started meanwhile stays (on PostgreSQL the delete
        // waits for a start's transaction, then finds no draft).
        guard try await draft(id, scope: scope, on: database) != nil else { return false }
        try await BulkRun.query(on: database).filter(\.$id == id).filter(\.$status == .draft).delete()
        return try await BulkRun.find(id, on: database) == nil
    }

    /// The draft a form writes again was started meanwhile: nothing is made.
    struct DraftStarted: Error {}

    /// `POST /admin/masseudsendelse/{id}/slet`: a draft deleted; no letter was made from it.
    @Sendable
    static func delete(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("runID", as: UUID.self) else { throw Abort(.notFound) }
        guard try await deleteDraft(id, scope: scope, on: req.db) else {
            // Started meanwhile, or not in scope: its own page says where it stands.
            _ = try await find(req)
            return req.redirect(to: SiteRoute.bulkRun(id).path, redirectType: .normal)
        }
        try await req.audit.record(
            .bulkRunDelete,
            subjectKind: .bulkRun,
            subjectID: id,
            purpose: AuditPurpose("bulkLetters"),
            actor: principal
        )
        return req.redirect(to: SiteRoute.bulkLetters.path(query: [("besked", "slettet")]), redirectType: .normal)
    }

    /// The words that name each field in the list of problems.
    static let labels = [
        "organisation": "bulkOrganisation", "departments": "bulkDepartments", "addresses": "bulkAddressesShort",
        "kind": "bulkKind", "subject": "letterSubject", "text": "bulkText", "replaces": "bulkEdit",
    ]

    /// The form with the list of runs, from what was loaded: the GET renders it, and a POST that
    /// refuses the form again with its problem.
    static func renderForm(
        _ req: Request,
        _ loaded: FormPage,
        form: BulkLetterForm,
        problems: [(field: String, message: String)] = []
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let organisations = loaded.organisations
        let (errors, errorList) = FieldError.collect(
            problems,
            labelKey: { labels[$0] ?? "bulkText" },
            strings
        )
        let choices = try organisations.map {
            let id = try $0.requireID().uuidString
            return SelectOption(value: id, label: $0.name, selected: form.organisation?.uppercased() == id)
        }
        let cursor = Keyset.cursor(req)
        let filter = RunFilter(req)
        let (runs, pager) = Pager.page(
            loaded.runs,
            id: \.id,
            route: .bulkLetters,
            query: filter.query,
            cursor: cursor
        )
        let all = strings["filterAll"] ?? ""
        return try await req.view.render(
            "bulk-letters",
            FormContext(
                page: await PageChrome.make(for: req, title: strings["bulkTitle"] ?? ""),
                action: SiteRoute.bulkLetters.path,
                organisations: choices,
                onlyOrganisation: choices.count == 1 ? choices.first : nil,
                form: form,
                meetingsHref: SiteRoute.meetings.path,
                errors: errors,
                errorList: errorList,
                runs: runs.map { run in
                    RunRow(
                        created: DateText.timestamp(run.created_at, req.language),
                        about: BulkContent.about(run.content_json, strings),
                        kind: LetterPresentation.label(LetterKind(rawValue: run.kind) ?? .general, strings),
                        organisation: run.organisation_name,
                        status: strings["bulkStatus_\(run.status)"] ?? "",
                        progress: "\(run.sent) / \(run.total)",
                        href: SiteRoute.bulkRun(run.id).path
                    )
                },
                pager: pager,
                filterStatuses: OptionList.choosing(BulkRunStatus.allCases, selected: filter.status, all: all) {
                    strings["bulkStatus_\($0.rawValue)"] ?? ""
                },
                filterKinds: OptionList.choosing(kinds, selected: filter.kind, all: all) {
                    LetterPresentation.label($0, strings)
                },
                filterOrganisations: OptionList(
                    [SelectOption(value: "", label: all, selected: filter.organisation == nil)]
                        + organisations.compactMap { organisation in
                            organisation.id.map {
                                SelectOption(
                                    value: $0.lowercasedString,
                                    label: organisation.name,
                                    selected: $0 == filter.organisation
                                )
                            }
                        }
                ),
                filtered: filter != RunFilter(),
                deleted: req.queryValue("besked") == "slettet"
            )
        )
    }

    /// A bulk run as the list shows it.
    struct RunListRow: Decodable, Sendable {
        let id: UUID
        let kind: String
        let status: String
        let sent: Int
        let total: Int
        let created_at: Date
        let organisation_name: String
        let content_json: Data
    }

    /// The runs in scope that pass `filter`, newest first, a page from `cursor` on: one statement.
    static func runList(
        _ scope: StaffScope,
        _ filter: RunFilter = RunFilter(),
        after cursor: UUID?,
        on database: any SQLDatabase
    ) async throws -> [RunListRow] {
        guard let inScope = scope.condition("r", "organisation_id") else { return [] }
        var query: SQLQueryString = """
            SELECT r.id, r.kind, r.status, r.sent, r.total, r.created_at, o.name AS organisation_name, r.content_json
            FROM bulk_runs r JOIN housing_organisations o ON o.id = r.organisation_id WHERE 1 = 1
            """ + inScope
        if let status = filter.status { query += " AND r.status = \(bind: status.rawValue)" }
        if let kind = filter.kind { query += " AND r.kind = \(bind: kind.rawValue)" }
        if let organisation = filter.organisation { query += " AND r.organisation_id = \(bind: organisation)" }
        query +=
            Keyset.after(cursor, table: "bulk_runs", alias: "r", column: "created_at")
            + " ORDER BY r.created_at DESC, r.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
        return try await database.raw(query).rows(decoding: RunListRow.self)
    }

    @Sendable
    static func create(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let form = try req.content.decode(BulkLetterForm.self)
        let valid: (organisationID: UUID, departmentNumbers: [Int], addresses: [String], content: BulkContent)
        let strings = Strings.table(req.language)
        let refused = { (problems: [(field: String, message: String)]) async throws -> Response in
            try await renderForm(req, try await formPage(req, scope: scope), form: form, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        do {
            valid = try form.validated()
        } catch {
            return try await refused(error.list.map { ($0.field, strings[$0.messageKey] ?? "") })
        }
        guard scope.contains(valid.organisationID),
            try await HousingOrganisation.find(valid.organisationID, on: req.db) != nil
        else { return try await refused([("organisation", strings["bulkErrorOrganisation"] ?? "")]) }
        var departmentIDs: [UUID] = []
        if !valid.departmentNumbers.isEmpty {
            let found = try await Department.query(on: req.db).filter(\.$organisation.$id == valid.organisationID)
                .filter(\.$number ~~ valid.departmentNumbers).all()
            guard Set(found.map(\.number)) == Set(valid.departmentNumbers) else {
                return try await refused([("departments", strings["bulkErrorUnknownDepartment"] ?? "")])
            }
            departmentIDs = try found.map { try $0.requireID() }
        }
        let bulk = req.application.bulkLetters(on: req.db)
        var dwellingIDs: [UUID] = []
        if !valid.addresses.isEmpty {
            let matched = try await bulk.dwellings(atAddresses: valid.addresses, organisationID: valid.organisationID)
            if let unknown = matched.unknown.first {
                return try await refused([("addresses", "\(strings["bulkErrorUnknownAddress"] ?? ""): \(unknown)")])
            }
            dwellingIDs = matched.found
        }
        // A draft written again: the new run takes its place, in one transaction with it; one
        // started meanwhile stays, and nothing new is made (its letters are going out).
        let replaced = form.replaces.flatMap(UUID.init(uuidString:))
        let selection = (departments: departmentIDs, dwellings: dwellingIDs)
        let run: BulkRun
        do {
            run = try await req.db.transaction { db in
                if let replaced, try await !deleteDraft(replaced, scope: scope, on: db) { throw DraftStarted() }
                return try await req.application.bulkLetters(on: db).create(
                    organisationID: valid.organisationID,
                    departmentIDs: selection.departments,
                    dwellingIDs: selection.dwellings,
                    content: valid.content,
                    createdBy: principal.id
                )
            }
        } catch is DraftStarted {
            var again = form
            again.replaces = nil
            return try await renderForm(
                req,
                try await formPage(req, scope: scope),
                form: again,
                problems: [("replaces", strings["bulkErrorDraftStarted"] ?? "")]
            ).encodeResponse(status: .conflict, for: req)
        }
        try await req.audit.record(
            .bulkRunCreate,
            subjectKind: .bulkRun,
            subjectID: try run.requireID(),
            purpose: AuditPurpose("bulkLetters"),
            actor: principal
        )
        if let replaced {
            try await req.audit.record(
                .bulkRunDelete,
                subjectKind: .bulkRun,
                subjectID: replaced,
                purpose: AuditPurpose("bulkLetters"),
                actor: principal
            )
        }
        return req.redirect(to: SiteRoute.bulkRun(try run.requireID()).path, redirectType: .normal)
    }

    /// `/admin/masseudsendelse/{id}`: the run, where it stands and how its letters would go
    /// (`BulkRunPage`).
    @Sendable
    static func show(_ req: Request) async throws -> View {
        let (_, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("runID", as: UUID.self),
            let loaded = try await BulkRunPage.load(
                id,
                scope: scope,
                connections: req.application.digitalPostConnections,
                on: try req.sql
            )
        else { throw Abort(.notFound) }
        let (run, outlook) = (loaded.run, loaded.outlook)
        let strings = Strings.table(req.language)
        let total = max(run.total, 1)
        return try await req.view.render(
            "bulk-run",
            RunContext(
                page: await PageChrome.make(for: req, title: strings["bulkRunTitle"] ?? ""),
                about: BulkContent.about(run.content_json, strings),
                kind: LetterPresentation.label(loaded.kind, strings),
                organisation: run.organisation_name,
                departments: !run.dwellings.isEmpty
                    ? "\(run.dwellings.count) \(strings["bulkListedDwellings"] ?? "")"
                    : loaded.departments.isEmpty
                        ? (strings["bulkAllDepartments"] ?? "")
                        : loaded.departments.map { "\($0.number) \($0.name)" }.joined(separator: ", "),
                status: strings["bulkStatus_\(loaded.status.rawValue)"] ?? "",
                statusCode: loaded.status.rawValue,
                total: run.total,
                sent: run.sent,
                percent: run.sent * 100 / total,
                digitalIfRegistered: outlook.digitalIfRegistered,
                physical: outlook.physical.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                    ReasonCount(reason: strings["channelReason_\($0.key.rawValue)"] ?? "", count: $0.value)
                },
                previewHref: SiteRoute.bulkRunPreview(id).path,
                startAction: [.draft, .paused].contains(loaded.status) ? SiteRoute.bulkRunStart(id).path : nil,
                pauseAction: loaded.status == .running ? SiteRoute.bulkRunPause(id).path : nil,
                editHref: loaded.status == .draft && loaded.kind == .general && run.meeting_id == nil
                    ? SiteRoute.bulkLetters.path(query: [("ret", id.lowercasedString)]) : nil,
                deleteAction: loaded.status == .draft && run.meeting_id == nil ? SiteRoute.bulkRunDelete(id).path : nil,
                // Runs stopped before the English was kept say it in Danish.
                lastError: req.language == .en ? run.last_error_en ?? run.last_error : run.last_error,
                refresh: loaded.status == .running,
                statusHref: SiteRoute.bulkRunStatus(id).path,
                selfHref: SiteRoute.bulkRun(id).path,
                meetingHref: run.meeting_id.map { SiteRoute.meeting($0).path },
                runsHref: SiteRoute.bulkLetters.path
            )
        )
    }

    /// `GET .../status`: the run's progress as JSON, for the page's progress bar.
    @Sendable
    static func status(_ req: Request) async throws -> Response {
        let run = try await find(req)
        struct Status: Encodable {
            let status: String
            let sent: Int
            let total: Int
        }
        return try JSONResponse.ok(Status(status: run.status.rawValue, sent: run.sent, total: run.total))
    }

    @Sendable
    static func preview(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.staff)
        let run = try await find(req)
        guard let prepared = try await req.application.bulkLetters(on: req.db).preview(run) else {
            throw Abort(.notFound)
        }
        try await req.audit.record(
            .bulkRunPreview,
            subjectKind: .bulkRun,
            subjectID: try run.requireID(),
            dataSubjectID: prepared.recipientID,
            purpose: AuditPurpose("bulkLettersPreview"),
            actor: principal
        )
        return LetterPresentation.pdfResponse(prepared.rendered.pdf, filename: "forhaandsvisning.pdf")
    }

    @Sendable
    static func start(_ req: Request) async throws -> Response {
        // A meeting's notice may not start once its 4 weeks can no longer be given.
        if let id = req.parameters.get("runID", as: UUID.self),
            try await MeetingsController.noticeTooLate(runID: id, today: req.today, on: try req.sql)
        {
            throw AccessRefused(key: "refusedMeetingNoticeLate")
        }
        return try await change(req, action: .bulkRunStart) { try await $0.start($1) }
    }

    @Sendable
    static func pause(_ req: Request) async throws -> Response {
        try await change(req, action: .bulkRunPause) { try await $0.pause($1) }
    }

    private static func change(
        _ req: Request,
        action: AuditAction,
        _ body: @Sendable (BulkLetters, UUID) async throws -> Void
    ) async throws -> Response {
        let principal = try req.requirePrincipal(.staff)
        let id = try await find(req).requireID()
        try await body(req.application.bulkLetters(on: req.db), id)
        try await req.audit.record(
            action,
            subjectKind: .bulkRun,
            subjectID: id,
            purpose: AuditPurpose("bulkLetters"),
            actor: principal
        )
        return req.redirect(to: SiteRoute.bulkRun(id).path, redirectType: .normal)
    }

    /// The run, if it exists and its organisation is in the staff member's scope; otherwise 404.
    private static func find(_ req: Request) async throws -> BulkRun {
        let (_, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("runID", as: UUID.self),
            let run = try await BulkRun.query(on: req.db).filter(\.$id == id).scoped(\.$organisation.$id, to: scope)
                .first()
        else { throw Abort(.notFound) }
        return run
    }
}
