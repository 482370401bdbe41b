import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// `/admin/sager/{caseID}/udlejer-brev`: when the other home of a swap is not let in Almen, a
/// caseworker writes to its landlord for the answer (ALL § 69: both landlords must say yes). The
/// form takes the landlord's name (as the tenant wrote it), its address and, when the caseworker
/// has it, its CVR number; the preview shows the letter and how it goes. Sent, it goes exactly
/// once the way a municipality's notice goes (`MunicipalityNotices.queue`, `MunicipalityNoticeSender`):
/// by Digital Post to the CVR number's business mailbox, or on paper without one or when Digital
/// Post cannot be used, and its way is on the case. The answer is recorded on the case by hand
/// when it comes (`SwapCard.recordLandlord`).
enum SwapLandlordLetter {
    struct Form: Encodable {
        var name = ""
        var cvr = ""
        var street = ""
        var postalCode = ""
        var city = ""
    }

    struct Context: Encodable {
        let page: PageChrome
        let caseHref: String
        let caseNumber: String
        /// "Ole Hansen, Byvej 3, 8000 Aarhus C, vil bytte bolig med jeres lejer …" for staff.
        let summary: String
        let action: String
        /// "form" or "preview".
        let step: String
        let form: Form
        let errors: [String: String]
        let errorList: [FieldError]
        let preview: Preview?
    }

    struct Preview: Encodable {
        let envelope: [String]
        /// By Digital Post to the CVR number, or by post.
        let channel: String
        let subject: String
        let paragraphs: [String]
    }

    struct Input: Content {
        var name: String?
        var cvr: String?
        var street: String?
        var postalCode: String?
        var city: String?
        var step: String?
    }

    /// A letter may be written while the swap is open, the other home is not let in Almen, its
    /// landlord has not answered, and none was written before, once the other tenant has signed:
    /// the landlord is asked about a swap both tenants stand behind.
    static func mayWrite(_ row: SwapCard.Row, open: Bool) -> Bool {
        waiting(row, open: open) && row.other_signed_at != nil
    }

    /// A letter would be written but for the other tenant's signature (the card says so).
    static func waiting(_ row: SwapCard.Row, open: Bool) -> Bool {
        open && row.landlordOutside && row.landlord_answer == nil && row.landlord_letters == 0
    }

    @Sendable
    static func show(_ req: Request) async throws -> Response {
        let (_, scope) = try await req.requireStaffScope()
        guard let caseID = req.parameters.get("caseID", as: UUID.self),
            let swap = try await SwapCard.StaffSwap.load(caseID, scope: scope, on: req.db)
        else { throw Abort(.notFound) }
        let (caseFile, row) = (swap.caseFile, swap.row)
        guard mayWrite(row, open: caseFile.status == .open) else { return backToCase(req, caseFile) }
        let form = Form(name: row.other_landlord)
        return try await render(req, caseFile, row, form: form, problems: [], preview: false)
            .encodeResponse(for: req)
    }

    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let (principal, caseFile, row) = try await SwapCard.staffSwap(req)
        let caseID = try caseFile.requireID()
        // Written already (a second click on "send"), answered, or closed: the case says how.
        guard mayWrite(row, open: caseFile.status == .open) else { return backToCase(req, caseFile) }
        let input = (try? req.content.decode(Input.self)) ?? Input()
        let form = form(input)
        let problems = problems(form)
        let step = input.step ?? ""
        guard problems.isEmpty, step == "preview" || step == "send" else {
            return try await render(req, caseFile, row, form: form, problems: problems, preview: false)
                .encodeResponse(status: problems.isEmpty ? .ok : .unprocessableEntity, for: req)
        }
        guard step == "send" else {
            return try await render(req, caseFile, row, form: form, problems: [], preview: true).encodeResponse(
                for: req
            )
        }
        let content = letter(row, caseNumber: caseFile.number, today: req.today)
        let recipient = recipient(form)
        let dependencies = req.application.dependencies
        let audit = req.audit
        try await req.db.transaction { db in
            // Two clicks on "send" write one letter: the second waits here, then finds the first.
            try await db.lockRows(of: SwapRequest.schema, is: row.id)
            let written = try await MunicipalityNotice.query(on: db).filter(\.$caseID == caseID)
                .filter(\.$reason == .swapLandlord).filter(\.$status != .cancelled).count()
            guard written == 0 else { return }
            // Decided, closed or answered meanwhile (those take the same row first): no letter.
            guard try await MunicipalityNotices.swapLetterWanted(caseID: caseID, on: db) else { return }
            try await MunicipalityNotices.queue(
                .swapLandlord,
                content,
                municipality: "",
                recipient: recipient,
                caseID: caseID,
                on: db,
                dependencies: dependencies
            )
            // The tenants' names and homes go to a landlord outside Almen.
            try await audit.record(
                .caseLetter,
                subjectKind: .`case`,
                subjectID: caseID,
                purpose: AuditPurpose(
                    "swapLandlordLetter",
                    ["landlord": .same(recipient.name), "number": .same(caseFile.number)]
                ),
                actor: principal,
                on: db
            )
        }
        return req.redirect(
            to: SiteRoute.staffCase(caseID).path(query: [("besked", "udlejer-brev")]) + "#"
                + MunicipalityNotice.Reason.swapLandlord.section,
            redirectType: .normal
        )
    }

    private static func backToCase(_ req: Request, _ caseFile: CaseFile) -> Response {
        req.redirect(to: SiteRoute.staffCase(caseFile.id ?? UUID()).path + "#bytte", redirectType: .normal)
    }

    /// The form as typed: each field on one line, the CVR number and postcode without spaces.
    static func form(_ input: Input) -> Form {
        let line = { (text: String?) in
            DepartmentContactController.clean(text).replacingOccurrences(of: "\n", with: " ")
        }
        return Form(
            name: line(input.name),
            cvr: line(input.cvr).filter { !$0.isWhitespace },
            street: line(input.street),
            postalCode: line(input.postalCode).filter { !$0.isWhitespace },
            city: line(input.city)
        )
    }

    /// Each problem at its field, as the words' key. The CVR number may be left out (the letter
    /// then goes on paper); one that is given is checked as the register of municipalities
    /// checks its own.
    static func problems(_ form: Form) -> [(field: String, key: String)] {
        var problems: [(field: String, key: String)] = []
        if form.name.isEmpty || form.name.count > 100 { problems.append(("name", "swapLetterErrorName")) }
        if !form.cvr.isEmpty, let key = MunicipalitiesController.cvrProblem(form.cvr, saved: nil) {
            problems.append(("cvr", key))
        }
        if let problem = FieldError.requiredText(form.street, max: 100, "swapLetterErrorStreet") {
            problems.append(("street", problem))
        }
        if form.postalCode.count != 4 || !form.postalCode.allSatisfy(\.isASCIIDigit) {
            problems.append(("postalCode", "municipalityErrorPostalCode"))
        }
        if let problem = FieldError.requiredText(form.city, max: 60, "municipalityErrorCity") {
            problems.append(("city", problem))
        }
        return problems
    }

    static func recipient(_ form: Form) -> MunicipalityNotice.Recipient {
        MunicipalityNotice.Recipient(
            name: form.name,
            cvr: form.cvr.isEmpty ? nil : form.cvr,
            lines: [form.street, "\(form.postalCode) \(form.city)"]
        )
    }

    /// The letter, in Danish (to a Danish landlord): who wants to swap which homes from when, who
    /// moves into the landlord's home, that a swap needs its yes, and by when to answer, quoting
    /// the case number.
    static func letter(_ row: SwapCard.Row, caseNumber: String, today: LocalDate) -> GeneralLetter {
        let applicant = "\(row.filer_given_name) \(row.filer_family_name)"
        let persons = row.outgoing_persons == 1 ? "1 person" : "\(row.outgoing_persons) personer"
        let answerBy = SwapRules().otherLandlordAnswerBy(writtenOn: today)
        var paragraphs = [
            "Jeres lejer \(row.other_tenant), \(row.other_address), og vores lejer \(applicant), \(row.ownAddress), har søgt om at bytte bolig fra \(row.swapDay.map { DateText.long($0, .da) } ?? row.swap_date)."
        ]
        if let signed = row.other_signed_at {
            paragraphs.append(
                "\(row.other_tenant) har skrevet under på ansøgningen med MitID den \(DateText.short(LocalDate(signed, timeZone: danishTimeZone), .da))."
            )
        }
        paragraphs += [
            "Med byttet flytter \(applicant) ind i jeres bolig. Der flytter i alt \(persons) ind.",
            "Et boligbytte kræver, at begge udlejere siger ja (almenlejelovens § 69). Vil I svare os senest \(DateText.long(answerBy, .da)), om I siger ja eller nej til byttet? Siger I nej, så skriv gerne hvorfor.",
            "Skriv vores sagsnummer \(caseNumber) i svaret. I kan svare med Digital Post eller med brev.",
        ]
        return GeneralLetter(
            subject: MarkupText("Boligbytte: \(row.other_address) – vi beder om jeres svar"),
            paragraphs: paragraphs.map { MarkupText($0) }
        )
    }

    private static func render(
        _ req: Request,
        _ caseFile: CaseFile,
        _ row: SwapCard.Row,
        form: Form,
        problems: [(field: String, key: String)],
        preview: Bool
    ) async throws -> View {
        let language = req.language
        let strings = Strings.table(language)
        let caseID = try caseFile.requireID()
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.field, strings[$0.key] ?? "") },
            labelKey: { "swapLetterField_\($0)" },
            strings
        )
        let summary = strings.filled(
            "swapLetterSummary",
            [
                "tenant": row.other_tenant, "home": row.other_address,
                "applicant": "\(row.filer_given_name) \(row.filer_family_name)", "from": row.ownAddress,
            ]
        )
        var shown: Preview?
        if preview {
            let letter = letter(row, caseNumber: caseFile.number, today: req.today)
            let recipient = recipient(form)
            shown = Preview(
                envelope: [recipient.name] + recipient.lines,
                channel: recipient.cvr.map { strings.filled("swapLetterByDigitalPost", ["cvr": $0]) }
                    ?? strings["swapLetterByPost"] ?? "",
                subject: letter.subject.raw,
                paragraphs: letter.paragraphs.map(\.raw)
            )
        }
        return try await req.view.render(
            "swap-landlord-letter",
            Context(
                page: await PageChrome.make(for: req, title: strings["swapLetterTitle"] ?? ""),
                caseHref: SiteRoute.staffCase(caseID).path + "#bytte",
                caseNumber: caseFile.number,
                summary: summary,
                action: SiteRoute.staffSwapLandlordLetter(caseID).path,
                step: preview ? "preview" : "form",
                form: form,
                errors: errors,
                errorList: errorList,
                preview: shown
            )
        )
    }
}
