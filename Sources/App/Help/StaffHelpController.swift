import AlmenDomain
import Fluent
import SQLKit
import Vapor

/// Staff write their organisations' help articles: the list (the starting set and the
/// organisation's and its departments' own), a new article or an organisation's copy of a
/// built-in one, the editor with a preview, saved versions, and publishing a version. The starting
/// set itself is changed in the repository (`Resources/Help`), never here.
enum StaffHelpController {
    struct ListContext: Encodable {
        let page: PageChrome
        let action: String
        let organisations: [SelectOption]
        let query: String?
        let rows: [Row]
        let newHref: String?
        let pager: Pager
        let notice: String?
    }

    struct Row: Encodable {
        let title: String
        let place: String
        let state: String
        let href: String
        let action: String
    }

    struct EditContext: Encodable {
        let page: PageChrome
        let heading: String
        let action: String
        let backHref: String
        let form: FormValues
        let scopes: [SelectOption]
        let topics: [SelectOption]
        let embeds: [SelectOption]
        /// A new article's slug can be chosen; a saved article's cannot.
        let slugEditable: Bool
        let errors: [String: String]
        let errorList: [FieldError]
        let preview: Preview?
        let versions: [VersionItem]
        let notice: String?
    }

    struct FormValues: Encodable {
        let slug: String
        let related: String
        let title_da: String
        let summary_da: String
        let body_da: String
        let title_en: String
        let summary_en: String
        let body_en: String
    }

    struct Preview: Encodable {
        let title: String
        let summary: String
        let html: String
        let englishTitle: String?
        let englishHTML: String?
        /// What is shown: a saved version (which can be published from here), or unsaved text.
        let caption: String
        let publishAction: String?
        let version: Int?
    }

    struct VersionItem: Encodable {
        let number: Int
        let created: String
        let state: String
        let href: String
        let current: Bool
    }

    // MARK: List

    @Sendable
    static func list(_ req: Request) async throws -> View {
        let (_, scope) = try await req.requireStaffScope()
        let strings = Strings.table(req.language)
        let organisations = try await req.application.registerSummary.organisations(on: req.db)
            .filter { scope.contains($0.id) }
        let chosen =
            organisations.first { $0.id == req.queryValue("organisation").flatMap(UUID.init(uuidString:)) }
            ?? organisations.first
        let query = String((req.queryValue("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        var rows: [Row] = []
        let cursor = Keyset.cursor(req)
        var listed: [StaffHelpPage.Article] = []
        if let chosen {
            listed = try await StaffHelpPage.articles(of: chosen.id, matching: query, after: cursor, on: req.db)
        }
        let pageQuery = [("organisation", chosen?.id.lowercasedString), ("q", query.isEmpty ? nil : query)]
        let (shown, pager) = Pager.page(
            listed,
            id: \.id,
            route: .staffHelp,
            query: pageQuery,
            cursor: cursor,
            alphabetical: true
        )
        if let chosen {
            let departments = Dictionary(
                chosen.departments.map { ($0.id, "\($0.number) \($0.name)") },
                uniquingKeysWith: { a, _ in a }
            )
            rows = shown.map { article in
                let builtIn = article.scope_rank == HelpScope.builtIn.rank
                // A built-in article the organisation has its own copy of links to the copy.
                if builtIn, let copy = article.own_copy {
                    return Row(
                        title: article.title_da,
                        place: strings["helpPlaceBuiltIn"] ?? "",
                        state: strings["helpStateReplaced"] ?? "",
                        href: SiteRoute.staffHelpArticle(copy).path,
                        action: strings["helpEditCopy"] ?? ""
                    )
                }
                return Row(
                    title: article.title_da,
                    place: builtIn
                        ? strings["helpPlaceBuiltIn"] ?? ""
                        : article.department_id.flatMap { departments[$0] }.map {
                            "\(strings["department"] ?? "") \($0)"
                        }
                            ?? chosen.name,
                    state: state(latest: article.latest, published: article.published, strings),
                    href: builtIn
                        ? SiteRoute.staffHelpNew.path(query: [
                            ("organisation", chosen.id.lowercasedString),
                            ("fra", article.id.lowercasedString),
                        ])
                        : SiteRoute.staffHelpArticle(article.id).path,
                    action: strings[builtIn ? "helpAdapt" : "helpEdit"] ?? ""
                )
            }
        }
        return try await req.view.render(
            "staff-help",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["helpStaffTitle"] ?? ""),
                action: SiteRoute.staffHelp.path,
                organisations: organisations.map {
                    SelectOption(value: $0.id.lowercasedString, label: $0.name, selected: $0.id == chosen?.id)
                },
                query: query.isEmpty ? nil : query,
                rows: rows,
                newHref: chosen.map {
                    SiteRoute.staffHelpNew.path(query: [("organisation", $0.id.lowercasedString)])
                },
                pager: pager,
                notice: nil
            )
        )
    }

    static func state(latest: Int, published: Int?, _ strings: [String: String]) -> String {
        let version = strings["helpVersion"] ?? ""
        guard let published else { return "\(strings["helpStateDraft"] ?? "") (\(version) \(latest))" }
        if published == latest { return "\(strings["helpStatePublished"] ?? "") (\(version) \(published))" }
        return
            "\(strings["helpStatePublished"] ?? "") (\(version) \(published)), \(strings["helpStateNewerDraft"] ?? "") (\(version) \(latest))"
    }

    // MARK: New

    /// A built-in article's address and published text, to start an organisation's own copy
    /// from (`?fra=`): one statement.
    static func copyOf(_ articleID: UUID, on database: any Database) async throws -> (String, HelpArticleText)? {
        let version = try await HelpArticleVersion.query(on: database)
            .join(HelpArticle.self, on: \HelpArticle.$id == \HelpArticleVersion.$articleID)
            .filter(HelpArticle.self, \.$id == articleID)
            .filter(HelpArticle.self, \.$scopeKey == HelpScope.builtIn.key)
            .filter(.sql(unsafeRaw: "\"help_articles\".\"published_version_id\" = \"help_article_versions\".\"id\""))
            .first()
        guard let version else { return nil }
        return (try version.joined(HelpArticle.self).slug, version.text)
    }

    @Sendable
    static func new(_ req: Request) async throws -> Response {
        let (_, scope) = try await req.requireStaffScope()
        // Without an organisation (a bookmark, a shared link): the articles' page, where each
        // organisation has its "new article" link.
        guard let id = req.queryValue("organisation") else {
            return req.redirect(to: SiteRoute.staffHelp.path, redirectType: .normal)
        }
        let organisation = try await organisationInScope(req, scope: scope, id: UUID(uuidString: id))
        var form = HelpArticleForm(
            slug: "",
            scope: "o",
            text: HelpArticleText(
                topic: .home,
                related: [],
                embed: nil,
                danish: .init(title: "", summary: "", body: ""),
                english: nil
            )
        )
        if let from = req.queryValue("fra").flatMap(UUID.init(uuidString:)),
            let (slug, text) = try await copyOf(from, on: req.db)
        {
            form = HelpArticleForm(slug: slug, scope: "o", text: text)
        }
        return try await renderEditor(req, organisation: organisation, article: nil, form: form).encodeResponse(
            for: req
        )
    }

    @Sendable
    static func create(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let organisation = try await organisationInScope(
            req,
            scope: scope,
            id: req.queryValue("organisation").flatMap(UUID.init(uuidString:))
        )
        let form = try req.content.decode(HelpArticleForm.self)
        let slug = HelpArticleForm.clean(form.slug)
        var problems: [HelpArticleForm.Problem] = []
        let helpScope = try articleScope(form.scope, in: organisation)
        if helpScope == nil { problems.append(.init(field: "scope", key: "helpErrorScope")) }
        if !HelpArticleText.isSlug(slug) {
            problems.append(.init(field: "slug", key: "helpErrorSlug"))
        } else if let helpScope,
            try await HelpArticle.query(on: req.db).filter(\.$scopeKey == helpScope.key).filter(\.$slug == slug).count()
                > 0
        {
            problems.append(.init(field: "slug", key: "helpErrorSlugTaken"))
        }
        let known = try await knownSlugs(in: helpScope ?? .organisation(organisation.id), adding: slug, on: req.db)
        switch form.check(known: known) {
        case .failure(let failed):
            return try await renderEditor(
                req,
                organisation: organisation,
                article: nil,
                form: form,
                problems: problems + failed.list
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        case .success(let text):
            guard problems.isEmpty, let helpScope else {
                return try await renderEditor(
                    req,
                    organisation: organisation,
                    article: nil,
                    form: form,
                    problems: problems
                )
                .encodeResponse(status: .unprocessableEntity, for: req)
            }
            if form.intent == "preview" {
                return try await renderEditor(req, organisation: organisation, article: nil, form: form, preview: text)
                    .encodeResponse(for: req)
            }
            let article = try await HelpLibrary(database: req.db, dependencies: req.application.dependencies)
                .create(scope: helpScope, slug: slug, text: text, by: principal.id)
            return req.redirect(
                to: SiteRoute.staffHelpArticle(try article.requireID()).path(query: [("besked", "gemt")]),
                redirectType: .normal
            )
        }
    }

    // MARK: Edit

    /// The versions the editor lists: the newest 50, each by its number, date and state (never
    /// its text).
    static func versionList(_ articleID: UUID, on db: any Database) async throws -> [HelpArticleVersion] {
        try await HelpArticleVersion.query(on: db).filter(\.$articleID == articleID)
            .field(\.$id).field(\.$articleID).field(\.$number).field(\.$createdAt).field(\.$publishedAt)
            .sort(\.$number, .descending).limit(50).all()
    }

    /// What the editor shows of an organisation's or department's article in the staff's scope:
    /// the article, its organisation (the register summary the application keeps), its newest
    /// versions (no text), and the version asked for or else the newest, with its text. Three or
    /// four statements however many versions there are; nil outside the scope.
    struct EditorPage: Sendable {
        let article: HelpArticle
        let organisation: FrontPageController.OrganisationItem
        let versions: [HelpArticleVersion]
        let shown: HelpArticleVersion

        static func load(
            _ articleID: UUID,
            version asked: Int?,
            scope: StaffScope,
            summary: RegisterSummaryCache,
            on database: any Database
        ) async throws -> EditorPage? {
            guard let article = try await HelpArticle.find(articleID, on: database),
                let organisationID = article.organisationID, scope.contains(organisationID),
                let organisation = try await summary.organisations(on: database).first(where: {
                    $0.id == organisationID
                })
            else { return nil }
            let versions = try await versionList(articleID, on: database)
            // The version asked for, or the newest: the one version read with its text.
            var shown: HelpArticleVersion?
            if let asked {
                shown = try await HelpArticleVersion.query(on: database).filter(\.$articleID == articleID)
                    .filter(\.$number == asked).first()
            }
            if shown == nil {
                shown = try await HelpArticleVersion.query(on: database).filter(\.$articleID == articleID)
                    .sort(\.$number, .descending).first()
            }
            guard let shown else { return nil }
            return EditorPage(article: article, organisation: organisation, versions: versions, shown: shown)
        }
    }

    @Sendable
    static func edit(_ req: Request) async throws -> View {
        let (_, scope) = try await req.requireStaffScope()
        guard let articleID = req.parameters.get("articleID", as: UUID.self),
            let page = try await EditorPage.load(
                articleID,
                version: req.queryValue("version").flatMap(Int.init),
                scope: scope,
                summary: req.application.registerSummary,
                on: req.db
            )
        else { throw Abort(.notFound) }
        let (article, organisation, versions, shown) = (page.article, page.organisation, page.versions, page.shown)
        let strings = Strings.table(req.language)
        let notice = req.queryValue("besked").flatMap { strings["helpNotice_\($0)"] }
        return try await renderEditor(
            req,
            organisation: organisation,
            article: (article, versions),
            form: HelpArticleForm(slug: article.slug, scope: scopeValue(article), text: shown.text),
            saved: shown,
            notice: notice
        )
    }

    @Sendable
    static func save(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let (article, organisation) = try await find(req, scope: scope)
        var form = try req.content.decode(HelpArticleForm.self)
        form.slug = article.slug
        form.scope = scopeValue(article)
        let versions = try await versionList(try article.requireID(), on: req.db)
        let known = try await knownSlugs(in: article.scope, adding: article.slug, on: req.db)
        switch form.check(known: known) {
        case .failure(let problems):
            return try await renderEditor(
                req,
                organisation: organisation,
                article: (article, versions),
                form: form,
                problems: problems.list
            )
            .encodeResponse(status: .unprocessableEntity, for: req)
        case .success(let text):
            if form.intent == "preview" {
                return try await renderEditor(
                    req,
                    organisation: organisation,
                    article: (article, versions),
                    form: form,
                    preview: text
                )
                .encodeResponse(for: req)
            }
            let version = try await HelpLibrary(database: req.db, dependencies: req.application.dependencies)
                .save(article, text: text, by: principal.id)
            return req.redirect(
                to: SiteRoute.staffHelpArticle(try article.requireID()).path(query: [
                    ("version", "\(version.number)"), ("besked", "gemt"),
                ]),
                redirectType: .normal
            )
        }
    }

    struct PublishForm: Content {
        var version: Int?
    }

    @Sendable
    static func publish(_ req: Request) async throws -> Response {
        let (principal, scope) = try await req.requireStaffScope()
        let (article, _) = try await find(req, scope: scope)
        // Text every resident of the organisation reads: a login from the last 15 minutes.
        try req.requireRecentAuthentication(
            principal,
            returnTo: SiteRoute.staffHelpArticle(try article.requireID()).path
        )
        let number = try req.content.decode(PublishForm.self).version
        guard let number,
            let version = try await HelpArticleVersion.query(on: req.db).filter(\.$articleID == article.requireID())
                .filter(\.$number == number).first()
        else { throw Abort(.notFound) }
        try await HelpLibrary(database: req.db, dependencies: req.application.dependencies)
            .publish(article, version: version, by: principal.id)
        try await req.audit.record(
            .helpPublish,
            subjectKind: .helpArticle,
            subjectID: try article.requireID(),
            purpose: AuditPurpose("helpArticlePublished", ["version": "\(number)"]),
            actor: principal
        )
        return req.redirect(
            to: SiteRoute.staffHelpArticle(try article.requireID()).path(query: [
                ("version", "\(number)"), ("besked", "udgivet"),
            ]),
            redirectType: .normal
        )
    }

    // MARK: Shared

    static func renderEditor(
        _ req: Request,
        organisation: FrontPageController.OrganisationItem,
        article: (HelpArticle, [HelpArticleVersion])?,
        form: HelpArticleForm,
        problems: [HelpArticleForm.Problem] = [],
        preview: HelpArticleText? = nil,
        saved: HelpArticleVersion? = nil,
        notice: String? = nil
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let language = req.language
        let (errors, errorList) = FieldError.collect(
            problems.map { problem in
                let words = strings[problem.key] ?? ""
                return (problem.field, problem.detail.map { words.replacingOccurrences(of: "%@", with: $0) } ?? words)
            },
            labelKey: { "helpField_\($0)" },
            strings
        )
        var shown: Preview?
        if let preview {
            let danish = HelpMarkdown.render(preview.danish.body)
            shown = Preview(
                title: preview.danish.title,
                summary: preview.danish.summary,
                html: danish.html,
                englishTitle: preview.english?.title,
                englishHTML: preview.english.map { HelpMarkdown.render($0.body).html },
                caption: strings["helpPreviewUnsaved"] ?? "",
                publishAction: nil,
                version: nil
            )
        } else if let saved, let (article, _) = article {
            shown = Preview(
                title: saved.titleDa,
                summary: saved.summaryDa,
                html: saved.htmlDa,
                englishTitle: saved.titleEn,
                englishHTML: saved.htmlEn,
                caption: "\(strings["helpVersion"] ?? "") \(saved.number)",
                publishAction: saved.id == article.publishedVersionID
                    ? nil : SiteRoute.staffHelpPublish(try article.requireID()).path,
                version: saved.number
            )
        }
        let articleID = try article?.0.requireID()
        let title = article.map { _ in form.title_da ?? "" } ?? (strings["helpNewTitle"] ?? "")
        let topic = HelpTopic(rawValue: form.topic ?? "")
        let embed = HelpEmbed(rawValue: form.embed ?? "")
        return try await req.view.render(
            "staff-help-article",
            EditContext(
                page: await PageChrome.make(for: req, title: "\(strings["helpStaffTitle"] ?? "") – \(title)"),
                heading: title.isEmpty ? strings["helpNewTitle"] ?? "" : title,
                action: articleID.map { SiteRoute.staffHelpArticle($0).path }
                    ?? SiteRoute.staffHelpNew.path(query: [("organisation", organisation.id.lowercasedString)]),
                backHref: SiteRoute.staffHelp.path(query: [("organisation", organisation.id.lowercasedString)]),
                form: FormValues(
                    slug: form.slug ?? "",
                    related: form.related ?? "",
                    title_da: form.title_da ?? "",
                    summary_da: form.summary_da ?? "",
                    body_da: form.body_da ?? "",
                    title_en: form.title_en ?? "",
                    summary_en: form.summary_en ?? "",
                    body_en: form.body_en ?? ""
                ),
                scopes: [SelectOption(value: "o", label: organisation.name, selected: form.scope == "o")]
                    + organisation.departments.map {
                        SelectOption(
                            value: $0.id.lowercasedString,
                            label: "\(strings["department"] ?? "") \($0.number) \($0.name)",
                            selected: form.scope == $0.id.lowercasedString
                        )
                    },
                topics: HelpTopic.allCases.map {
                    SelectOption(
                        value: $0.rawValue,
                        label: strings["helpTopic_\($0.rawValue)"] ?? "",
                        selected: $0 == topic
                    )
                },
                embeds: [SelectOption(value: "", label: strings["helpEmbedNone"] ?? "", selected: embed == nil)]
                    + HelpEmbed.allCases.map {
                        SelectOption(
                            value: $0.rawValue,
                            label: strings["helpEmbed_\($0.rawValue)"] ?? "",
                            selected: $0 == embed
                        )
                    },
                slugEditable: article == nil,
                errors: errors,
                errorList: errorList,
                preview: shown,
                versions: (article?.1 ?? []).map { version in
                    VersionItem(
                        number: version.number,
                        created: DateText.timestamp(version.createdAt, language),
                        state: strings[
                            version.id == article?.0.publishedVersionID
                                ? "helpStatePublished"
                                : version.publishedAt == nil ? "helpStateDraft" : "helpStateEarlier"
                        ] ?? "",
                        href: SiteRoute.staffHelpArticle(articleID ?? UUID()).path(query: [
                            ("version", "\(version.number)")
                        ]),
                        current: version.number == saved?.number
                    )
                },
                notice: notice
            )
        )
    }

    /// The organisation named by the request, if the member of staff may write for it (a 404
    /// otherwise, as if it did not exist).
    static func organisationInScope(
        _ req: Request,
        scope: StaffScope,
        id: UUID?
    ) async throws -> FrontPageController.OrganisationItem {
        guard let id, scope.contains(id),
            let organisation = try await req.application.registerSummary.organisations(on: req.db).first(where: {
                $0.id == id
            })
        else { throw Abort(.notFound) }
        return organisation
    }

    /// An organisation's or department's article the member of staff may edit, with its organisation.
    static func find(
        _ req: Request,
        scope: StaffScope
    ) async throws -> (HelpArticle, FrontPageController.OrganisationItem) {
        guard let id = req.parameters.get("articleID", as: UUID.self),
            let article = try await HelpArticle.find(id, on: req.db),
            let organisationID = article.organisationID
        else { throw Abort(.notFound) }
        return (article, try await organisationInScope(req, scope: scope, id: organisationID))
    }

    static func articleScope(
        _ value: String?,
        in organisation: FrontPageController.OrganisationItem
    ) throws -> HelpScope? {
        if value == "o" { return .organisation(organisation.id) }
        guard let id = value.flatMap(UUID.init(uuidString:)), organisation.departments.contains(where: { $0.id == id })
        else { return nil }
        return .department(id, organisation: organisation.id)
    }

    static func scopeValue(_ article: HelpArticle) -> String {
        article.departmentID?.lowercasedString ?? "o"
    }

    /// The slugs a reader of `scope` can open, and the article's own.
    static func knownSlugs(
        in scope: HelpScope,
        adding slug: String,
        on database: any Database
    ) async throws -> Set<String> {
        Set(try await HelpPage.visible(in: scope, on: database).map(\.slug) + [slug])
    }
}

/// The staff list of help articles: one statement.
enum StaffHelpPage {
    struct Article: Decodable, Sendable {
        let id: UUID
        let slug: String
        let scope_rank: Int
        let department_id: UUID?
        let title_da: String
        let latest: Int
        let published: Int?
        /// For a built-in article: the organisation's own copy of it, if any.
        let own_copy: UUID?
    }

    /// The starting set and the organisation's and its departments' own articles, by title, a
    /// page from `cursor` (an article id) on, with the latest version's title, the published
    /// version's number and, for a built-in article, the organisation's copy: one statement.
    static func articles(
        of organisationID: UUID,
        matching query: String,
        after cursor: UUID?,
        on database: any Database
    ) async throws -> [Article] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let latest: SQLQueryString = """
             JOIN help_article_versions v ON v.article_id = a.id
              AND v.number = (SELECT MAX(x.number) FROM help_article_versions x WHERE x.article_id = a.id)
            """
        var statement: SQLQueryString = """
            SELECT a.id, a.slug, a.scope_rank, a.department_id, v.title_da, v.number AS latest, p.number AS published,
              (SELECT c.id FROM help_articles c WHERE a.scope_rank = 0 AND c.slug = a.slug
                AND c.scope_key = \(bind: HelpScope.organisation(organisationID).key)) AS own_copy
            FROM help_articles a
            """
        statement += latest
        statement += """
             LEFT JOIN help_article_versions p ON p.id = a.published_version_id
            WHERE (a.scope_key = \(bind: HelpScope.builtIn.key) OR a.organisation_id = \(bind: organisationID))
            """
        if !query.isEmpty { statement += " AND \(Keyset.like("v.title_da", query))" }
        if let cursor {
            statement +=
                " AND (v.title_da, a.scope_rank, a.id) > (SELECT v.title_da, a.scope_rank, a.id FROM help_articles a "
            statement += latest
            statement += " WHERE a.id = \(bind: cursor))"
        }
        statement += " ORDER BY v.title_da, a.scope_rank, a.id LIMIT \(literal: Keyset.pageSize + 1)"
        return try await sql.raw(statement).rows(decoding: Article.self)
    }
}
