import Fluent
import Vapor

/// "Mine sager": the cases the signed-in person is party to, as a tenant or as another party
/// (a sub-tenant, a swap partner). Each party sees the case's letters to them and the mail they
/// sent in it, never another party's; a case they are not party to is a 404.
enum MyCasesController {
    struct ListContext: Encodable {
        let page: PageChrome
        let cases: [CasePresentation.Row]
    }

    struct ShowContext: Encodable {
        let page: PageChrome
        let caseFile: CasePresentation.Row
        let role: String
        let history: [CasePresentation.Entry]
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let strings = Strings.table(req.language)
        let cases = try await req.application.cases.cases(ofParty: principal.id).all()
        return try await req.view.render("my-cases", ListContext(
            page: await PageChrome.make(for: req, title: strings["myCasesTitle"] ?? ""),
            cases: try cases.map { CasePresentation.row($0, strings: strings, href: SiteRoute.myCase(try $0.requireID()).path) }
        ))
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("caseID", as: UUID.self),
              let party = try await req.application.cases.party(principal.id, in: id)
        else { throw Abort(.notFound) }
        let caseFile = party.caseFile
        let strings = Strings.table(req.language)
        let letters = try await Letter.query(on: req.db).filter(\.$caseFile.$id == id).filter(\.$recipient.$id == principal.id)
            .field(\.$id).field(\.$subject).field(\.$createdAt).field(\.$recipient.$id).with(\.$recipient).all()
        let mail = try await IncomingMessage.query(on: req.db).filter(\.$caseFile.$id == id).filter(\.$person.$id == principal.id)
            .field(\.$id).field(\.$label).field(\.$receivedAt).field(\.$person.$id).with(\.$person).all()
        return try await req.view.render("my-case", ShowContext(
            page: await PageChrome.make(for: req, title: "\(strings["caseTitle"] ?? "") \(caseFile.number)"),
            caseFile: CasePresentation.row(caseFile, strings: strings, href: SiteRoute.myCase(id).path),
            role: CasePresentation.role(party.role, strings: strings),
            history: CasePresentation.history(letters: letters, mail: mail, strings: strings) { letter in
                letter.id.map { SiteRoute.myLetterPDF($0).path }
            }
        ))
    }
}
