import AlmenDomain
import Fluent
import Vapor

/// `/mit-hjem/mine-data`: the resident's data in one place: their consents, who has seen their
/// data, a copy of everything (ordered, collected by a job, downloaded once), and a request to
/// correct, delete, restrict or stop using it, which becomes a case answered within a month.
enum MyDataController {
    struct Context: Encodable {
        let page: PageChrome
        let message: String?
        /// A helper acting for the resident: no copy (it holds the CPR number), and the request form
        /// only when the fuldmagt lets them file.
        let acting: Bool
        let mayFile: Bool
        let consentsGiven: Int
        let consentsHref: String
        let insightHref: String
        let powersHref: String
        let export: ExportState
        let request: RequestForm
    }

    struct ExportState: Encodable {
        /// `none`, or a `DataExportStatus`.
        let status: String
        let orderAction: String
        let downloadHref: String?
        let size: String?
        let expires: String?
    }

    struct RequestForm: Encodable {
        let action: String
        let token: String
        let rights: [RightOption]
        let leases: [SelectOption]
        let text: String
        let errors: [String: String]
        let errorList: [FieldError]
        /// The request checked and shown before it is sent, with the form's values hidden.
        var preview: RequestPreview? = nil
        let rightValue: String
        let leaseValue: String
    }

    struct RightOption: Encodable {
        let value: String
        let label: String
        let hint: String
        let checked: Bool
    }

    struct RequestInput: Content {
        var right: String?
        var text: String?
        var lease: String?
        var token: String?
        /// "send" sends it; "edit" brings the form back; anything else shows it first.
        var step: String?
    }

    /// The request as it will be sent, shown before it is.
    struct RequestPreview: Encodable {
        let right: String
        let home: String
        let text: String
        /// "Vi svarer senest 7. januar 2027 …"
        let answer: String
    }

    static let maxText = 4000

    /// What the page shows a resident, in five statements: their consents' facts
    /// (`Consents.facts`, three), their latest copy of their data (`DataExports.latest`) and their
    /// homes, to file a request about.
    struct Page: Sendable {
        let facts: Consents.Facts
        let latest: DataExport?
        let homes: [MyHomePage.Home]

        static func load(
            _ personID: UUID,
            consents: Consents,
            exports: DataExports,
            on database: any Database
        ) async throws -> Page {
            Page(
                facts: try await consents.facts(for: personID),
                latest: try await exports.latest(for: personID),
                homes: try await MyHomePage.homes(of: personID, on: database)
            )
        }
    }

    /// The page of the signed-in resident.
    private static func load(_ req: Request, _ principal: Principal) async throws -> Page {
        try await Page.load(
            principal.id,
            consents: req.application.consents,
            exports: req.application.dataExports,
            on: req.db
        )
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let message = req.queryValue("besked")
        let strings = Strings.table(req.language)
        return try await render(
            req,
            principal,
            try await load(req, principal),
            message: message.flatMap { ["kopi", "hentet"].contains($0) ? strings["myDataExportOrdered"] : nil },
            input: RequestInput(),
            problems: []
        )
    }

    static func render(
        _ req: Request,
        _ principal: Principal,
        _ page: Page,
        message: String?,
        input: RequestInput,
        problems: [(String, String)],
        preview: RequestPreview? = nil
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (facts, latest, homes) = (page.facts, page.latest, page.homes)
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { "myDataRequestField_\($0)" },
            strings
        )
        let status = latest?.status.rawValue ?? "none"
        return try await req.view.render(
            "my-data",
            Context(
                page: await PageChrome.make(for: req, title: strings["myDataTitle"] ?? ""),
                // "We are collecting it" only while it is; a reload later shows the copy's state alone.
                message: message == strings["myDataExportOrdered"] && latest?.status != .queued ? nil : message,
                acting: principal.acting != nil,
                mayFile: principal.acting?.mayFile ?? true,
                consentsGiven: facts.kinds.filter {
                    [.given, .recordedByAdministration].contains(Consents.state($0.code, facts))
                }
                .count,
                consentsHref: SiteRoute.myConsents.path,
                insightHref: SiteRoute.myAuditTrail.path,
                powersHref: SiteRoute.myPowers.path,
                export: ExportState(
                    status: status,
                    orderAction: SiteRoute.myDataExport.path,
                    downloadHref: latest?.status == .ready
                        ? latest?.id.map { SiteRoute.myDataExportFile($0).path } : nil,
                    size: latest?.status == .ready ? FileSize.text(latest?.byteCount ?? 0, req.language) : nil,
                    expires: latest?.expiresAt.map { DateText.timestamp($0, req.language) }
                ),
                request: RequestForm(
                    action: SiteRoute.myDataRequest.path,
                    token: input.token ?? req.application.dependencies.uuid().uuidString,
                    rights: DataSubjectRight.requested.map {
                        RightOption(
                            value: $0.rawValue,
                            label: strings["dataRight_\($0.rawValue)"] ?? "",
                            hint: strings["dataRightHint_\($0.rawValue)"] ?? "",
                            checked: input.right == $0.rawValue
                        )
                    },
                    leases: homes.map {
                        SelectOption(
                            value: $0.lease_id.lowercasedString,
                            label: "\($0.addressLine), \($0.organisation_name)",
                            selected: input.lease == $0.lease_id.lowercasedString
                        )
                    },
                    text: input.text ?? "",
                    errors: errors,
                    errorList: errorList,
                    preview: preview,
                    rightValue: input.right ?? "",
                    leaseValue: input.lease ?? ""
                )
            )
        )
    }

    /// Orders a copy; a second order while one is collected is the same copy.
    @Sendable
    static func orderExport(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        _ = try await req.application.dataExports.order(for: principal.id)
        return req.redirect(to: SiteRoute.myData.path(query: [("besked", "kopi")]), redirectType: .normal)
    }

    /// The copy, once: a second download (or another's id) is told the copy is gone.
    @Sendable
    static func download(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        guard let id = req.parameters.get("exportID", as: UUID.self) else { throw Abort(.notFound) }
        guard let zip = try await req.application.dataExports.download(id, by: principal.id) else {
            let strings = Strings.table(req.language)
            return try await render(
                req,
                principal,
                try await load(req, principal),
                message: strings["myDataExportGone"],
                input: RequestInput(),
                problems: []
            )
            .encodeResponse(status: .gone, for: req)
        }
        try await req.audit.record(
            .dataExportDownload,
            subjectKind: .dataExport,
            subjectID: id,
            dataSubjectID: principal.id,
            purpose: AuditPurpose("residentOwnCopy")
        )
        let response = Response(status: .ok, body: .init(data: zip))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "zip")
        let day = LocalDate(req.application.dependencies.now(), timeZone: danishTimeZone).iso
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"mine-oplysninger-\(day).zip\""
        )
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// A request about the resident's data: a case for the lease's organisation with its answer
    /// due a month after today, and a receipt letter that names that day.
    @Sendable
    static func request(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let input = try req.content.decode(RequestInput.self)
        let homes = try await MyHomePage.homes(of: principal.id, on: req.db)
        var problems: [(String, String)] = []
        let right = input.right.flatMap(DataSubjectRight.init(rawValue:)).flatMap {
            DataSubjectRight.requested.contains($0) ? $0 : nil
        }
        if right == nil { problems.append(("right", "myDataRequestErrorRight")) }
        let text = StaffCasesController.lineFeeds(input.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > maxText { problems.append(("text", "myDataRequestErrorText")) }
        let home =
            homes.count == 1
            ? homes.first : homes.first { $0.lease_id.lowercasedString == input.lease?.lowercased() }
        if home == nil, !homes.isEmpty { problems.append(("lease", "myDataRequestErrorLease")) }
        guard let right, let home, problems.isEmpty, let token = input.token, UUID(uuidString: token) != nil else {
            return try await render(
                req,
                principal,
                try await load(req, principal),
                message: nil,
                input: input,
                problems: problems
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        }
        if let existing = try await DataRequest.query(on: req.db).filter(\.$submissionToken == token).first() {
            return req.redirect(to: SiteRoute.myCase(existing.caseID).path, redirectType: .normal)
        }
        let dependencies = req.application.dependencies
        let received = LocalDate(dependencies.now(), timeZone: danishTimeZone)
        let answerBy = DataSubjectRequestDeadline.answerBy(received: received)
        // Shown first, as it will be sent; "Ret" brings the form back filled in.
        guard input.step == "send" else {
            let words = Strings.table(req.language)
            let shown =
                input.step == "edit"
                ? nil
                : RequestPreview(
                    right: words["dataRight_\(right.rawValue)"] ?? "",
                    home: "\(home.addressLine), \(home.organisation_name)",
                    text: text,
                    answer: words.filled("myDataRequestAnswerBy", ["date": DateText.long(answerBy, req.language)])
                )
            return try await render(
                req,
                principal,
                try await load(req, principal),
                message: nil,
                input: input,
                problems: [],
                preview: shown
            ).encodeResponse(for: req)
        }
        let strings = Strings.danish
        let cases = req.application.cases
        let letters = req.application.letters()
        let number = try await cases.reserveNumber()
        let label = strings["dataRight_\(right.rawValue)"] ?? ""
        let title = BilingualWords(key: "caseTitle_dataRequest") { language in
            ["right": (Strings.table(language)["dataRight_\(right.rawValue)"] ?? "").lowercased()]
        }
        let receipt = try await letters.prepare(
            GeneralLetter(
                subject: MarkupText("Kvittering: din anmodning om dine oplysninger"),
                paragraphs: [
                    "Vi har modtaget din anmodning: \(label.lowercased()).",
                    "Din sag har nummer \(number). Nævn nummeret, hvis du kontakter os om den.",
                    "Du skrev: \(text)",
                    "Vi svarer senest \(DateText.long(answerBy, .da)), en måned efter vi modtog anmodningen, som databeskyttelsesforordningen kræver. Du kan følge sagen under Mine sager på Almen.",
                    // What they wrote keeps its paragraphs; the rest are a line each.
                ].map { MarkupText(paragraphs: $0) }
            ),
            to: principal.id,
            lease: home.lease_id,
            inCase: "\(number)"
        )
        do {
            let caseID = try await req.db.transaction { db -> UUID in
                let caseFile = try await cases.open(
                    .dataRequest,
                    title: title.danish,
                    titleEnglish: title.english,
                    organisationID: home.organisation_id,
                    leaseID: nil,
                    others: [principal.id],
                    openedBy: nil,
                    number: number,
                    on: db
                )
                let caseID = try caseFile.requireID()
                // About the chosen lease, so staff can answer by letter; but only the requester is
                // party (a tenant of it when they are), never the co-tenants.
                try await db.sql().raw("UPDATE cases SET lease_id = \(bind: home.lease_id) WHERE id = \(bind: caseID)")
                    .run()
                try await db.sql().raw(
                    """
                    UPDATE case_parties SET role = \(bind: CasePartyRole.tenant.rawValue)
                    WHERE case_id = \(bind: caseID) AND person_id = \(bind: principal.id) AND EXISTS (
                      SELECT 1 FROM lease_tenants t WHERE t.lease_id = \(bind: home.lease_id) AND t.person_id = \(bind: principal.id))
                    """
                ).run()
                try await CaseDeadlineRecord(
                    id: dependencies.uuid(),
                    caseID: caseID,
                    deadline: CaseDeadline(kind: .answer, due: answerBy),
                    now: dependencies.now()
                ).create(on: db)
                let request = DataRequest()
                request.id = dependencies.uuid()
                request.caseID = caseID
                request.personID = principal.id
                request.right = right
                request.text = text
                request.receivedOn = received.iso
                request.answerBy = answerBy.iso
                request.submissionToken = token
                request.createdAt = dependencies.now()
                try await request.create(on: db)
                try await letters.send(receipt, createdBy: nil, caseID: caseID, on: db)
                try await req.audit.record(
                    .dataRequestOpen,
                    subjectKind: .case,
                    subjectID: caseID,
                    dataSubjectID: principal.id,
                    purpose: AuditPurpose("residentDataRequest"),
                    on: db
                )
                return caseID
            }
            return req.redirect(
                to: SiteRoute.myCase(caseID).path(query: [("besked", "persondata")]),
                redirectType: .normal
            )
        } catch {
            if let existing = try await DataRequest.query(on: req.db).filter(\.$submissionToken == token).first() {
                return req.redirect(to: SiteRoute.myCase(existing.caseID).path, redirectType: .normal)
            }
            throw error
        }
    }
}
