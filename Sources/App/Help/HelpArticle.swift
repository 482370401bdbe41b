import Fluent
import Foundation

/// A help article (hjælpeartikel): the built-in starting set, an organisation's own article, or a
/// department's. An article of an organisation or department with the same slug as a built-in
/// (or an organisation's) article replaces it in that context (`HelpScope`). Its text lives in
/// versions, which are never changed: saving adds a version, publishing points the article at one.
final class HelpArticle: Model, @unchecked Sendable {
    static let schema = "help_articles"

    @ID(key: .id) var id: UUID?
    /// `HelpScope.key`: "*" for the starting set, "o:<id>" for an organisation, "d:<id>" for a
    /// department; with the slug it is unique.
    @Field(key: "scope_key") var scopeKey: String
    /// 0 built-in, 1 organisation, 2 department: the more specific article wins.
    @Field(key: "scope_rank") var scopeRank: Int
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @OptionalField(key: "department_id") var departmentID: UUID?
    /// The address in `/hjaelp/<slug>`: lower-case letters, digits and hyphens.
    @Field(key: "slug") var slug: String
    /// The version residents read; nil while the article is only a draft.
    @OptionalField(key: "published_version_id") var publishedVersionID: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID, scope: HelpScope, slug: String, now: Date) {
        self.id = id
        self.scopeKey = scope.key
        self.scopeRank = scope.rank
        self.organisationID = scope.organisationID
        self.departmentID = scope.departmentID
        self.slug = slug
        self.createdAt = now
    }

    var scope: HelpScope {
        if let departmentID, let organisationID { return .department(departmentID, organisation: organisationID) }
        if let organisationID { return .organisation(organisationID) }
        return .builtIn
    }
}

/// One saved version of an article, in Danish (binding) and, where written, English. The HTML is
/// rendered once, when the version is saved (`HelpMarkdown`), and the plain text kept for search
/// excerpts.
final class HelpArticleVersion: Model, @unchecked Sendable {
    static let schema = "help_article_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "article_id") var articleID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "topic") var topic: HelpTopic
    /// Slugs of related articles, comma-separated, in the order shown.
    @Field(key: "related") var related: String
    /// Something the page shows below the text (`HelpEmbed`), or nil.
    @OptionalField(key: "embed") var embed: HelpEmbed?
    @Field(key: "title_da") var titleDa: String
    @Field(key: "summary_da") var summaryDa: String
    @Field(key: "body_da") var bodyDa: String
    @Field(key: "html_da") var htmlDa: String
    @Field(key: "plain_da") var plainDa: String
    @OptionalField(key: "title_en") var titleEn: String?
    @OptionalField(key: "summary_en") var summaryEn: String?
    @OptionalField(key: "body_en") var bodyEn: String?
    @OptionalField(key: "html_en") var htmlEn: String?
    @OptionalField(key: "plain_en") var plainEn: String?
    /// The member of staff who saved it; nil for the starting set.
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    /// When it was first published, if ever, and by whom.
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "published_by") var publishedBy: UUID?

    init() {}

    init(id: UUID, articleID: UUID, number: Int, text: HelpArticleText, createdBy: UUID?, now: Date) {
        self.id = id
        self.articleID = articleID
        self.number = number
        self.createdBy = createdBy
        self.createdAt = now
        apply(text)
    }

    private func apply(_ text: HelpArticleText) {
        topic = text.topic
        related = text.related.joined(separator: ",")
        embed = text.embed
        titleDa = text.danish.title
        summaryDa = text.danish.summary
        bodyDa = text.danish.body
        titleEn = text.english?.title
        summaryEn = text.english?.summary
        bodyEn = text.english?.body
        render()
    }

    /// Makes the HTML and plain text from the Markdown (again, when the renderer has changed).
    func render() {
        let danish = HelpMarkdown.render(bodyDa)
        htmlDa = danish.html
        plainDa = danish.plain
        let english = bodyEn.map { HelpMarkdown.render($0) }
        htmlEn = english?.html
        plainEn = english?.plain
    }

    /// The text as saved, to edit or compare.
    var text: HelpArticleText {
        HelpArticleText(
            topic: topic,
            related: related.split(separator: ",").map(String.init),
            embed: embed,
            danish: .init(title: titleDa, summary: summaryDa, body: bodyDa),
            english: titleEn.map { .init(title: $0, summary: summaryEn ?? "", body: bodyEn ?? "") }
        )
    }
}

/// The search index of published articles: one row per article, language and normalised word
/// (`DanishSearchTerms`), weighted by where the word stands (title, summary, text). The scope is
/// copied from the article so a search reads this table alone before joining its few hits.
final class HelpTerm: Model, @unchecked Sendable {
    static let schema = "help_terms"

    @ID(key: .id) var id: UUID?
    @Field(key: "article_id") var articleID: UUID
    @Field(key: "scope_key") var scopeKey: String
    @Field(key: "language") var language: String
    @Field(key: "term") var term: String
    @Field(key: "weight") var weight: Int

    init() {}

    init(id: UUID, articleID: UUID, scopeKey: String, language: String, term: String, weight: Int) {
        self.id = id
        self.articleID = articleID
        self.scopeKey = scopeKey
        self.language = language
        self.term = term
        self.weight = weight
    }
}

struct CreateHelpArticles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HelpArticle.schema)
            .id()
            .field("scope_key", .string, .required)
            .field("scope_rank", .int, .required)
            .field("organisation_id", .uuid, .references(HousingOrganisation.schema, "id"))
            .field("department_id", .uuid, .references(Department.schema, "id"))
            .field("slug", .string, .required)
            .field("published_version_id", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "scope_key", "slug")
            .create()
        try await SchemaIndex.create(
            "help_articles_slug",
            on: HelpArticle.schema,
            columns: ["slug", "scope_key"],
            in: database
        )
        try await SchemaIndex.create(
            "help_articles_organisation",
            on: HelpArticle.schema,
            columns: ["organisation_id"],
            in: database
        )
        try await database.schema(HelpArticleVersion.schema)
            .id()
            .field("article_id", .uuid, .required, .references(HelpArticle.schema, "id"))
            .field("number", .int, .required)
            .field("topic", .string, .required)
            .field("related", .string, .required)
            .field("embed", .string)
            .field("title_da", .string, .required)
            .field("summary_da", .string, .required)
            .field("body_da", .string, .required)
            .field("html_da", .string, .required)
            .field("plain_da", .string, .required)
            .field("title_en", .string)
            .field("summary_en", .string)
            .field("body_en", .string)
            .field("html_en", .string)
            .field("plain_en", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("published_at", .datetime)
            .field("published_by", .uuid)
            .unique(on: "article_id", "number")
            .create()
        try await database.schema(HelpTerm.schema)
            .id()
            .field("article_id", .uuid, .required, .references(HelpArticle.schema, "id"))
            .field("scope_key", .string, .required)
            .field("language", .string, .required)
            .field("term", .string, .required)
            .field("weight", .int, .required)
            .unique(on: "article_id", "language", "term")
            .create()
        try await SchemaIndex.create(
            "help_terms_lookup",
            on: HelpTerm.schema,
            columns: ["language", "term", "scope_key"],
            in: database
        )
        try await SchemaIndex.create("help_terms_article", on: HelpTerm.schema, columns: ["article_id"], in: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HelpTerm.schema).delete()
        try await database.schema(HelpArticleVersion.schema).delete()
        try await database.schema(HelpArticle.schema).delete()
    }
}
