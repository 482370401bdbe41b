import AlmenDomain
import Fluent
import Vapor

/// Staff keep a department's service centre (ejendomskontor) up to date: its name, phone,
/// e-mail and opening hours, which its residents see under "Kontakt" on "Mit hjem". The same page
/// keeps the department's share of normal repairs at a move-out (its vedligeholdelsesreglement),
/// which the move-out settlement starts from.
enum DepartmentContactController {
    struct Context: Encodable {
        let page: PageChrome
        let heading: String
        let action: String
        let backHref: String
        let form: Form
        let errors: [String: String]
        let errorList: [FieldError]
        let notice: String?
        /// The share per month as typed or saved ("1,5"); empty for the standard.
        let share: String
        /// Said at the share's own form, where the page lands after saving it.
        let shareNotice: String?
    }

    struct Form: Content {
        var name: String?
        var phone: String?
        var email: String?
        var hours: String?
        /// "share" for the repair share's form.
        var section: String?
        var share: String?
    }

    /// A share in basis points as a form shows it: "1", "0,5", "1,25".
    static func shareText(_ basisPoints: Int, _ language: Language = .da) -> String {
        SettlementAnswer.percent(basisPoints, language).replacingOccurrences(of: " %", with: "")
    }

    /// The share for the audit log, in each language's numbers.
    private static func share(_ basisPoints: Int) -> AuditPurpose.Value {
        .each { shareText(basisPoints, $0) }
    }

    @Sendable
    static func edit(_ req: Request) async throws -> View {
        let (department, organisation) = try await find(req)
        let form = Form(
            name: department.serviceName,
            phone: department.servicePhone,
            email: department.serviceEmail,
            hours: department.serviceHours
        )
        let strings = Strings.table(req.language)
        let notice: String? =
            switch req.queryValue("besked") {
            case "gemt": strings["contactSaved"]
            default: nil
            }
        let shareNotice =
            req.queryValue("besked") == "andel"
            ? strings[department.repairShareBasisPoints == nil ? "contactShareStandard" : "contactShareSaved"] : nil
        return try await render(
            req,
            department,
            organisation,
            form: form,
            problems: [],
            notice: notice,
            shareNotice: shareNotice
        )
    }

    /// Saves the department's share of normal repairs: a percentage from 0 to 100, empty for the
    /// standard. Audited: it decides what tenants pay.
    static func saveShare(
        _ req: Request,
        _ department: Department,
        _ organisation: FrontPageController.OrganisationItem,
        form: Form
    ) async throws -> Response {
        let principal = try req.requirePrincipal(.staff)
        let typed = clean(form.share).replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)
        // Empty is the standard (nil); anything else must be a percentage.
        let saved: Int?
        do {
            saved = try RulesInput.percent(typed, field: "share")
        } catch {
            return try await render(
                req,
                department,
                organisation,
                form: form,
                problems: [("share", "contactErrorShare")],
                notice: nil
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let departmentID = try department.requireID()
        if saved != department.repairShareBasisPoints {
            let before = department.repairShareBasisPoints
            department.repairShareBasisPoints = saved
            let audit = req.audit
            try await req.db.transaction { db in
                try await department.save(on: db)
                try await audit.record(
                    .departmentRepairShare,
                    purpose: AuditPurpose(
                        "repairShare",
                        [
                            "department": "\(department.number)",
                            "share": share(saved ?? MoveOutSettlementRules.defaultSharePerMonthBasisPoints),
                            "before": share(before ?? MoveOutSettlementRules.defaultSharePerMonthBasisPoints),
                        ]
                    ),
                    actor: principal,
                    on: db
                )
            }
        }
        return req.redirect(
            to: SiteRoute.departmentContact(departmentID).path(query: [("besked", "andel")]) + "#andel",
            redirectType: .normal
        )
    }

    @Sendable
    static func save(_ req: Request) async throws -> Response {
        let (department, organisation) = try await find(req)
        let form = try req.content.decode(Form.self)
        if form.section == "share" { return try await saveShare(req, department, organisation, form: form) }
        let (name, phone, email, hours) = (clean(form.name), clean(form.phone), clean(form.email), clean(form.hours))
        var problems: [(String, String)] = []
        if name.count > 120 { problems.append(("name", "contactErrorName")) }
        if !phone.isEmpty, phone.count > 30 || !phone.allSatisfy({ $0.isNumber || " +-".contains($0) }) {
            problems.append(("phone", "contactErrorPhone"))
        }
        if !email.isEmpty, email.count > 200 || !isEmailAddress(email) {
            problems.append(("email", "contactErrorEmail"))
        }
        if hours.count > 1_000 { problems.append(("hours", "contactErrorHours")) }
        if name.isEmpty, !(phone.isEmpty && email.isEmpty && hours.isEmpty) {
            problems.append(("name", "contactErrorNameMissing"))
        }
        guard problems.isEmpty else {
            return try await render(req, department, organisation, form: form, problems: problems, notice: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        department.serviceName = name.isEmpty ? nil : name
        department.servicePhone = phone.isEmpty ? nil : phone
        department.serviceEmail = email.isEmpty ? nil : email
        department.serviceHours = hours.isEmpty ? nil : hours
        try await department.save(on: req.db)
        return req.redirect(
            to: SiteRoute.departmentContact(try department.requireID()).path(query: [("besked", "gemt")]),
            redirectType: .normal
        )
    }

    static func clean(_ text: String?) -> String {
        (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// One "@" with something on both sides and a dot in the domain: enough to catch a typing
    /// mistake; the address is shown as a mailto link, never used to send.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains(where: { $0.isWhitespace || "<>\"'".contains($0) })
    }

    static func render(
        _ req: Request,
        _ department: Department,
        _ organisation: FrontPageController.OrganisationItem,
        form: Form,
        problems: [(String, String)],
        notice: String?,
        shareNotice: String? = nil
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { "contactField_\($0)" },
            strings
        )
        let heading = "\(strings["department"] ?? "") \(department.number) \(department.name)"
        return try await req.view.render(
            "department-contact",
            Context(
                page: await PageChrome.make(for: req, title: "\(strings["contactTitle"] ?? "") – \(heading)"),
                heading: heading,
                action: SiteRoute.departmentContact(try department.requireID()).path,
                backHref: SiteRoute.departmentDocuments.path(query: [
                    ("organisation", organisation.id.lowercasedString)
                ]),
                form: form,
                errors: errors,
                errorList: errorList,
                notice: notice,
                share: form.section == "share"
                    ? form.share ?? "" : department.repairShareBasisPoints.map { shareText($0) } ?? "",
                shareNotice: shareNotice
            )
        )
    }

    /// What the department's page shows: the department, if its organisation is in `scope`. One
    /// statement; nil otherwise (its organisation's name comes from the register summary).
    struct EditPage: Sendable {
        let department: Department

        static func load(_ id: UUID, scope: StaffScope, on database: any Database) async throws -> EditPage? {
            guard let department = try await Department.find(id, on: database),
                scope.contains(department.$organisation.id)
            else { return nil }
            return EditPage(department: department)
        }
    }

    /// The department, if its organisation is in the member of staff's scope (a 404 otherwise),
    /// for the page and its POSTs alike.
    static func find(_ req: Request) async throws -> (Department, FrontPageController.OrganisationItem) {
        let (_, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("departmentID", as: UUID.self),
            let department = try await EditPage.load(id, scope: scope, on: req.db)?.department,
            let organisation = try await req.application.registerSummary.organisations(on: req.db)
                .first(where: { $0.id == department.$organisation.id })
        else { throw Abort(.notFound) }
        return (department, organisation)
    }
}
