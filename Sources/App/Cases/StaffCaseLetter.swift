import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The case page's "write a letter" form: a caseworker's own letter to a party, from the general
/// template. The first post checks the form and shows the letter as it will read, typeset from
/// the organisation's template, with the way it will go; "Send brevet" sends it; "Ret brevet"
/// goes back to the form as it was filled in. The form's token, minted when the case page shows
/// an empty form and carried through every step, sends it once however often it is pressed, and
/// a step posted again after the letter went (the browser's Back, a reload) says it is sent.
extension StaffCasesController {
    /// What the form holds, what was wrong with it, and the letter as it will read.
    struct LetterForm: Encodable {
        var recipient = ""
        var subject = ""
        var text = ""
        /// Each field's problem, by field name, and the list above the form.
        var errors: [String: String] = [:]
        var errorList: [FieldError] = []
        /// The letter as it will read, once the form is right and a preview was asked for.
        var preview: LetterPreview? = nil
        /// The failed letter this one is written instead of (`?omskriv=`), as text; empty for a
        /// new letter.
        var replaces = ""
        /// Sends the letter once; minted by `render` when empty.
        var token = ""
        /// The incoming message in the case this letter answers (`?svar=` on the case's page), as
        /// text; empty for a letter that answers none.
        var replyTo = ""
        /// That message's subject, said above the form.
        var replyingTo: String? = nil

        init(recipient: String = "", subject: String = "", text: String = "", replaces: String = "", token: String = "")
        {
            (self.recipient, self.subject, self.text, self.replaces, self.token) =
                (recipient, subject, text, replaces, token)
        }

        /// A new letter that answers `message`: to its sender, "Sv: " and its subject (once).
        init(answering message: RepliedMessage) {
            let subject = message.label ?? ""
            let answered =
                ["sv:", "svar:"].contains { subject.lowercased().hasPrefix($0) } ? subject : "Sv: \(subject)"
            self.init(
                recipient: message.personID?.lowercasedString ?? "",
                subject: String(answered.trimmingCharacters(in: .whitespaces).prefix(maxSubject))
            )
            answer(message)
        }

        mutating func answer(_ message: RepliedMessage) {
            replyTo = message.id.lowercasedString
            replyingTo = message.label
        }
    }

    /// A resident's message in the case that a caseworker's letter answers.
    struct RepliedMessage: Sendable {
        let id: UUID
        let label: String?
        let personID: UUID?
        let messageUUID: String

        /// The message `id`, when it is mail in the case `caseID`.
        static func find(_ id: UUID?, inCase caseID: UUID, on database: any Database) async throws -> RepliedMessage? {
            guard let id,
                let message = try await IncomingMessage.query(on: database).filter(\.$id == id)
                    .filter(\.$caseFile.$id == caseID).field(\.$id).field(\.$label).field(\.$person.$id)
                    .field(\.$messageUUID).first()
            else { return nil }
            return RepliedMessage(
                id: id,
                label: message.label,
                personID: message.$person.id,
                messageUUID: message.messageUUID
            )
        }
    }

    struct LetterPreview: Encodable {
        let to: String
        let subject: String
        let paragraphs: [String]
        /// How the letter will go, and why it goes on paper when it does.
        let channel: String
        let channelReasons: [String]
    }

    struct LetterInput: Content {
        var recipient: String?
        var subject: String?
        var text: String?
        /// "preview" (the form's first post, and a post without a step), "edit" or "send".
        var step: String?
        var token: String?
        /// The failed letter this one is written instead of.
        var replaces: String?
        /// The incoming message it answers.
        var replyTo: String?
    }

    static let maxSubject = 200
    static let maxText = 20_000

    /// `POST /admin/sager/:caseID/brev`: checks the letter, shows it, and sends it in the case
    /// once it is seen. It takes the channel the rules decide, like every letter.
    @Sendable
    static func letter(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        // The case and its parties decide the letter; the whole page is read only to show it again.
        let sql = try req.sql
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let header = try await CasePage.header(caseID, scope: scope, on: sql)
        else { throw Abort(.notFound) }
        let strings = Strings.table(req.language)
        let input = try req.content.decode(LetterInput.self)
        var form = LetterForm(
            recipient: input.recipient ?? "",
            subject: (input.subject ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            // One kind of line break, so the text compares as it reads.
            text: lineFeeds(input.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            replaces: input.replaces.flatMap(UUID.init(uuidString:))?.lowercasedString ?? "",
            token: input.token.flatMap(UUID.init(uuidString:))?.lowercasedString ?? ""
        )
        let replaces = UUID(uuidString: form.replaces)
        let replied = try await RepliedMessage.find(
            input.replyTo.flatMap(UUID.init(uuidString:)),
            inCase: caseID,
            on: req.db
        )
        // An answer goes to the message's sender; written to anyone else, it is a letter of its own.
        if let replied, replied.personID?.lowercasedString == form.recipient {
            form.answer(replied)
        }
        let shown = { (form: LetterForm, status: HTTPResponseStatus) async throws -> Response in
            try await render(req, try await load(req, scope: scope), form: form)
                .encodeResponse(status: status, for: req)
        }
        // The form's letter went already: "Send brevet" pressed again, or a step of this form
        // posted again after it went (the browser's Back and a reload), or another tab.
        let alreadySent = { (form: LetterForm) async throws -> Response? in
            guard !form.token.isEmpty,
                let earlier = try await LetterSubmission.sent(token: form.token, caseID: caseID, on: sql)
            else { return nil }
            // The same letter: it went with the first press.
            guard !earlier.sends(form) else { return req.redirect(to: sentPath(caseID), redirectType: .normal) }
            // The form of a letter that went, changed since (another text or recipient): what it
            // says now was not sent, and comes back as a new letter.
            var form = form
            (form.replaces, form.token) = ("", "")
            (form.errors, form.errorList) = FieldError.collect(
                [("brev", strings["caseLetterErrorFormUsed"] ?? "")],
                labelKey: { _ in "caseWriteLetter" },
                strings
            )
            return try await shown(form, .conflict)
        }
        if let answered = try await alreadySent(form) { return answered }
        let parties = try await CasePage.sides(caseID, organisationID: header.organisation_id, on: sql).parties
        let party = UUID(uuidString: form.recipient).flatMap { personID in
            parties.first { $0.person_id == personID && $0.deceased != true }
        }
        let problems = letterProblems(form, party: party, caseKind: header.caseKind)
        (form.errors, form.errorList) = FieldError.collect(
            problems.map { ($0.field, strings[$0.key] ?? "") },
            labelKey: { ["recipient": "letterRecipient", "subject": "letterSubject"][$0] ?? "caseLetterText" },
            strings
        )
        guard header.caseStatus == .open, let leaseID = header.lease_id else { throw Abort(.conflict) }
        guard let party, problems.isEmpty else { return try await shown(form, .unprocessableEntity) }
        if input.step == "edit" { return try await shown(form, .ok) }
        let content = GeneralLetter(
            subject: MarkupText(form.subject),
            paragraphs: MarkupText.paragraphs(of: form.text).map { MarkupText($0) }
        )
        let letters = req.application.letters()
        guard input.step == "send", !form.token.isEmpty else {
            let draft = try await letters.prepare(
                content,
                to: party.person_id,
                lease: leaseID,
                inCase: header.number,
                draft: true
            )
            let outcome = ChannelRules.decide(draft.facts)
            form.preview = LetterPreview(
                to: party.name,
                subject: draft.document.subject,
                paragraphs: LetterTemplateRenderer.previewLines(draft.document.body),
                channel: channelText(outcome, name: party.name, strings),
                channelReasons: channelReasons(outcome, strings)
            )
            return try await shown(form, .ok)
        }
        let prepared = try await letters.prepare(content, to: party.person_id, lease: leaseID, inCase: header.number)
        let submission = LetterSubmission(
            token: form.token,
            caseID: caseID,
            letterID: prepared.id,
            subject: form.subject,
            text: form.text,
            replaces: replaces
        )
        // Kept on the letter, and through Digital Post in the thread of the message it answers.
        let answering =
            form.replyTo.isEmpty ? nil : replied.map { LetterService.Answered(id: $0.id, messageUUID: $0.messageUUID) }
        let letter: Letter
        do {
            letter = try await req.db.transaction { db in
                // The failed letter goes no further: it is replaced, or the new one is not sent.
                if let replaces {
                    try await LetterSubmission.replace(
                        replaces,
                        inCase: caseID,
                        dependencies: req.application.dependencies,
                        on: db
                    )
                }
                let letter = try await letters.send(
                    prepared,
                    createdBy: principal.id,
                    caseID: caseID,
                    meets: header.caseKind.answeredByCaseworkerLetter ? [.receipt, .answer] : [.receipt],
                    answering: answering,
                    on: db
                )
                try await submission.record(on: db)
                return letter
            }
        } catch is LetterSubmission.AlreadySettled {
            // Sent on paper or written again by someone else meanwhile: the new letter is not sent.
            (form.errors, form.errorList) = FieldError.collect(
                [("brev", strings["caseLetterErrorReplaced"] ?? "")],
                labelKey: { _ in "caseLetterRewriting" },
                strings
            )
            // What was written stays, as a new letter the caseworker may still send, or not.
            form.replaces = ""
            form.token = ""
            return try await shown(form, .conflict)
        } catch {
            // Two presses at once (or two tabs): the token let one through, and that one answers.
            if let answered = try await alreadySent(form) { return answered }
            throw error
        }
        try await req.audit.record(
            .caseLetter,
            subjectKind: .letter,
            subjectID: try letter.requireID(),
            dataSubjectID: party.person_id,
            purpose: AuditPurpose("caseLetter", ["number": .same(header.number)]),
            actor: principal
        )
        return req.redirect(to: sentPath(caseID), redirectType: .normal)
    }

    /// The case's page saying, at the form, that the letter is sent.
    private static func sentPath(_ caseID: UUID) -> String {
        SiteRoute.staffCase(caseID).path(query: [("besked", "brev")]) + "#brev"
    }

    /// What is wrong with the form, field by field, as the keys of the words that say so.
    static func letterProblems(
        _ form: LetterForm,
        party: CasePage.Party?,
        caseKind: CaseKind
    ) -> [(field: String, key: String)] {
        var problems: [(field: String, key: String)] = []
        if party == nil {
            problems.append(("recipient", "caseLetterErrorRecipient"))
        } else if let party, party.partyRole == .otherParty, caseKind != .subletting {
            // The envelope carries the case lease's address. An other party lives there only in a
            // sub-letting case (the sub-tenant); anyone else's address is not in the register.
            problems.append(("recipient", "caseLetterErrorNoAddress"))
        }
        if let problem = FieldError.requiredText(form.subject, max: maxSubject, "caseLetterErrorSubject") {
            problems.append(("subject", problem))
        }
        if let problem = FieldError.requiredText(form.text, max: maxText, "caseLetterErrorText") {
            problems.append(("text", problem))
        } else if hasOwnGreeting(MarkupText.paragraphs(of: form.text)) {
            // The template greets and signs off already: a second greeting would print twice.
            problems.append(("text", "caseLetterErrorGreeting"))
        }
        return problems
    }

    /// How the letter will go, as far as the rules can tell before it is sent: on paper (and
    /// why), or through Digital Post when NgDP says the recipient is registered.
    static func channelText(_ outcome: ChannelOutcome, name: String, _ strings: [String: String]) -> String {
        switch outcome {
        case .decided(let decision) where decision.channel == .physical: strings["caseLetterByPost"] ?? ""
        case .decided: strings["caseLetterByDigitalPost"] ?? ""
        case .lookUpRegistration: strings.filled("caseLetterByDigitalPostIfRegistered", ["name": name])
        }
    }

    static func channelReasons(_ outcome: ChannelOutcome, _ strings: [String: String]) -> [String] {
        guard case .decided(let decision) = outcome, decision.channel == .physical else { return [] }
        return decision.reasons.compactMap { strings["channelReason_\($0.rawValue)"] }
    }
}

/// A caseworker's letter in a case, by its form's token: the same letter is not sent twice when
/// "Send brevet" is pressed twice (or the form is sent from two tabs, or again after Back). It keeps
/// what the caseworker wrote, so a letter Digital Post could not deliver can be written again.
struct LetterSubmission {
    static let table = "case_letter_submissions"

    let token: String
    let caseID: UUID
    let letterID: UUID
    let subject: String
    let text: String
    /// The failed letter this one went instead of.
    let replaces: UUID?

    /// What was sent with `token` in the case, if anything was.
    struct Sent: Decodable {
        let letter_id: UUID
        let subject: String
        let body: String
        let recipient_person_id: UUID

        /// Whether `form` says what was sent, to whom it was sent.
        func sends(_ form: StaffCasesController.LetterForm) -> Bool {
            subject == form.subject && body == form.text && UUID(uuidString: form.recipient) == recipient_person_id
        }
    }

    /// The letter sent with `token` in the case, if one was.
    static func sent(token: String, caseID: UUID, on sql: any SQLDatabase) async throws -> Sent? {
        try await sql.raw(
            """
            SELECT s.letter_id, s.subject, s.body, l.recipient_person_id FROM case_letter_submissions s
            JOIN letters l ON l.id = s.letter_id
            WHERE s.token = \(bind: token) AND s.case_id = \(bind: caseID)
            """
        ).first(decoding: Sent.self)
    }

    /// In the letter's own transaction: a second letter with the same token fails on the key.
    func record(on database: any Database) async throws {
        try await database.sql().raw(
            """
            INSERT INTO case_letter_submissions (token, case_id, letter_id, subject, body, replaces_letter_id)
            VALUES (\(bind: token), \(bind: caseID), \(bind: letterID), \(bind: subject), \(bind: text),
              \(bind: replaces))
            """
        ).run()
    }

    /// What a failed letter of the case said, to write it again: nil unless it was written in
    /// the case's form and is still failed.
    struct Rewrite: Decodable, Sendable {
        let letter_id: UUID
        let recipient_person_id: UUID
        let subject: String
        let body: String
    }

    static func rewrite(of letterID: UUID, caseID: UUID, on sql: any SQLDatabase) async throws -> Rewrite? {
        try await sql.raw(
            """
            SELECT s.letter_id, l.recipient_person_id, s.subject, s.body
            FROM case_letter_submissions s JOIN letters l ON l.id = s.letter_id
            WHERE s.letter_id = \(bind: letterID) AND s.case_id = \(bind: caseID)
              AND l.status = \(bind: LetterStatus.failed.rawValue)
            """
        ).first(decoding: Rewrite.self)
    }

    /// The failed letter was sent on paper or written again meanwhile.
    struct AlreadySettled: Error {}

    /// Marks the failed letter `letterID` of the case as written again, with its history; throws
    /// `AlreadySettled` unless it was still failed and was written in the case's form (a påkrav
    /// or a decision is never cancelled this way). One statement decides, as sending it on paper
    /// does (`StaffLettersController.toPaper`), so two caseworkers cannot both replace it, nor one
    /// send it on paper as the other replaces it.
    static func replace(
        _ letterID: UUID,
        inCase caseID: UUID,
        dependencies: AppDependencies,
        on database: any Database
    ) async throws {
        let replaced = try await OnceUpdate.run(
            """
            UPDATE letters SET status = \(bind: LetterStatus.replaced.rawValue)
            WHERE id = \(bind: letterID) AND case_id = \(bind: caseID) AND status = \(bind: LetterStatus.failed.rawValue)
              AND EXISTS (SELECT 1 FROM case_letter_submissions s WHERE s.letter_id = letters.id AND s.case_id = \(bind: caseID))
            """,
            on: database
        )
        guard replaced else { throw AlreadySettled() }
        try await LetterHistory.record(.replaced, letterID: letterID, on: database, dependencies: dependencies)
    }
}

/// `case_letter_submissions`: one row per caseworker's letter sent from a case's form.
struct CreateCaseLetterSubmissions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LetterSubmission.table)
            .field("token", .string, .required)
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("letter_id", .uuid, .required, .references(Letter.schema, "id"))
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("replaces_letter_id", .uuid, .references(Letter.schema, "id"))
            .unique(on: "case_id", "token")
            .unique(on: "replaces_letter_id")
            .create()
        // The letter's page asks whether a letter was written in the form.
        try await database.sql().raw(
            "CREATE INDEX case_letter_submissions_letter ON case_letter_submissions (letter_id)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LetterSubmission.table).delete()
    }
}

extension StaffCasesController.LetterForm {
    /// The form filled in with what a failed letter said, to be written again.
    init(rewriting rewrite: LetterSubmission.Rewrite) {
        self.init(
            recipient: rewrite.recipient_person_id.lowercasedString,
            subject: rewrite.subject,
            text: rewrite.body,
            replaces: rewrite.letter_id.lowercasedString
        )
    }
}
