import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// Department documents: staff upload PDFs for their organisations' departments and remove them;
/// residents of the department read them from "Mit hjem" (board-only documents: its board).
enum DepartmentDocumentsController {
    struct ListContext: Encodable {
        let page: PageChrome
        let action: String
        let uploadAction: String?
        let organisations: [SelectOption]
        let departments: [SelectOption]
        let kinds: [SelectOption]
        let visibilities: [SelectOption]
        let form: FormValues
        let errors: [String: String]
        let errorList: [FieldError]
        let documents: [Item]
        let pager: Pager
        /// The list found by title or department (`q`) and narrowed to a kind (`art`).
        let search: String
        let kindFilter: OptionList
        let filtered: Bool
        let notice: String?
        /// Each department's contact details page.
        let contacts: [Link]
    }

    struct Link: Encodable {
        let label: String
        let href: String
    }

    struct FormValues: Encodable {
        let title: String
        let date: String
    }

    struct Item: Encodable {
        let title: String
        let department: String
        let kind: String
        let date: String
        let visibility: String
        let size: String
        let href: String
        let deleteAction: String
    }

    struct Upload: Content {
        var department: String?
        var title: String?
        var kind: String?
        var date: String?
        var visibility: String?
        var file: File?
    }

    struct Row: Decodable, Sendable {
        let id: UUID
        let title: String
        let kind: String
        let document_date: String
        let visibility: String
        let byte_count: Int
        let uploaded_at: Date
        let department_number: Int
        let department_name: String
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        let (_, scope) = try await req.requireStaffScope()
        let notice = req.queryValue("besked").flatMap {
            Strings.table(req.language)["documentsNotice_\($0)"]
        }
        let chosen = try await chosenOrganisation(req, scope: scope)
        return try await render(
            req,
            scope: scope,
            chosen: chosen,
            try await page(req, chosen: chosen, scope: scope),
            upload: nil,
            problems: [],
            notice: notice
        )
    }

    /// What the list shows: a page of the organisation's documents, newest first (one more than
    /// a page, for the pager), found by title or department and narrowed to a kind. One statement;
    /// none without an organisation in the staff member's scope.
    struct Page: Sendable {
        let rows: [Row]

        static func load(
            organisation: UUID?,
            scope: StaffScope,
            search: String?,
            kind: DepartmentDocumentKind?,
            after cursor: UUID?,
            on sql: any SQLDatabase
        ) async throws -> Page {
            guard let organisation, scope.contains(organisation) else { return Page(rows: []) }
            var query: SQLQueryString = """
                SELECT d.id, d.title, d.kind, d.document_date, d.visibility, d.byte_count, d.uploaded_at,
                  dep.number AS department_number, dep.name AS department_name
                FROM department_documents d JOIN departments dep ON dep.id = d.department_id
                WHERE d.organisation_id = \(bind: organisation)
                """
            if let search {
                query += " AND (" + Keyset.like("d.title", search) + " OR "
                query += Keyset.like("CAST(dep.number AS TEXT) || ' ' || dep.name", search) + ")"
            }
            if let kind { query += " AND d.kind = \(bind: kind.rawValue)" }
            query += Keyset.after(cursor, table: DepartmentDocument.schema, alias: "d", column: "uploaded_at")
            query += " ORDER BY d.uploaded_at DESC, d.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
            return Page(rows: try await sql.raw(query).rows(decoding: Row.self))
        }
    }

    /// The kind the list is narrowed to (`art`).
    static func kindFilter(_ req: Request) -> DepartmentDocumentKind? {
        req.queryValue("art").flatMap(DepartmentDocumentKind.init(rawValue:))
    }

    /// The list's page for the request's search, kind and cursor.
    private static func page(
        _ req: Request,
        chosen: FrontPageController.OrganisationItem?,
        scope: StaffScope
    ) async throws -> Page {
        try await Page.load(
            organisation: chosen?.id,
            scope: scope,
            search: Keyset.search(req),
            kind: kindFilter(req),
            after: Keyset.cursor(req),
            on: try req.sql
        )
    }

    @Sendable
    static func upload(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let organisation = try await chosenOrganisation(req, scope: scope)
        guard let organisation else { throw Abort(.notFound) }
        let upload = try await req.decodeForm(Upload.self)
        let checked: Checked
        switch check(upload, departments: organisation.departments) {
        case .success(let valid): checked = valid
        case .failure(let failed):
            return try await render(
                req,
                scope: scope,
                chosen: organisation,
                try await page(req, chosen: organisation, scope: scope),
                upload: upload,
                problems: failed.problems,
                notice: nil
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let document = try await store(checked, organisationID: organisation.id, uploadedBy: principal, on: req)
        return req.redirect(
            to: SiteRoute.departmentDocuments.path(query: [
                ("organisation", organisation.id.lowercasedString),
                ("besked", document.visibility == .board ? "gemt-bestyrelse" : "gemt"),
            ]),
            redirectType: .normal
        )
    }

    /// An upload that passed the checks.
    struct Checked {
        let department: FrontPageController.DepartmentItem
        let title: String
        let kind: DepartmentDocumentKind
        let date: LocalDate
        let visibility: DocumentVisibility
        let pdf: Data
    }

    struct Problems: Error {
        let problems: [(String, String)]
    }

    /// The upload's fields, each problem at its field (the words' key): a department of
    /// `departments`, a title, a kind, a date, who may read it, and a PDF (by its content) of at
    /// most 20 MB.
    static func check(
        _ upload: Upload,
        departments: [FrontPageController.DepartmentItem]
    ) -> Result<Checked, Problems> {
        var problems: [(String, String)] = []
        let department = upload.department.flatMap(UUID.init(uuidString:)).flatMap { id in
            departments.first { $0.id == id }
        }
        if department == nil { problems.append(("department", "documentsErrorDepartment")) }
        let title = (upload.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty {
            problems.append(("title", "documentsErrorTitle"))
        } else if title.count > 200 {
            problems.append(("title", "documentsErrorTitleLong"))
        }
        let kind = DepartmentDocumentKind(rawValue: upload.kind ?? "")
        if kind == nil { problems.append(("kind", "documentsErrorKind")) }
        let date = LocalDate(iso: upload.date ?? "")
        if date == nil { problems.append(("date", "documentsErrorDate")) }
        let visibility = DocumentVisibility(rawValue: upload.visibility ?? "")
        if visibility == nil { problems.append(("visibility", "documentsErrorVisibility")) }
        let data = upload.file.map { Data(buffer: $0.data) } ?? Data()
        if data.isEmpty {
            problems.append(("file", "documentsErrorFileMissing"))
        } else if data.count > DepartmentDocument.maxBytes {
            problems.append(("file", "documentsErrorFileLarge"))
        } else if !DepartmentDocument.isPDF(data) {
            problems.append(("file", "documentsErrorFileType"))
        }
        guard problems.isEmpty, let department, let kind, let date, let visibility else {
            return .failure(Problems(problems: problems))
        }
        return .success(
            Checked(department: department, title: title, kind: kind, date: date, visibility: visibility, pdf: data)
        )
    }

    /// Stores a checked upload and audits it: by staff (`uploaded_by`), or by a board member
    /// (the audit names them).
    static func store(
        _ checked: Checked,
        organisationID: UUID,
        uploadedBy principal: Principal,
        on req: Request
    ) async throws -> DepartmentDocument {
        let dependencies = req.application.dependencies
        let document = DepartmentDocument(
            id: dependencies.uuid(),
            departmentID: checked.department.id,
            organisationID: organisationID,
            title: checked.title,
            kind: checked.kind,
            documentDate: checked.date.iso,
            visibility: checked.visibility,
            pdf: checked.pdf,
            uploadedBy: principal.kind == .staff ? principal.id : nil,
            now: dependencies.now()
        )
        try await document.create(on: req.db)
        try await req.audit.record(
            .documentUpload,
            subjectKind: .departmentDocument,
            subjectID: try document.requireID(),
            purpose: AuditPurpose("departmentDocumentUploaded"),
            actor: principal
        )
        return document
    }
    /// Each problem's words, at its field and in the summary ("Titel: Skriv en titel.").
    static func fieldErrors(
        _ problems: [(String, String)],
        _ strings: [String: String]
    ) -> ([String: String], [FieldError]) {
        FieldError.collect(problems.map { ($0.0, strings[$0.1] ?? "") }, labelKey: { "documentsField_\($0)" }, strings)
    }

    static func kindOptions(selected: String?, _ strings: [String: String]) -> [SelectOption] {
        DepartmentDocumentKind.allCases.map {
            SelectOption(
                value: $0.rawValue,
                label: strings["documentKind_\($0.rawValue)"] ?? "",
                selected: $0.rawValue == selected
            )
        }
    }

    static func visibilityOptions(selected: String?, _ strings: [String: String]) -> [SelectOption] {
        DocumentVisibility.allCases.map {
            SelectOption(
                value: $0.rawValue,
                label: strings["documentVisibility_\($0.rawValue)"] ?? "",
                selected: $0.rawValue == (selected ?? DocumentVisibility.residents.rawValue)
            )
        }
    }

    /// A document for staff whose scope holds its organisation.
    @Sendable
    static func staffFile(_ req: Request) async throws -> Response {
        let (_, scope) = try await req.requireStaffScope()
        let document = try await find(req, scope: scope)
        return pdfResponse(document.pdf, title: document.title)
    }

    @Sendable
    static func delete(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let document = try await find(req, scope: scope)
        let organisation = document.organisationID
        try await document.delete(on: req.db)
        try await req.audit.record(
            .documentDelete,
            subjectKind: .departmentDocument,
            subjectID: try document.requireID(),
            purpose: AuditPurpose("departmentDocumentDeleted"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.departmentDocuments.path(query: [
                ("organisation", organisation.lowercasedString), ("besked", "slettet"),
            ]),
            redirectType: .normal
        )
    }

    /// A document for a resident of its department (one statement: the document only if the
    /// person lives there, and for a board-only document only if they sit on its board today).
    @Sendable
    static func residentFile(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("documentID", as: UUID.self) else { throw Abort(.notFound) }
        let file = try await MyHomePage.DocumentFileQuery(personID: principal.id, documentID: id, today: req.today.iso)
            .first(on: req.db)
        guard let file else { throw Abort(.notFound) }
        return pdfResponse(file.pdf, title: file.title)
    }

    /// The PDF as a download named for its title (`SafeFilename`), never shown by the browser as
    /// anything but a PDF.
    static func pdfResponse(_ pdf: Data, title: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "application", subType: "pdf")
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: SafeFilename.attachment(String(title.prefix(150)) + ".pdf")
        )
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: pdf))
    }

    static func find(_ req: Request, scope: StaffScope) async throws -> DepartmentDocument {
        guard let id = req.parameters.get("documentID", as: UUID.self),
            let document = try await DepartmentDocument.find(id, on: req.db), scope.contains(document.organisationID)
        else { throw Abort(.notFound) }
        return document
    }

    static func chosenOrganisation(
        _ req: Request,
        scope: StaffScope
    ) async throws -> FrontPageController.OrganisationItem? {
        let organisations = try await req.application.registerSummary.organisations(on: req.db)
            .filter { scope.contains($0.id) }
        return organisations.first { $0.id == req.queryValue("organisation").flatMap(UUID.init(uuidString:)) }
            ?? organisations.first
    }

    /// The list and the upload form from what was loaded: the GET renders it, and an upload
    /// refused with its problems.
    static func render(
        _ req: Request,
        scope: StaffScope,
        chosen: FrontPageController.OrganisationItem?,
        _ loaded: Page,
        upload: Upload?,
        problems: [(String, String)],
        notice: String?
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let organisations = try await req.application.registerSummary.organisations(on: req.db)
            .filter { scope.contains($0.id) }
        let cursor = Keyset.cursor(req)
        let search = Keyset.search(req)
        let kind = kindFilter(req)
        let rows = loaded.rows
        let organisationQuery = [("organisation", chosen?.id.lowercasedString)]
        let (shown, pager) = Pager.page(
            rows,
            id: \.id,
            route: .departmentDocuments,
            query: organisationQuery + [("q", search), ("art", kind?.rawValue)],
            cursor: cursor
        )
        let (errors, errorList) = fieldErrors(problems, strings)
        let chosenDepartment = upload?.department
        return try await req.view.render(
            "department-documents",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["documentsTitle"] ?? ""),
                action: SiteRoute.departmentDocuments.path,
                // The list's search and kind ride along, so a refused upload shows the same list.
                uploadAction: chosen.map { _ in
                    SiteRoute.departmentDocuments.path(
                        query: organisationQuery + [("q", search), ("art", kind?.rawValue)]
                    )
                },
                organisations: organisations.map {
                    SelectOption(value: $0.id.lowercasedString, label: $0.name, selected: $0.id == chosen?.id)
                },
                departments: (chosen?.departments ?? []).map {
                    SelectOption(
                        value: $0.id.lowercasedString,
                        label: "\($0.number) \($0.name)",
                        selected: $0.id.lowercasedString == chosenDepartment?.lowercased()
                    )
                },
                kinds: kindOptions(selected: upload?.kind, strings),
                visibilities: visibilityOptions(selected: upload?.visibility, strings),
                form: FormValues(title: upload?.title ?? "", date: upload?.date ?? req.today.iso),
                errors: errors,
                errorList: errorList,
                documents: shown.map { row in
                    Item(
                        title: row.title,
                        department: "\(row.department_number) \(row.department_name)",
                        kind: strings["documentKind_\(row.kind)"] ?? "",
                        date: LocalDate(iso: row.document_date).map { DateText.long($0, language) }
                            ?? row.document_date,
                        visibility: strings["documentVisibility_\(row.visibility)"] ?? "",
                        size: FileSize.text(row.byte_count, language),
                        href: SiteRoute.departmentDocumentFile(row.id).path,
                        deleteAction: SiteRoute.departmentDocumentDelete(row.id).path
                    )
                },
                pager: pager,
                search: search ?? "",
                kindFilter: OptionList.choosing(
                    DepartmentDocumentKind.allCases,
                    selected: kind,
                    all: strings["filterAll"] ?? ""
                ) { strings["documentKind_\($0.rawValue)"] ?? "" },
                filtered: search != nil || kind != nil,
                notice: notice,
                contacts: (chosen?.departments ?? []).map {
                    Link(
                        label: "\(strings["department"] ?? "") \($0.number) \($0.name)",
                        href: SiteRoute.departmentContact($0.id).path
                    )
                }
            )
        )
    }
}
