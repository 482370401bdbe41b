import Fluent
import Vapor

/// "Mine indstillinger" (`/admin/mine-indstillinger`, every member of staff): who they are in
/// Almen, and whether the morning's reminder of cases due comes by e-mail (`StaffReminders`).
/// Name, e-mail and role are an administrator's to change (`/admin/medarbejdere`).
enum StaffSettingsController {
    struct Context: Encodable {
        let page: PageChrome
        let name: String
        let email: String
        let role: String
        /// The choice as shown (neither, after a form that chose nothing).
        let remindersOn: Bool
        let remindersOff: Bool
        let error: String?
        let errorList: [FieldError]
        /// Said when no mail server is set up: then nothing is sent either way.
        let noMail: Bool
        let notice: String?
        let action: String
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.staff)
        guard let staff = try await StaffUser.find(principal.id, on: req.db) else { throw Abort(.notFound) }
        let notice = req.query[String.self, at: "besked"] == "gemt" ? "staffSettingsSaved" : nil
        return try await render(req, staff, choice: staff.reminders ? "ja" : "nej", problem: nil, notice: notice)
    }

    @Sendable
    static func save(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.staff)
        guard let staff = try await StaffUser.find(principal.id, on: req.db) else { throw Abort(.notFound) }
        struct Form: Decodable { var reminders: String? }
        let choice = (try? req.content.decode(Form.self))?.reminders ?? ""
        guard choice == "ja" || choice == "nej" else {
            return try await render(req, staff, choice: "", problem: "staffSettingsErrorReminders", notice: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        if staff.reminders != (choice == "ja") {
            staff.reminders = choice == "ja"
            try await staff.update(on: req.db)
        }
        return req.redirect(to: SiteRoute.staffSettings.path(query: [("besked", "gemt")]))
    }

    static func render(
        _ req: Request,
        _ staff: StaffUser,
        choice: String,
        problem: String?,
        notice: String?
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (atField, summary) = FieldError.collect(
            problem.map { [("reminders", strings[$0] ?? "")] } ?? [],
            labelKey: { _ in "staffSettingsReminders" },
            strings
        )
        return try await req.view.render(
            "staff-settings",
            Context(
                page: await PageChrome.make(for: req, title: strings["staffSettingsTitle"] ?? ""),
                name: staff.name,
                email: staff.email,
                role: strings["staffRole_\(staff.role.rawValue)"] ?? "",
                remindersOn: choice == "ja",
                remindersOff: choice == "nej",
                error: atField["reminders"],
                errorList: summary,
                noMail: req.application.almenConfig.mail == nil,
                notice: notice.flatMap { strings[$0] },
                action: SiteRoute.staffSettings.path
            )
        )
    }
}
