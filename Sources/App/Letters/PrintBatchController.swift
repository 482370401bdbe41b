import Fluent
import Vapor

/// Print batches in the back office: how many letters wait, the batches with their PDF and
/// manifest, making a batch, and marking one dispatched. Downloads hold personal data: audited.
enum PrintBatchController {
    struct Batch: Encodable {
        let number: Int
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
        let createAction: String
        let provider: String
        let notice: String?
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        _ = try req.requirePrincipal(.staff)
        return try await render(req, notice: req.query[String.self, at: "besked"].flatMap { Strings.table(req.language)["printNotice_\($0)"] })
    }

    static func render(_ req: Request, notice: String?) async throws -> View {
        let strings = Strings.table(req.language)
        let service = req.application.printBatches(on: req.db)
        let batches = try await service.list()
        return try await req.view.render("print-batches", Context(
            page: await PageChrome.make(for: req, title: strings["printTitle"] ?? ""),
            waiting: try await service.waiting(),
            batches: try batches.map { batch in
                let id = try batch.requireID()
                return Batch(
                    number: batch.number, created: LetterPresentation.timestamp(batch.createdAt), letterCount: batch.letterCount,
                    pageCount: batch.pageCount, dispatched: batch.dispatchedAt.map(LetterPresentation.timestamp),
                    pdfHref: SiteRoute.printBatchPDF(id).path, manifestHref: SiteRoute.printBatchManifest(id).path,
                    dispatchAction: SiteRoute.printBatchDispatched(id).path
                )
            },
            createAction: SiteRoute.printBatches.path, provider: req.application.printProvider.name, notice: notice
        ))
    }

    @Sendable
    static func create(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.staff)
        let batch = try await req.application.printBatches(on: req.db).create(createdBy: principal.id)
        if let batch {
            try await req.audit.record(
                "print_batch.create", subjectKind: "print_batch", subjectID: try batch.requireID(), purpose: "Udskrivning af fysiske breve",
                actor: principal
            )
        }
        return req.redirect(to: SiteRoute.printBatches.path(query: [("besked", batch == nil ? "empty" : "created")]), redirectType: .normal)
    }

    @Sendable
    static func pdf(_ req: Request) async throws -> Response {
        let (principal, batch) = try await find(req)
        try await req.audit.record(
            "print_batch.pdf", subjectKind: "print_batch", subjectID: try batch.requireID(), purpose: "Udskrivning af fysiske breve", actor: principal
        )
        return LetterPresentation.pdfResponse(batch.pdf, filename: "printbunke-\(batch.number).pdf")
    }

    @Sendable
    static func manifest(_ req: Request) async throws -> Response {
        let (principal, batch) = try await find(req)
        try await req.audit.record(
            "print_batch.manifest", subjectKind: "print_batch", subjectID: try batch.requireID(), purpose: "Udskrivning af fysiske breve",
            actor: principal
        )
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"printbunke-\(batch.number).csv\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: batch.manifest))
    }

    @Sendable
    static func dispatched(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.staff)
        guard let id = req.parameters.get("batchID", as: UUID.self),
              try await req.application.printBatches(on: req.db).markDispatched(id, by: principal.id) != nil
        else { throw Abort(.notFound) }
        try await req.audit.record("print_batch.dispatched", subjectKind: "print_batch", subjectID: id, purpose: "Afsendelse af fysiske breve", actor: principal)
        return req.redirect(to: SiteRoute.printBatches.path(query: [("besked", "dispatched")]), redirectType: .normal)
    }

    private static func find(_ req: Request) async throws -> (Principal, PrintBatch) {
        let principal = try req.requirePrincipal(.staff)
        guard let id = req.parameters.get("batchID", as: UUID.self), let batch = try await PrintBatch.find(id, on: req.db) else {
            throw Abort(.notFound)
        }
        return (principal, batch)
    }
}
