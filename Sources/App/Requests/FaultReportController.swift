import AlmenDomain
import Fluent
import Vapor

/// `/mit-hjem/lejemaal/{id}/fejl`: a resident reports a fault (fejlmelding, Beboerservice) in
/// their home or a common area: where, what, whether staff may let themselves in with the master
/// key, and up to five photos (JPEG or PNG by content, at most 10 MB each, location data
/// removed). The form goes to a preview first (`step=preview`), which holds the photos with the
/// form (`HeldUploads`) and carries the rest in hidden fields; from there the resident sends it
/// or corrects it (`step=edit`). Sending opens a fault-report case with a receipt letter that
/// names the answer date; every step checks the form again, and the same form sent twice makes
/// one report. A post without a step sends.
enum FaultReportController {
    struct Context {
        let page: PageChrome
        let address: String
        let leaseHref: String
        let action: String
        let token: String
        let homeLocations: [SelectOption]
        let commonLocations: [SelectOption]
        let form: Values
        let errors: [String: String]
        let errorList: [FieldError]
        let maxPhotos: Int
        /// Whom to ring when it is urgent: the department's service centre by name, and its
        /// number with a `tel:` link, when they are known.
        let serviceName: String?
        let servicePhone: String?
        let servicePhoneHref: String?
        /// The form checked and held, to be looked through before it is sent; nil on the form.
        let preview: Preview?
    }

    /// What the preview lists, in the page's language.
    struct Preview {
        let place: String
        /// The answer about the master key in words; nil for a fault outside the home.
        let masterKey: String?
        /// When we answer at the latest ("torsdag den 17. december 2026"), when a target is set.
        let answerBy: String?
    }

    struct Values {
        var location = ""
        var description = ""
        /// "ja", "nej" or "" (not answered, or a fault outside the home, where it is not asked).
        var masterKey = ""
        /// Photos were chosen for the refused form that could not be kept (their own problem):
        /// they must be chosen again.
        var photosChosen = false
        /// The photos held for the form (`HeldUploads`), each with its tick.
        var held: [HeldFileRow] = []
    }

    struct Input: Content {
        var location: String?
        var description: String?
        var masterKey: String?
        var photos: [File]?
        /// The held photos still ticked.
        var kept: [String]?
        var token: String?
        /// "preview" from the form, "send" or "edit" from the preview; none sends.
        var step: String?
    }

    static let maxPhotos = 5
    static let maxDescription = 2000

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.resident)
        let (leaseID, lease) = try await load(req, principal)
        return try await render(req, leaseID, lease, values: Values(), problems: [], token: nil, preview: nil)
    }

    static func load(_ req: Request, _ principal: Principal) async throws -> (UUID, MyHomePage.Lease) {
        guard let leaseID = req.parameters.get("leaseID", as: UUID.self),
            let lease = try await MyHomePage.lease(leaseID, of: principal.id, on: req.db)
        else { throw Abort(.notFound) }
        return (leaseID, lease)
    }

    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.resident)
        let (leaseID, lease) = try await load(req, principal)
        let input = try await req.decodeForm(Input.self)
        let location = FaultLocation(rawValue: input.location ?? "")
        // A form that came back keeps its token, and with it the photos held for it.
        let token = input.token.flatMap { UUID(uuidString: $0)?.lowercasedString }
        // A form that was sent already (a second click, or back to the preview and on): its
        // report, before anything is checked (its held photos went with it).
        if let token, let existing = try await FaultReport.query(on: req.db).filter(\.$submissionToken == token).first()
        {
            return req.redirect(to: SiteRoute.myCase(existing.caseID).path, redirectType: .normal)
        }
        let held = try await HeldUploads.list(person: principal.id, token: token, on: req.db)
        var values = Values(
            location: input.location ?? "",
            description: (input.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            // Only a fault in the home asks about the master key: an answer left ticked after
            // choosing a common area is not kept.
            masterKey: location?.inHome == false ? "" : input.masterKey ?? ""
        )
        var problems: [(String, String)] = []
        if location == nil { problems.append(("location", "faultErrorLocation")) }
        if let problem = FieldError.requiredText(values.description, max: maxDescription, "faultErrorDescription") {
            problems.append(("description", problem))
        }
        // Asked for a fault in the home, and when no place is chosen yet, so that a form sent
        // empty names every question at once (a common area's fault then leaves it unanswered).
        if location?.inHome != false, !["ja", "nej"].contains(values.masterKey) {
            problems.append(("masterKey", location == nil ? "faultErrorMasterKeyHome" : "faultErrorMasterKey"))
        }
        var files = FormFiles(held: held, kind: .photo, ticked: input.kept)
        switch UploadedPhotos.check(input.photos, limit: maxPhotos - files.kept.count) {
        case .success(let checked): files.chosen = HeldUploads.chosen(input.photos, checked: checked)
        case .failure(let problem):
            problems.append(("photos", problem.rawValue))
            values.photosChosen = true
        }
        if !problems.contains(where: { $0.0 == "photos" }), HeldUploads.gone(held: held, ticked: input.kept) {
            problems.append(("photos", "heldErrorGone"))
        }
        guard let location, problems.isEmpty, let token else {
            if let token {
                let kept = try await HeldUploads.keep(
                    [(files, .photo)],
                    held: held,
                    person: principal.id,
                    token: token,
                    dependencies: req.application.dependencies,
                    on: req.db
                )
                values.held = HeldFileRow.rows(kept, kind: .photo, req.language)
            }
            return try await render(req, leaseID, lease, values: values, problems: problems, token: token, preview: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let dependencies = req.application.dependencies
        let opened = LocalDate(dependencies.now(), timeZone: danishTimeZone)
        let answerBy = try await CaseDeadlines.target(for: .faultReport, on: req.db).deadlines(opened: opened)
            .first { $0.kind == .answer }?.due
        if input.step == "preview" || input.step == "edit" {
            // The photos chosen now are held with the form: the preview lists them and its send
            // (or the form again) ticks them.
            let kept = try await HeldUploads.keep(
                [(files, .photo)],
                held: held,
                person: principal.id,
                token: token,
                dependencies: dependencies,
                on: req.db
            )
            values.held = HeldFileRow.rows(kept, kind: .photo, req.language)
            let strings = Strings.table(req.language)
            let preview =
                input.step == "edit"
                ? nil
                : Preview(
                    place: strings["faultLocation_\(location.rawValue)"] ?? "",
                    masterKey: location.inHome
                        ? strings[values.masterKey == "ja" ? "faultMasterKeyYes" : "faultMasterKeyNo"] : nil,
                    answerBy: answerBy.map { DateText.long($0, req.language) }
                )
            return try await render(req, leaseID, lease, values: values, problems: [], token: token, preview: preview)
                .encodeResponse(for: req)
        }
        let cleaned = try await files.contents(kind: .photo, person: principal.id, token: token, on: req.db)
        let strings = Strings.danish
        let place = strings["faultLocation_\(location.rawValue)"] ?? ""
        let letters = req.application.letters()
        let cases = req.application.cases
        let number = try await cases.reserveNumber()
        let receipt = try await letters.prepare(
            receiptLetter(
                place: place,
                values: values,
                photos: cleaned.count,
                lease: lease,
                answerBy: answerBy,
                number: number
            ),
            to: principal.id,
            lease: leaseID,
            inCase: "\(number)"
        )
        let title = BilingualWords(key: "caseTitle_faultReport") { language in
            [
                "place": Strings.table(language)["faultLocation_\(location.rawValue)"] ?? "",
                "address": lease.addressLine,
            ]
        }
        let reportID = dependencies.uuid()
        let (description, masterKey) = (values.description, values.masterKey == "ja")
        do {
            let caseID = try await req.db.transaction { db -> UUID in
                let caseFile = try await cases.open(
                    .faultReport,
                    title: title.danish,
                    titleEnglish: title.english,
                    organisationID: lease.organisation_id,
                    leaseID: leaseID,
                    openedBy: nil,
                    number: number,
                    on: db
                )
                let caseID = try caseFile.requireID()
                let report = FaultReport()
                report.id = reportID
                report.caseID = caseID
                report.leaseID = leaseID
                report.filedBy = principal.id
                report.location = location
                report.description = description
                report.masterKey = masterKey
                report.submissionToken = token
                report.createdAt = dependencies.now()
                try await report.create(on: db)
                try await UploadedPhotos.store(cleaned, caseID: caseID, dependencies: dependencies, on: db)
                try await HeldUploads.release(person: principal.id, token: token, on: db)
                try await letters.send(receipt, createdBy: nil, caseID: caseID, on: db)
                return caseID
            }
            return req.redirect(to: SiteRoute.myCase(caseID).path(query: [("besked", "fejl")]), redirectType: .normal)
        } catch {
            // The same form sent twice at once: the token lets one through; that one answers.
            if let existing = try await FaultReport.query(on: req.db).filter(\.$submissionToken == token).first() {
                return req.redirect(to: SiteRoute.myCase(existing.caseID).path, redirectType: .normal)
            }
            throw error
        }
    }

    static func receiptLetter(
        place: String,
        values: Values,
        photos: Int,
        lease: MyHomePage.Lease,
        answerBy: LocalDate?,
        number: CaseNumber
    ) -> GeneralLetter {
        var paragraphs = [
            "Vi har modtaget din fejlmelding om \(lease.addressLine). Fejlen er her: \(place.lowercased()).",
            "Din sag har nummer \(number). Nævn nummeret, hvis du kontakter os om fejlen.",
            "Du skrev: \(values.description)",
        ]
        if photos > 0 { paragraphs.append("Du sendte \(photos) \(photos == 1 ? "billede" : "billeder") med.") }
        switch values.masterKey {
        case "ja": paragraphs.append("Du har givet os lov til at låse os ind med hovednøglen, hvis du ikke er hjemme.")
        case "nej": paragraphs.append("Vi låser os ikke ind uden dig. Vi aftaler et tidspunkt med dig.")
        default: break
        }
        if let answerBy {
            paragraphs.append(
                "Vi vender tilbage senest \(DateText.long(answerBy, .da)). Du kan følge sagen under Mine sager på Almen."
            )
        }
        return GeneralLetter(
            subject: MarkupText("Kvittering: fejlmelding, \(lease.addressLine)"),
            // What they wrote keeps its paragraphs; the rest are a line each.
            paragraphs: paragraphs.map { MarkupText(paragraphs: $0) }
        )
    }

    static func render(
        _ req: Request,
        _ leaseID: UUID,
        _ lease: MyHomePage.Lease,
        values: Values,
        problems: [(String, String)],
        token: String?,
        preview: Preview?
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { "faultField_\($0)" },
            strings
        )
        let options = { (inHome: Bool) in
            FaultLocation.allCases.filter { $0.inHome == inHome }.map {
                SelectOption(
                    value: $0.rawValue,
                    label: strings["faultLocation_\($0.rawValue)"] ?? "",
                    selected: $0.rawValue == values.location
                )
            }
        }
        let phone = MyHomeController.given(lease.service_phone)
        let context = Context(
            page: await PageChrome.make(for: req, title: strings["faultTitle"] ?? ""),
            address: "\(lease.addressLine), \(lease.postal_code) \(lease.city)",
            leaseHref: SiteRoute.myLease(leaseID).path,
            action: SiteRoute.myFaultReport(leaseID).path,
            token: token ?? req.application.dependencies.uuid().lowercasedString,
            homeLocations: options(true),
            commonLocations: options(false),
            form: values,
            errors: errors,
            errorList: errorList,
            maxPhotos: maxPhotos,
            serviceName: MyHomeController.given(lease.service_name),
            servicePhone: phone,
            servicePhoneHref: phone.map(MyHomeController.phoneLink),
            preview: preview
        )
        return CompiledView.view(context.page, body: context.body(HTMLText(req.language)))
    }
}
