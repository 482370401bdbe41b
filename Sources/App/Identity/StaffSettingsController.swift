import Fluent
import Vapor

/// "Mine indstillinger" (`/admin/mine-indstillinger`, every member of staff): who they are in
/// Almen, whether the morning's reminder of cases due comes by e-mail (`StaffReminders`), and
/// their language: the reminders' and the back office's (set as the `lang` cookie when saved and
/// at each login; the header's switch still changes it for the browser).
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
        /// The reminders' language as shown.
        let danish: Bool
        let english: Bool
        let error: String?
        let languageError: String?
        let errorList: [FieldError]
        /// Said when no mail server is set up: then nothing is sent either way.
        let noMail: Bool
        let notice: String?
        let action: String
    }

    /// What the page shows: the member of staff. One statement; nil for one who is gone.
    struct Page: Sendable {
        let staff: StaffUser

        static func load(_ id: UUID, on database: any Database) async throws -> Page? {
            try await StaffUser.find(id, on: database).map(Page.init(staff:))
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        let principal = try req.requirePrincipal(.staff)
        guard let staff = try await Page.load(principal.id, on: req.db)?.staff else { throw Abort(.notFound) }
        let notice = req.queryValue("besked") == "gemt" ? "staffSettingsSaved" : nil
        let choice = Choice(reminders: staff.reminders ? "ja" : "nej", language: staff.reminderLanguage)
        return try await render(req, staff, choice: choice, problems: [], notice: notice)
    }

    /// The form as sent (or as stored): "ja" or "nej", and "da" or "en".
    struct Choice: Decodable {
        var reminders: String?
        var language: String?
    }

    @Sendable
    static func save(_ req: Request) async throws -> Response {
        let principal = try req.requirePrincipal(.staff)
        guard let staff = try await StaffUser.find(principal.id, on: req.db) else { throw Abort(.notFound) }
        let choice = (try? req.content.decode(Choice.self)) ?? Choice()
        var problems: [(String, String)] = []
        if choice.reminders != "ja" && choice.reminders != "nej" {
            problems.append(("reminders", "staffSettingsErrorReminders"))
        }
        if Language(rawValue: choice.language ?? "") == nil {
            problems.append(("language", "staffSettingsErrorLanguage"))
        }
        guard problems.isEmpty else {
            return try await render(req, staff, choice: choice, problems: problems, notice: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let (reminders, language) = (choice.reminders == "ja", choice.language ?? "da")
        if staff.reminders != reminders || staff.reminderLanguage != language {
            staff.reminders = reminders
            staff.reminderLanguage = language
            try await staff.update(on: req.db)
        }
        let response = req.redirect(to: SiteRoute.staffSettings.path(query: [("besked", "gemt")]))
        // The back office speaks it from the next page on.
        if let chosen = Language(rawValue: language) {
            response.cookies["lang"] = LanguageMiddleware.cookie(chosen, for: req)
        }
        return response
    }

    static func render(
        _ req: Request,
        _ staff: StaffUser,
        choice: Choice,
        problems: [(String, String)],
        notice: String?
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (atField, summary) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { $0 == "language" ? "staffSettingsLanguage" : "staffSettingsReminders" },
            strings
        )
        return try await req.view.render(
            "staff-settings",
            Context(
                page: await PageChrome.make(for: req, title: strings["staffSettingsTitle"] ?? ""),
                name: staff.name,
                email: staff.email,
                role: strings["staffRole_\(staff.role.rawValue)"] ?? "",
                remindersOn: choice.reminders == "ja",
                remindersOff: choice.reminders == "nej",
                danish: choice.language == Language.da.rawValue,
                english: choice.language == Language.en.rawValue,
                error: atField["reminders"],
                languageError: atField["language"],
                errorList: summary,
                noMail: req.application.almenConfig.mail == nil,
                notice: notice.flatMap { strings[$0] },
                action: SiteRoute.staffSettings.path
            )
        )
    }
}
