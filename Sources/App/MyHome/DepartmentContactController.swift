import Fluent
import Vapor

/// Staff keep a department's service centre (ejendomskontor) up to date: its name, phone,
/// e-mail and opening hours, which its residents see under "Kontakt" on "Mit hjem".
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
    }

    struct Form: Content {
        var name: String?
        var phone: String?
        var email: String?
        var hours: String?
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
        let notice = req.query[String.self, at: "besked"] == "gemt" ? Strings.table(req.language)["contactSaved"] : nil
        return try await render(req, department, organisation, form: form, problems: [], notice: notice)
    }

    @Sendable
    static func save(_ req: Request) async throws -> Response {
        let (department, organisation) = try await find(req)
        let form = try req.content.decode(Form.self)
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
        notice: String?
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
                    ("organisation", organisation.id.uuidString.lowercased())
                ]),
                form: form,
                errors: errors,
                errorList: errorList,
                notice: notice
            )
        )
    }

    /// The department, if its organisation is in the member of staff's scope (a 404 otherwise).
    static func find(_ req: Request) async throws -> (Department, FrontPageController.OrganisationItem) {
        let (_, scope) = try await req.requireStaffScope()
        guard let id = req.parameters.get("departmentID", as: UUID.self),
            let department = try await Department.find(id, on: req.db),
            scope.contains(department.$organisation.id),
            let organisation = try await req.application.registerSummary.organisations(on: req.db)
                .first(where: { $0.id == department.$organisation.id })
        else { throw Abort(.notFound) }
        return (department, organisation)
    }
}
