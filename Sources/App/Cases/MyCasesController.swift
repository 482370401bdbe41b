import AlmenDomain
import Fluent
import Vapor

/// "Mine sager": the cases the signed-in person is party to, as a tenant or as another party
/// (a sub-tenant, a swap partner). Each party sees the case's letters to them and the mail they
/// sent in it, never another party's; a case they are not party to is a 404.
enum MyCasesController {
    struct ListContext: Encodable {
        let page: PageChrome
        let cases: [CasePresentation.Row]
        let pager: Pager
    }

    struct ShowContext: Encodable {
        let page: PageChrome
        let caseFile: CasePresentation.Row
        let role: String
        /// "Svar senest 17. december 2026", while the case is open and its answer due.
        let promise: String?
        /// How long such cases took last quarter, while the answer is due.
        let responseTime: String?
        let history: [CasePresentation.Entry]
        /// What was just done, after a request was sent or signed ("?besked=").
        let notice: String?
        /// A termination case's notice, with its state and the co-tenants' signatures.
        let noticeHref: String?
        /// A sub-letting case's signed agreement, for its tenants.
        let agreementHref: String?
        /// The photos sent with a fault report.
        let photos: [StaffCasesController.Photo]
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let cursor = Keyset.cursor(req)
        let rows = try await CaseLists.ofParty(principal.id, after: cursor, on: try req.sql)
        let (cases, pager) = Pager.page(rows, id: \.id, route: .myCases, query: [], cursor: cursor)
        let strings = Strings.table(req.language)
        return try await req.view.render(
            "my-cases",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["myCasesTitle"] ?? ""),
                cases: cases.map {
                    var row = CasePresentation.row(
                        $0,
                        language: req.language,
                        href: SiteRoute.myCase($0.id).path,
                        today: req.today,
                        forStaff: false
                    )
                    if $0.status != CaseStatus.open.rawValue { row.promise = nil }
                    return row
                },
                pager: pager
            )
        )
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("caseID", as: UUID.self),
            let party = try await req.application.cases.party(principal.id, in: id)
        else { throw Abort(.notFound) }
        let caseFile = party.caseFile
        let strings = Strings.table(req.language)
        let sql = try req.sql
        let history = try await CasePage.history(id, onlyFor: principal.id, on: sql)
        let answerDue =
            caseFile.status == .open
            ? try await CasePage.deadlines(id, on: sql).first {
                $0.kind == CaseDeadlineKind.answer.rawValue && $0.met_at == nil
            }
            : nil
        let agreement =
            caseFile.kind == .subletting && party.role == .tenant
            ? try await SublettingRequest.query(on: req.db).filter(\.$caseID == id).filter(\.$status == .sent)
                .filter(\.$agreement != nil).count() > 0 : false
        let photoCount =
            caseFile.kind == .faultReport
            ? try await CaseAttachment.query(on: req.db).filter(\.$caseID == id).count() : 0
        let figure = answerDue == nil ? nil : try await CaseStatistics.latest(caseFile.kind, on: req.db)
        return try await req.view.render(
            "my-case",
            ShowContext(
                page: await PageChrome.make(for: req, title: "\(strings["caseTitle"] ?? "") \(caseFile.number)"),
                caseFile: CasePresentation.row(caseFile, language: req.language, href: SiteRoute.myCase(id).path),
                role: CasePresentation.role(party.role, strings: strings),
                promise: CasePresentation.promise(
                    answerDue?.due_on,
                    today: req.today,
                    alone: true,
                    language: req.language
                ),
                responseTime: CasePresentation.responseTime(figure, language: req.language),
                history: CasePresentation.history(
                    history,
                    language: req.language,
                    letterHref: { SiteRoute.myLetterPDF($0).path }
                ),
                notice: req.query[String.self, at: "besked"].flatMap { message in
                    ["opsagt", "gemt", "underskrevet", "stoppet", "fremleje", "fejl"].contains(message)
                        ? strings["caseNotice_\(message)"] : nil
                },
                noticeHref: caseFile.kind == .termination && caseFile.status == .open && party.role == .tenant
                    ? caseFile.$lease.id.map { SiteRoute.myTermination($0).path } : nil,
                agreementHref: agreement ? SiteRoute.mySublettingAgreement(id).path : nil,
                photos: StaffCasesController.photos(photoCount, strings) { SiteRoute.myCaseAttachment(id, $0).path }
            )
        )
    }
}
