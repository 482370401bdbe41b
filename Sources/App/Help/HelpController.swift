import AlmenDomain
import Fluent
import Foundation
import Vapor

/// The help centre (hjælp): topics, search and articles, public and in the reader's department
/// (`ReaderContext.resolve`: the one chosen on the request, else a signed-in resident's own home's,
/// else the one a visitor chose before, else none: the starting set and nothing local).
enum HelpController {
    struct IndexContext: Encodable {
        let page: PageChrome
        let action: String
        /// The search, or nil.
        let query: String?
        /// "Ingen artikler passer på »husdry«. Her er artiklerne om »husdyr«.", when the search
        /// was mended.
        let corrected: String?
        let chooser: Where
        let topics: [TopicGroup]
        let results: [Result]?
    }

    /// The reader's context and the form to change it.
    struct Where: Encodable {
        let department: String?
        let action: String
        let organisations: [SelectOption]
        /// The chosen organisation's departments, once one is chosen.
        let departments: [SelectOption]?
    }

    struct TopicGroup: Encodable {
        let id: String
        let title: String
        let articles: [ArticleLink]
    }

    struct ArticleLink: Encodable {
        let title: String
        let summary: String
        let href: String
    }

    struct Result: Encodable {
        let title: MarkedText
        let summary: MarkedText
        let excerpt: MarkedText
        let href: String
    }

    struct ArticleContext: Encodable {
        let page: PageChrome
        let title: String
        let summary: String
        let html: String
        /// Said above an English text: a translation, or only in Danish.
        let languageNote: String?
        /// "da" when the Danish text is shown on an English page (no translation yet).
        let textLanguage: String?
        let department: String?
        let topic: String
        let topicHref: String
        let related: [ArticleLink]
        let helpHref: String
        let calculator: Calculator?
        /// The retention periods in force, below the privacy article.
        let retention: [Period]?
        /// The records of processing, below the privacy article.
        let records: [ProcessingRecordsController.Row]?
    }

    struct Period: Encodable {
        let category: String
        let period: String
    }

    /// The termination calculator's form, below the termination article.
    struct Calculator: Encodable {
        let action: String
        let housingOptions: [SelectOption]
    }

    static let departmentParameter = "afdeling"
    static let departmentCookie = "__Host-almen-afdeling"

    /// What the help's front page shows, in one statement (two for a signed-in resident, whose
    /// own home's department is read): the reader's context (`ReaderContext.resolve`) and, with no
    /// query, the articles it sees (`HelpPage.visible`), else the articles matching the query.
    struct IndexPage: Sendable {
        let reader: ReaderContext
        var articles: [HelpPage.Listed] = []
        /// The hits of a search, nil with no query.
        var hits: [HelpPage.Hit]? = nil
        /// A search that found nothing, searched again with its misspelt words mended ("husdry"
        /// as "husdyr"): what was searched for instead.
        var corrected: String? = nil

        static func load(
            _ asked: ReaderContext.Asked,
            query: String,
            language: Language,
            summary: RegisterSummaryCache,
            on database: any Database
        ) async throws -> IndexPage {
            var page = IndexPage(
                reader: try await ReaderContext.resolve(asked, language: language, summary: summary, on: database)
            )
            if query.isEmpty {
                page.articles = try await HelpPage.visible(in: page.reader.scope, on: database)
            } else {
                page.hits = try await HelpPage.search(query, language: language, in: page.reader.scope, on: database)
                // Nothing found: perhaps a word is misspelt. The words of the articles the reader
                // sees (titles and summaries) say what it may have been.
                if page.hits?.isEmpty == true {
                    let visible = try await HelpPage.visible(in: page.reader.scope, on: database)
                    let vocabulary = SpellingSuggestion.words(
                        visible.map { "\($0.title(language)) \($0.summary(language))" }.joined(separator: " ")
                    )
                    if let suggestion = SpellingSuggestion.suggest(query, vocabulary: vocabulary) {
                        let hits = try await HelpPage.search(
                            suggestion,
                            language: language,
                            in: page.reader.scope,
                            on: database
                        )
                        if !hits.isEmpty { (page.hits, page.corrected) = (hits, suggestion) }
                    }
                }
            }
            return page
        }
    }

    @Sendable
    static func index(_ req: Request) async throws -> Response {
        let language = req.language
        let strings = Strings.table(language)
        let query = String(
            (req.queryValue("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)
        )
        let page = try await IndexPage.load(
            ReaderContext.Asked(req),
            query: query,
            language: language,
            summary: req.application.registerSummary,
            on: req.db
        )
        let reader = page.reader
        var results: [Result]?
        var topics: [TopicGroup] = []
        if query.isEmpty {
            let articles = page.articles
            topics = HelpTopic.allCases.compactMap { topic in
                let listed = articles.filter { $0.topic == topic.rawValue }
                    .sorted { $0.title(language).localizedStandardCompare($1.title(language)) == .orderedAscending }
                guard !listed.isEmpty else { return nil }
                return TopicGroup(
                    id: topic.rawValue,
                    title: strings["helpTopic_\(topic.rawValue)"] ?? "",
                    articles: listed.map { link($0, language) }
                )
            }
        } else {
            let terms = Set(HelpPage.queryTerms(page.corrected ?? query, language))
            results = (page.hits ?? []).map { hit in
                Result(
                    title: MarkedText(hit.title, terms: terms),
                    summary: MarkedText(hit.summary, terms: terms),
                    excerpt: MarkedText.excerpt(hit.plain, terms: terms),
                    href: SiteRoute.helpArticle(hit.slug).path
                )
            }
        }
        let title = query.isEmpty ? strings["helpTitle"] ?? "" : "\(strings["helpSearchTitle"] ?? "") “\(query)”"
        let context = IndexContext(
            page: await PageChrome.make(for: req, title: title),
            action: SiteRoute.help.path,
            query: query.isEmpty ? nil : query,
            corrected: page.corrected.map {
                strings.filled("helpCorrected", ["query": query, "corrected": $0])
            },
            chooser: try await chooser(req, reader: reader),
            topics: topics,
            results: results
        )
        let response = try await req.view.render("help", context).encodeResponse(for: req)
        reader.remember(on: response)
        return response
    }

    /// What an article's page shows, in two statements (three for a signed-in resident, whose own
    /// home's department is read; two more for an article embedding the records of processing, one
    /// for one embedding the retention periods): the reader's context (`ReaderContext.resolve`),
    /// the article as it sees it (`HelpPage.article`, nil when it sees none of that slug), the
    /// articles it sees (the topic, related ones), and what the article embeds.
    struct ArticlePage: Sendable {
        let reader: ReaderContext
        let article: HelpPage.Article
        let visible: [HelpPage.Listed]
        var records: [ProcessingRecordsController.Row]? = nil
        var schedule: RetentionSchedule? = nil

        static func load(
            _ slug: String,
            _ asked: ReaderContext.Asked,
            language: Language,
            summary: RegisterSummaryCache,
            on database: any Database
        ) async throws -> ArticlePage? {
            let reader = try await ReaderContext.resolve(asked, language: language, summary: summary, on: database)
            guard let article = try await HelpPage.article(slug, in: reader.scope, on: database) else { return nil }
            var page = ArticlePage(
                reader: reader,
                article: article,
                visible: try await HelpPage.visible(in: reader.scope, on: database)
            )
            if article.embed == HelpEmbed.processingRecords.rawValue {
                page.records = ProcessingRecordsController.rows(
                    try await ProcessingRecordsController.ListPage.load(on: database),
                    language: language,
                    editable: false
                )
            }
            // The records say each category's period themselves; the bare list is for the other embed.
            if article.embed == HelpEmbed.retentionSchedule.rawValue {
                page.schedule = try await RetentionSchedule.load(on: database)
            }
            return page
        }
    }

    @Sendable
    static func article(_ req: Request) async throws -> Response {
        guard let slug = req.parameters.get("slug"), HelpArticleText.isSlug(slug) else { throw Abort(.notFound) }
        let language = req.language
        guard
            let page = try await ArticlePage.load(
                slug,
                ReaderContext.Asked(req),
                language: language,
                summary: req.application.registerSummary,
                on: req.db
            )
        else { throw Abort(.notFound) }
        let (reader, article, visible) = (page.reader, page.article, page.visible)
        // Only a resident's reads in their own department count towards its "most read": a
        // visitor could otherwise raise any department's count with a link.
        if reader.ownHome { try await HelpPage.recordRead(slug, in: reader.scope, on: req.db) }
        let strings = Strings.table(language)
        let english = language == .en && article.title_en != nil
        let bySlug = Dictionary(visible.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        let topic = HelpTopic(rawValue: article.topic) ?? .home
        var calculator: Calculator?
        if article.embed == HelpEmbed.terminationCalculator.rawValue {
            calculator = Calculator(
                action: SiteRoute.terminationCalculator.path,
                housingOptions: HousingType.allCases.map { type in
                    SelectOption(
                        value: type.rawValue,
                        label: strings["housing_\(type.rawValue)"] ?? "",
                        selected: type == .family
                    )
                }
            )
        }
        let records = page.records
        let retention = page.schedule.map { schedule in
            DataCategory.allCases.map { category in
                Period(
                    category: strings["dataCategory_\(category.rawValue)"] ?? "",
                    period: RetentionController.describe(schedule.period(category), category, strings)
                )
            }
        }
        let title = english ? article.title_en ?? article.title_da : article.title_da
        let context = ArticleContext(
            page: await PageChrome.make(for: req, title: title),
            title: title,
            summary: english ? article.summary_en ?? article.summary_da : article.summary_da,
            html: english ? article.html_en ?? article.html_da : article.html_da,
            languageNote: language == .en ? strings[english ? "helpTranslated" : "helpOnlyDanish"] : nil,
            textLanguage: language == .en && !english ? Language.da.rawValue : nil,
            department: reader.label,
            topic: strings["helpTopic_\(topic.rawValue)"] ?? "",
            topicHref: SiteRoute.help.path + "#" + topic.rawValue,
            related: article.relatedSlugs.compactMap { bySlug[$0] }.map { link($0, language) },
            helpHref: SiteRoute.help.path,
            calculator: calculator,
            retention: retention,
            records: records
        )
        let response = try await req.view.render("help-article", context).encodeResponse(for: req)
        reader.remember(on: response)
        return response
    }

    static func link(_ listed: HelpPage.Listed, _ language: Language) -> ArticleLink {
        ArticleLink(
            title: listed.title(language),
            summary: listed.summary(language),
            href: SiteRoute.helpArticle(listed.slug).path
        )
    }

    /// The form that chooses the department: the organisations, and the chosen one's departments.
    static func chooser(_ req: Request, reader: ReaderContext) async throws -> Where {
        let organisations = try await req.application.registerSummary.organisations(on: req.db)
        let chosen = req.queryValue("organisation").flatMap(UUID.init(uuidString:)) ?? reader.scope.organisationID
        let organisation = organisations.first { $0.id == chosen }
        return Where(
            department: reader.label,
            action: SiteRoute.help.path,
            organisations: organisations.map {
                SelectOption(value: $0.id.lowercasedString, label: $0.name, selected: $0.id == chosen)
            },
            departments: organisation.map { organisation in
                organisation.departments.map {
                    SelectOption(
                        value: $0.id.lowercasedString,
                        label: "\($0.number) \($0.name)",
                        selected: $0.id == reader.scope.departmentID
                    )
                }
            }
        )
    }
}

/// Whose help a reader sees: a department (with its words for the page) or the starting set.
struct ReaderContext: Sendable {
    let scope: HelpScope
    /// "Afdeling 12 Solgården, Boligselskabet Øst", or nil.
    let label: String?
    /// A department a visitor chose on this request, to remember in the cookie.
    let chosen: UUID?
    /// Whether it is the signed-in resident's own home's department (their reads are counted).
    let ownHome: Bool
    /// Whether the visitor asked to forget the department they chose.
    let forget: Bool

    /// What a request says of its reader: the department chosen on it (`?afdeling=`, empty to
    /// forget one), the signed-in resident, the department a visitor chose before (the cookie) and
    /// an organisation chosen on it (`?organisation=`).
    struct Asked: Sendable {
        var parameter: String? = nil
        var residentID: UUID? = nil
        var remembered: UUID? = nil
        var organisation: UUID? = nil

        init(parameter: String? = nil, residentID: UUID? = nil, remembered: UUID? = nil, organisation: UUID? = nil) {
            self.parameter = parameter
            self.residentID = residentID
            self.remembered = remembered
            self.organisation = organisation
        }

        init(_ req: Request) {
            parameter = req.query[HelpController.departmentParameter]
            residentID = req.principal?.kind == .resident ? req.principal?.id : nil
            remembered = req.cookies[HelpController.departmentCookie].flatMap { UUID(uuidString: $0.string) }
            organisation = req.queryValue("organisation").flatMap(UUID.init(uuidString:))
        }
    }

    /// The department chosen on this request (`?afdeling=`), else a signed-in resident's own
    /// home's, else the one a visitor chose before (the cookie), else an organisation chosen on
    /// this request, else none. A visitor's choice is remembered; a resident's is not (their own
    /// home stays their default), and `?afdeling=` with no value forgets it. The departments and
    /// organisations come from the register summary; a resident's homes are one statement.
    static func resolve(
        _ asked: Asked,
        language: Language,
        summary: RegisterSummaryCache,
        on database: any Database
    ) async throws -> ReaderContext {
        let department = Strings.table(language)["department"] ?? ""
        func context(_ id: UUID, chosen: Bool, own: Bool = false) async throws -> ReaderContext? {
            guard let (organisation, item) = try await summary.department(id, on: database) else { return nil }
            return ReaderContext(
                scope: .department(id, organisation: organisation.id),
                label: "\(department) \(item.number) \(item.name), \(organisation.name)",
                chosen: chosen && asked.residentID == nil ? id : nil,
                ownHome: own,
                forget: false
            )
        }
        // An organisation chosen on this request wins over a department of another one (the
        // form without JavaScript sends the department chosen before with it).
        var chosenOrganisation = asked.organisation
        if let id = chosenOrganisation, try await !summary.organisations(on: database).contains(where: { $0.id == id })
        {
            // An organisation that is not (any longer) in the register chooses nothing.
            chosenOrganisation = nil
        }
        let inChosen = { (reader: ReaderContext) in
            chosenOrganisation == nil || reader.scope.organisationID == chosenOrganisation
        }
        let parameter = asked.parameter
        if let id = parameter.flatMap(UUID.init(uuidString:)), let chosen = try await context(id, chosen: true),
            inChosen(chosen)
        {
            return chosen
        }
        if let resident = asked.residentID, let home = try await MyHomePage.homes(of: resident, on: database).first,
            let own = try await context(home.department_id, chosen: false, own: true), inChosen(own)
        {
            return own
        }
        let forget = parameter?.isEmpty == true
        if !forget, let id = asked.remembered, let remembered = try await context(id, chosen: false),
            inChosen(remembered)
        {
            return remembered
        }
        if let id = asked.organisation,
            try await summary.organisations(on: database).contains(where: { $0.id == id })
        {
            return ReaderContext(scope: .organisation(id), label: nil, chosen: nil, ownHome: false, forget: forget)
        }
        return ReaderContext(scope: .builtIn, label: nil, chosen: nil, ownHome: false, forget: forget)
    }

    /// Remembers a department a visitor chose on this request for their next visits (90 days),
    /// or forgets it.
    func remember(on response: Response) {
        if forget { response.cookies[HelpController.departmentCookie] = SessionCookie.expired }
        guard let chosen else { return }
        response.cookies[HelpController.departmentCookie] = SessionCookie.value(
            chosen.lowercasedString,
            maxAge: 90 * 24 * 3600
        )
    }
}
