import Fluent
import Vapor

/// "Mine breve": every letter to the signed-in resident, with its PDF, channel and status.
/// Scoped to the principal: another resident's letter id is a 404.
enum MyLettersController {
    struct Context: Encodable {
        let page: PageChrome
        let letters: [LetterPresentation.Row]
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let strings = Strings.table(req.language)
        let letters = try await Letter.query(on: req.db).filter(\.$recipient.$id == principal.id).sort(\.$createdAt, .descending)
            .field(\.$id).field(\.$kind).field(\.$subject).field(\.$channel).field(\.$status).field(\.$pageCount).field(\.$createdAt)
            .limit(200).all()
        return try await req.view.render("my-letters", Context(
            page: await PageChrome.make(for: req, title: strings["myLettersTitle"] ?? ""),
            letters: try letters.map { LetterPresentation.row($0, strings: strings, href: SiteRoute.myLetterPDF(try $0.requireID()).path) }
        ))
    }

    @Sendable
    static func pdf(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("letterID", as: UUID.self),
              let letter = try await Letter.query(on: req.db).filter(\.$id == id).filter(\.$recipient.$id == principal.id).first()
        else { throw Abort(.notFound) }
        return LetterPresentation.pdfResponse(letter.pdf, filename: "brev-\(letter.reference).pdf")
    }
}
