import Fluent
import Vapor

/// Print batches in the back office: how many letters wait, the batches with their PDF and
/// manifest, making a batch, and marking one dispatched. Downloads hold personal data: audited.
enum PrintBatchController {
    struct Batch: Encodable {
        let number: Int
        let organisation: String
        let created: String
        let letterCount: Int
        let pageCount: Int
        let dispatched: String?
        let pdfHref: String
        let manifestHref: String
        let dispatchAction: String
    }

    struct Context: Encodable {
        let page: PageChrome
        let waiting: Int
        let batches: [Batch]
        /// 50 batches a page (`?foer=<id>`).
        let pager: Pager
        let createAction: String
        let provider: String
        let notice: String?
        /// The list's filter: the staff's organisations (when more than one), and only the
        /// batches not yet marked dispatched (`afsendt=nej`).
        let action: String
        let organisations: OptionList
        let choosesOrganisation: Bool
        let undispatched: Bool
        let filtered: Bool
    }

    /// Batches on a page of the list.
    static let pageSize = 50

    /// What the print page shows: a page of the batches in scope, of one organisation and only
    /// those not yet dispatched if asked (one more than a page, for the pager), and how many
    /// letters in scope wait for a batch. Two statements.
    struct Page: Sendable {
        let batches: [PrintBatches.ListRow]
        let waiting: Int

        static func load(
            scope: StaffScope,
            organisation: UUID?,
            undispatched: Bool,
            after cursor: UUID?,
            on database: any Database
        ) async throws -> Page {
            let sql = try database.sql()
            return Page(
                batches: try await PrintBatches.list(
                    scope: scope,
                    organisation: organisation,
                    undispatched: undispatched,
                    after: cursor,
                    limit: PrintBatchController.pageSize + 1,
                    on: sql
                ),
                waiting: try await PrintBatches.waiting(scope: scope, on: sql)
            )
        }
    }

    /// `/admin/print`: the batches in scope, 50 a page (`?foer=<id>`), of one organisation
    /// (`organisation`) and only those not yet dispatched (`afsendt=nej`) if asked.
    @Sendable
    static func list(_ req: Request) async throws -> View {
        let (_, scope) = try await req.requireStaffScope()
        let cursor = Keyset.cursor(req)
        let organisation = ListOrganisation.parse(req, scope: scope)
        let undispatched = req.queryValue("afsendt") == "nej"
        let loaded = try await Page.load(
            scope: scope,
            organisation: organisation,
            undispatched: undispatched,
            after: cursor,
            on: req.db
        )
        return try await render(
            req,
            scope: scope,
            loaded,
            organisation: organisation,
            undispatched: undispatched,
            after: cursor,
            notice: req.queryValue("besked").flatMap { Strings.table(req.language)["printNotice_\($0)"] }
        )
    }

    /// The page from what was loaded, with its filter.
    static func render(
        _ req: Request,
        scope: StaffScope,
        _ loaded: Page,
        organisation: UUID?,
        undispatched: Bool,
        after cursor: UUID?,
        notice: String?
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (batches, pager) = Pager.page(
            loaded.batches,
            size: Self.pageSize,
            id: \.id,
            route: .printBatches,
            query: [("organisation", organisation?.lowercasedString), ("afsendt", undispatched ? "nej" : nil)],
            cursor: cursor
        )
        let organisations = try await ListOrganisation.options(
            req,
            scope: scope,
            selected: organisation,
            strings: strings
        )
        return try await req.view.render(
            "print-batches",
            Context(
                page: await PageChrome.make(for: req, title: strings["printTitle"] ?? ""),
                waiting: loaded.waiting,
                batches: batches.map { batch in
                    let id = batch.id
                    return Batch(
                        number: batch.number,
                        organisation: batch.organisation_name,
                        created: DateText.timestamp(batch.created_at, req.language),
                        letterCount: batch.letter_count,
                        pageCount: batch.page_count,
                        dispatched: batch.dispatched_at.map { DateText.timestamp($0, req.language) },
                        pdfHref: SiteRoute.printBatchPDF(id).path,
                        manifestHref: SiteRoute.printBatchManifest(id).path,
                        dispatchAction: SiteRoute.printBatchDispatched(id).path
                    )
                },
                pager: pager,
                createAction: SiteRoute.printBatches.path,
                provider: req.application.printProvider.name,
                notice: notice,
                action: SiteRoute.printBatches.path,
                organisations: organisations,
                choosesOrganisation: !organisations.isEmpty,
                undispatched: undispatched,
                filtered: organisation != nil || undispatched
            )
        )
    }

    @Sendable
    static func create(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let batches = try await req.application.printBatches(on: req.db).create(createdBy: principal.id, scope: scope)
        for batch in batches {
            try await req.audit.record(
                .printBatchCreate,
                subjectKind: .printBatch,
                subjectID: try batch.requireID(),
                purpose: AuditPurpose("printLetters"),
                actor: principal
            )
        }
        return req.redirect(
            to: SiteRoute.printBatches.path(query: [("besked", batches.isEmpty ? "empty" : "created")]),
            redirectType: .normal
        )
    }

    @Sendable
    static func pdf(_ req: Request) async throws -> Response {
        let (principal, batch) = try await find(req)
        try await req.audit.record(
            .printBatchPDF,
            dataSubjects: try await batch.recipients(on: req.db),
            subjectKind: .printBatch,
            subjectID: try batch.requireID(),
            purpose: AuditPurpose("printLetters"),
            actor: principal
        )
        return LetterPresentation.pdfResponse(batch.pdf, filename: "printbunke-\(batch.number).pdf")
    }

    @Sendable
    static func manifest(_ req: Request) async throws -> Response {
        let (principal, batch) = try await find(req)
        try await req.audit.record(
            .printBatchManifest,
            dataSubjects: try await batch.recipients(on: req.db),
            subjectKind: .printBatch,
            subjectID: try batch.requireID(),
            purpose: AuditPurpose("printLetters"),
            actor: principal
        )
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"printbunke-\(batch.number).csv\""
        )
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: batch.manifest))
    }

    @Sendable
    static func dispatched(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("batchID", as: UUID.self),
            try await req.application.printBatches(on: req.db).markDispatched(id, by: principal.id, scope: scope) != nil
        else { throw Abort(.notFound) }
        try await req.audit.record(
            .printBatchDispatched,
            subjectKind: .printBatch,
            subjectID: id,
            purpose: AuditPurpose("dispatchLetters"),
            actor: principal
        )
        return req.redirect(to: SiteRoute.printBatches.path(query: [("besked", "dispatched")]), redirectType: .normal)
    }

    /// The batch, if it exists and is in the staff member's scope; otherwise 404.
    private static func find(_ req: Request) async throws -> (Principal, PrintBatch) {
        let (principal, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("batchID", as: UUID.self),
            let batch = try await PrintBatch.query(on: req.db).filter(\.$id == id).scoped(
                \.$organisation.$id,
                to: scope
            ).first()
        else { throw Abort(.notFound) }
        return (principal, batch)
    }
}

extension PrintBatch {
    /// The people whose letters are in the batch: each read of it is a read of their name and address.
    func recipients(on database: any Database) async throws -> [UUID] {
        try await Letter.query(on: database).filter(\.$printBatch.$id == requireID()).field(\.$id).field(
            \.$recipient.$id
        ).all().map(\.$recipient.id)
    }
}
