import AlmenDomain
import Fluent
import Vapor

/// The department board puts its department's documents (minutes, budget, house rules) on "Mit
/// hjem" itself: a member of a department board in their term uploads a PDF for their department,
/// checked as staff's uploads are, and sees the department's latest documents.
enum BoardDocumentsController {
    struct Context: Encodable {
        let page: PageChrome
        let uploadAction: String
        let departments: [SelectOption]
        let kinds: [SelectOption]
        let visibilities: [SelectOption]
        let form: DepartmentDocumentsController.FormValues
        let errors: [String: String]
        let errorList: [FieldError]
        let documents: [MyHomeController.DocumentItem]
        let notice: String?
        let homeHref: String
        /// The board's workspace, which the documents belong to.
        let workspaceHref: String
    }

    /// The departments whose board the person sits on today: one statement.
    struct SeatsQuery: PreparedQuery {
        struct Row: Decodable, Sendable {
            let department_id: UUID
        }
        let personID: UUID
        let today: String
        static let sql = """
            SELECT DISTINCT b.department_id FROM board_memberships b
            WHERE b.person_id = $1 AND b.board = $2 AND b.term_start <= $3 AND b.term_end >= $3
              AND b.department_id IS NOT NULL
            """
        var binds: [SQLValue] { [.uuid(personID), .text(BoardKind.department.rawValue), .text(today)] }
    }

    /// The documents of every department whose board the person sits on today, each
    /// department's newest `MyHomePage.shownDocuments`, newest first: one statement however many
    /// seats (a member may sit on several boards). A board member reads the board's own too.
    struct DocumentsQuery: PreparedQuery {
        struct Row: Decodable, Sendable {
            let department_id: UUID
            let id: UUID
            let title: String
            let kind: String
            let document_date: String
            let byte_count: Int
            let visibility: String
            var document: MyHomePage.Document {
                MyHomePage.Document(
                    id: id,
                    title: title,
                    kind: kind,
                    document_date: document_date,
                    byte_count: byte_count,
                    visibility: visibility
                )
            }
        }
        let personID: UUID
        let today: String
        static let sql = """
            SELECT r.department_id, r.id, r.title, r.kind, r.document_date, r.byte_count, r.visibility FROM (
              SELECT d.department_id, d.id, d.title, d.kind, d.document_date, d.byte_count, d.visibility,
                ROW_NUMBER() OVER (PARTITION BY d.department_id ORDER BY d.document_date DESC, d.id DESC) AS place
              FROM department_documents d
              WHERE d.department_id IN (\(SeatsQuery.sql))
            ) r WHERE r.place <= \(MyHomePage.shownDocuments)
            ORDER BY r.document_date DESC, r.id DESC
            """
        var binds: [SQLValue] { [.uuid(personID), .text(BoardKind.department.rawValue), .text(today)] }
    }

    /// What the page shows: the departments whose board the person sits on today (named from the
    /// register summary) and their documents (`DocumentsQuery`); nil when they sit on none. Two
    /// statements.
    struct Page: Sendable {
        let seats: [Seat]
        let documents: [DocumentsQuery.Row]

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
            return Page(
                seats: seats,
                documents: try await DocumentsQuery(personID: person, today: today.iso).all(on: database)
            )
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let (_, loaded) = try await page(req)
        let notice = req.queryValue("besked").flatMap {
            Strings.table(req.language)["documentsNotice_\($0)"]
        }
        return try await render(req, loaded, upload: nil, problems: [], notice: notice)
    }

    @Sendable
    static func upload(_ req: Request) async throws -> Response {
        let (principal, loaded) = try await page(req)
        let seats = loaded.seats
        let upload = try await req.decodeForm(DepartmentDocumentsController.Upload.self)
        switch DepartmentDocumentsController.check(upload, departments: seats.map(\.department)) {
        case .failure(let failed):
            return try await render(req, loaded, upload: upload, problems: failed.problems, notice: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        case .success(let checked):
            guard let seat = seats.first(where: { $0.department.id == checked.department.id }) else {
                throw Abort(.notFound)
            }
            let document = try await DepartmentDocumentsController.store(
                checked,
                organisationID: seat.organisation,
                uploadedBy: principal,
                on: req
            )
            return req.redirect(
                to: SiteRoute.boardDocuments.path(query: [
                    ("besked", document.visibility == .board ? "gemt-bestyrelse" : "gemt")
                ]),
                redirectType: .normal
            )
        }
    }

    struct Seat: Sendable {
        let department: FrontPageController.DepartmentItem
        let organisation: UUID
    }

    /// The signed-in resident and their page (`Page`); refused in words for anyone who sits on no
    /// department's board today.
    private static func page(_ req: Request) async throws -> (Principal, Page) {
        let principal = try req.requirePrincipal(.resident)
        guard
            let loaded = try await Page.load(
                person: principal.id,
                today: req.today,
                summary: req.application.registerSummary,
                on: req.db
            )
        else { throw AccessRefused(key: "refusedBoardDocuments") }
        return (principal, loaded)
    }

    /// The signed-in resident and the departments whose board they sit on today; refused in
    /// words for anyone else.
    static func boardSeats(_ req: Request) async throws -> (Principal, [Seat]) {
        let principal = try req.requirePrincipal(.resident)
        let seats = try await seats(
            person: principal.id,
            today: req.today,
            summary: req.application.registerSummary,
            on: req.db
        )
        guard !seats.isEmpty else {
            throw AccessRefused(key: "refusedBoardDocuments")
        }
        return (principal, seats)
    }

    /// The departments whose board `person` sits on `today`, each with its organisation, named
    /// from the register summary: one statement (`SeatsQuery`).
    static func seats(
        person: UUID,
        today: LocalDate,
        summary: RegisterSummaryCache,
        on database: any Database
    ) async throws -> [Seat] {
        var seats: [Seat] = []
        for row in try await SeatsQuery(personID: person, today: today.iso).all(on: database) {
            if let (organisation, department) = try await summary.department(row.department_id, on: database) {
                seats.append(Seat(department: department, organisation: organisation.id))
            }
        }
        return seats
    }

    /// The page from what was loaded: the GET shows it, and an upload refused with its problems.
    static func render(
        _ req: Request,
        _ loaded: Page,
        upload: DepartmentDocumentsController.Upload?,
        problems: [(String, String)],
        notice: String?
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let (seats, documents) = (loaded.seats, loaded.documents)
        let (errors, errorList) = DepartmentDocumentsController.fieldErrors(problems, strings)
        let chosen = upload?.department?.lowercased() ?? seats.first?.department.id.lowercasedString
        return try await req.view.render(
            "board-documents",
            Context(
                page: await PageChrome.make(for: req, title: strings["boardDocumentsTitle"] ?? ""),
                uploadAction: SiteRoute.boardDocuments.path,
                departments: seats.map {
                    SelectOption(
                        value: $0.department.id.lowercasedString,
                        label: "\($0.department.number) \($0.department.name)",
                        selected: $0.department.id.lowercasedString == chosen
                    )
                },
                kinds: DepartmentDocumentsController.kindOptions(selected: upload?.kind, strings),
                visibilities: DepartmentDocumentsController.visibilityOptions(selected: upload?.visibility, strings),
                form: .init(title: upload?.title ?? "", date: upload?.date ?? req.today.iso),
                errors: errors,
                errorList: errorList,
                documents: documents.map { row in
                    var item = MyHomeController.documentItem(row.document, language, strings)
                    // A member of several boards is told whose each is.
                    if seats.count > 1, let seat = seats.first(where: { $0.department.id == row.department_id }) {
                        item.department = "\(seat.department.number) \(seat.department.name)"
                    }
                    return item
                },
                notice: notice,
                homeHref: SiteRoute.myHome.path,
                workspaceHref: SiteRoute.boardWorkspace.path
            )
        )
    }
}
