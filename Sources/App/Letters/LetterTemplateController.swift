import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// Administrators edit an organisation's copy of a letter template: the text, the fields it may
/// use, a PDF preview with demo data, a check before saving, and every saved version.
enum LetterTemplateController {

    struct KindRow: Encodable {
        let kind: String
        let current: String
        let href: String
    }

    struct ListContext: Encodable {
        let page: PageChrome
        let organisations: [SelectOption]
        let rows: [KindRow]
        let action: String
        /// The chosen organisation's logo: its image, upload and removal.
        let logoHref: String?
        let logoAction: String?
        let logoRemoveAction: String?
        let notice: String?
    }

    struct Version: Encodable {
        let version: Int
        let created: String
        let current: Bool
    }

    struct EditContext: Encodable {
        let page: PageChrome
        let organisation: String
        let kind: String
        let subject: String
        let body: String
        let fields: [String]
        let versions: [Version]
        let basedOn: String
        let action: String
        let backHref: String
        let error: String?
        let notice: String?
    }

    struct Submission: Content {
        var subject: String?
        var body: String?
        var intent: String?
    }

    /// Limits on what an administrator can save (a letter is a few pages).
    static let maxSubject = 500
    static let maxBody = 50_000

    /// What the template list shows: the organisations to choose from (the register summary the
    /// application keeps), the chosen one's newest own version of each kind, and whether it has a
    /// logo. Two statements however many organisations and versions.
    struct Page: Sendable {
        let organisations: [FrontPageController.OrganisationItem]
        let chosen: UUID?
        let latest: [LetterKind: Int]
        let hasLogo: Bool

        static func load(
            organisation asked: UUID?,
            summary: RegisterSummaryCache,
            dependencies: AppDependencies,
            on database: any Database
        ) async throws -> Page {
            let organisations = try await summary.organisations(on: database)
            let chosen =
                asked.flatMap { id in organisations.contains { $0.id == id } ? id : nil }
                ?? organisations.first?.id
            guard let chosen else {
                return Page(organisations: organisations, chosen: nil, latest: [:], hasLogo: false)
            }
            let templates = LetterTemplates(database: database, dependencies: dependencies)
            return Page(
                organisations: organisations,
                chosen: chosen,
                latest: try await templates.latestVersions(organisationID: chosen),
                hasLogo: try await OrganisationLogo.query(on: database).filter(\.$organisation.$id == chosen).count()
                    > 0
            )
        }
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let loaded = try await Page.load(
            organisation: req.queryValue("organisation").flatMap(UUID.init(uuidString:)),
            summary: req.application.registerSummary,
            dependencies: req.application.dependencies,
            on: req.db
        )
        let (chosen, hasLogo) = (loaded.chosen, loaded.hasLogo)
        let rows: [KindRow] =
            chosen.map { chosen in
                LetterKind.allCases.map { kind in
                    KindRow(
                        kind: LetterPresentation.label(kind, strings),
                        current: loaded.latest[kind].map { "\(strings["templateOwnVersion"] ?? "") \($0)" }
                            ?? (strings["templateBuiltIn"] ?? ""),
                        href: SiteRoute.letterTemplate(chosen, kind).path
                    )
                }
            } ?? []
        return try await req.view.render(
            "letter-templates",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["templatesTitle"] ?? ""),
                organisations: loaded.organisations.map {
                    SelectOption(value: $0.id.uuidString, label: $0.name, selected: $0.id == chosen)
                },
                rows: rows,
                action: SiteRoute.letterTemplates.path,
                logoHref: hasLogo ? chosen.map { SiteRoute.organisationLogo($0).path } : nil,
                logoAction: chosen.map { SiteRoute.organisationLogo($0).path },
                logoRemoveAction: hasLogo ? chosen.map { SiteRoute.organisationLogoRemove($0).path } : nil,
                notice: req.queryValue("besked").flatMap { strings["templatesNotice_\($0)"] }
            )
        )
    }

    @Sendable
    static func edit(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        guard let organisationID = req.parameters.get("organisationID", as: UUID.self),
            let kind = req.parameters.get("kind").flatMap(LetterKind.init(rawValue:)),
            let page = try await EditPage.load(
                organisationID,
                kind: kind,
                dependencies: req.application.dependencies,
                on: req.db
            )
        else { throw Abort(.notFound) }
        let strings = Strings.table(req.language)
        let notice = req.queryValue("besked") == "gemt" ? strings["templateSaved"] : nil
        return try await render(
            req,
            page,
            text: LetterTemplateText(subject: page.current.subjectSource, body: page.current.bodySource),
            error: nil,
            notice: notice
        )
    }

    /// What the template editor shows: the organisation, the template in force (its own newest
    /// version, or the built-in text) and a list of its own newest versions (no text). Three
    /// statements however many versions were saved; nil for no such organisation.
    struct EditPage: Sendable {
        /// Saved versions listed, newest first.
        static let versionsShown = 50

        struct Version: Decodable, Sendable {
            let version: Int
            let created_at: Date
        }

        let organisation: HousingOrganisation
        let kind: LetterKind
        let current: LetterTemplate
        let versions: [Version]

        static func load(
            _ organisationID: UUID,
            kind: LetterKind,
            dependencies: AppDependencies,
            on database: any Database
        ) async throws -> EditPage? {
            let sql = try database.sql()
            guard let organisation = try await HousingOrganisation.find(organisationID, on: database) else {
                return nil
            }
            let versions = try await sql.raw(
                """
                SELECT version, created_at FROM letter_templates
                WHERE scope = \(bind: organisationID.lowercasedString) AND kind = \(bind: kind.rawValue)
                ORDER BY version DESC LIMIT \(literal: versionsShown)
                """
            ).rows(decoding: Version.self)
            return EditPage(
                organisation: organisation,
                kind: kind,
                current: try await LetterTemplates(database: database, dependencies: dependencies)
                    .current(kind, organisationID: organisationID),
                versions: versions
            )
        }
    }

    @Sendable
    static func submit(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        let (organisation, kind) = try await find(req)
        let organisationID = try organisation.requireID()
        let submission = try await req.decodeForm(Submission.self)
        let text = LetterTemplateText(
            subject: (submission.subject ?? "").replacingOccurrences(of: "\r\n", with: "\n"),
            body: (submission.body ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        )
        let strings = Strings.table(req.language)
        // The editor again, with what was typed and why it was not saved.
        let refused = { (error: String?) in
            guard
                let page = try await EditPage.load(
                    organisationID,
                    kind: kind,
                    dependencies: req.application.dependencies,
                    on: req.db
                )
            else { throw Abort(.notFound) }
            return try await render(req, page, text: text, error: error, notice: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        guard text.subject.count <= maxSubject, text.body.count <= maxBody else {
            return try await refused(strings["templateTooLong"])
        }
        let preview: Data
        do {
            preview = try await req.letters.previewTemplate(kind, organisationID: organisationID, text: text).pdf
        } catch let error as LetterError {
            let message = error.message(in: req.language)
            return try await refused(message)
        }
        if submission.intent == "preview" {
            return LetterPresentation.pdfResponse(preview, filename: "skabelon-eksempel.pdf")
        }
        try req.requireRecentAuthentication(principal, returnTo: SiteRoute.letterTemplate(organisationID, kind).path)
        let saved = try await LetterTemplates(database: req.db, dependencies: req.application.dependencies)
            .save(kind, organisationID: organisationID, text: text, createdBy: principal.id)
        try await req.audit.record(
            .letterTemplateSave,
            subjectKind: .letterTemplate,
            subjectID: try saved.requireID(),
            purpose: AuditPurpose("letterTemplate"),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.letterTemplate(organisationID, kind).path(query: [("besked", "gemt")]),
            redirectType: .normal
        )
    }

    static func render(
        _ req: Request,
        _ page: EditPage,
        text: LetterTemplateText,
        error: String?,
        notice: String?
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let (organisation, kind, versions) = (page.organisation, page.kind, page.versions)
        let organisationID = try organisation.requireID()
        return try await req.view.render(
            "letter-template",
            EditContext(
                page: await PageChrome.make(
                    for: req,
                    title: "\(strings["templateTitle"] ?? "") – \(LetterPresentation.label(kind, strings))"
                ),
                organisation: organisation.name,
                kind: LetterPresentation.label(kind, strings),
                subject: text.subject,
                body: text.body,
                fields: try fields(kind),
                versions: versions.enumerated().map { index, template in
                    Version(
                        version: template.version,
                        created: DateText.timestamp(template.created_at, req.language),
                        current: index == 0
                    )
                },
                basedOn: versions.first.map { "\(strings["templateOwnVersion"] ?? "") \($0.version)" }
                    ?? (strings["templateBuiltIn"] ?? ""),
                action: SiteRoute.letterTemplate(organisationID, kind).path,
                backHref: SiteRoute.letterTemplates.path(query: [("organisation", organisationID.uuidString)]),
                error: error,
                notice: notice
            )
        )
    }

    /// The names a template of `kind` may use: the common fields and the kind's own.
    static func fields(_ kind: LetterKind) throws -> [String] {
        let common = LetterCommon(
            recipientName: "",
            address: "",
            postalCity: "",
            department: "",
            organisationName: "",
            reference: "",
            date: ""
        )
        return try LetterTemplateRenderer.context(common: common, content: kind.contentType.demo).keys.sorted()
    }

    private static func find(_ req: Request) async throws -> (HousingOrganisation, LetterKind) {
        guard let id = req.parameters.get("organisationID", as: UUID.self),
            let kind = req.parameters.get("kind").flatMap(LetterKind.init(rawValue:)),
            let organisation = try await HousingOrganisation.find(id, on: req.db)
        else { throw Abort(.notFound) }
        return (organisation, kind)
    }
}
