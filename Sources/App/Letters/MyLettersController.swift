import Fluent
import Vapor

/// "Mine breve": every letter to the signed-in resident, with its PDF, channel and status.
/// Scoped to the principal: another resident's letter id is a 404.
enum MyLettersController {
    struct Context: Encodable {
        let page: PageChrome
        let letters: [LetterPresentation.Row]
        let pager: Pager
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let cursor = Keyset.cursor(req)
        // While acting for someone, their own letters only: copies are the helper's, not lent on.
        let rows = try await LetterLists.mine(
            principal.id,
            today: req.today,
            copies: principal.acting == nil,
            after: cursor,
            on: try req.sql
        )
        let (letters, pager) = Pager.page(rows, id: \.id, route: .myLetters, query: [], cursor: cursor)
        let strings = Strings.table(req.language)
        return try await req.view.render(
            "my-letters",
            Context(
                page: await PageChrome.make(for: req, title: strings["myLettersTitle"] ?? ""),
                letters: letters.map {
                    LetterPresentation.row(
                        $0,
                        language: req.language,
                        href: SiteRoute.myLetterPDF($0.id).path,
                        // A copy under a fuldmagt says whose letter it is.
                        recipient: $0.recipient_person_id == principal.id
                            ? nil : "\(strings["myLettersCopyFor"] ?? "") \($0.recipientName)"
                    )
                },
                pager: pager
            )
        )
    }

    @Sendable
    static func pdf(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("letterID", as: UUID.self),
            let letter = try await Letter.query(on: req.db).filter(\.$id == id).first()
        else { throw Abort(.notFound) }
        if letter.$recipient.id != principal.id {
            guard principal.acting == nil,
                try await LetterLists.isCopy(id, for: principal.id, today: req.today, on: req.sql)
            else { throw Abort(.notFound) }
            // A helper's copy is a read of the resident's letter: audited, and it stays unread for them.
            try await req.audit.record(
                .powerView,
                subjectKind: .letter,
                subjectID: id,
                dataSubjectID: letter.$recipient.id,
                purpose: AuditPurpose("letterCopyWithPower")
            )
            return LetterPresentation.pdfResponse(letter.pdf, filename: "brev-\(letter.reference).pdf")
        }
        // "Mit hjem" shows the letters not yet opened here.
        // A helper acting under a fuldmagt reading it does not make it read by the resident.
        if letter.openedAt == nil, principal.acting == nil {
            try await Letter.query(on: req.db).filter(\.$id == id).filter(\.$openedAt == nil)
                .set(\.$openedAt, to: req.application.dependencies.now()).update()
        }
        return LetterPresentation.pdfResponse(letter.pdf, filename: "brev-\(letter.reference).pdf")
    }
}
