import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// Writing help articles: creating one, saving a version, publishing a version (which rebuilds
/// the article's search index), and installing the starting set that ships with Almen.
public struct HelpLibrary: Sendable {
    let database: any Database
    let dependencies: AppDependencies

    public init(database: any Database, dependencies: AppDependencies) {
        self.database = database
        self.dependencies = dependencies
    }

    /// A new article in `scope` with its first version, a draft.
    func create(scope: HelpScope, slug: String, text: HelpArticleText, by staffID: UUID?) async throws -> HelpArticle {
        let article = HelpArticle(id: dependencies.uuid(), scope: scope, slug: slug, now: dependencies.now())
        try await database.transaction { transaction in
            try await article.create(on: transaction)
            try await HelpArticleVersion(
                id: dependencies.uuid(),
                articleID: try article.requireID(),
                number: 1,
                text: text,
                createdBy: staffID,
                now: dependencies.now()
            )
            .create(on: transaction)
        }
        return article
    }

    /// Saves `text` as the article's next version (a draft until it is published).
    func save(_ article: HelpArticle, text: HelpArticleText, by staffID: UUID?) async throws -> HelpArticleVersion {
        let articleID = try article.requireID()
        return try await database.transaction { transaction in
            // Lock the article so two saves cannot take the same number.
            try await Self.lock(articleID, on: transaction)
            let latest =
                try await HelpArticleVersion.query(on: transaction).filter(\.$articleID == articleID)
                .sort(\.$number, .descending).first()?.number ?? 0
            let version = HelpArticleVersion(
                id: dependencies.uuid(),
                articleID: articleID,
                number: latest + 1,
                text: text,
                createdBy: staffID,
                now: dependencies.now()
            )
            try await version.create(on: transaction)
            return version
        }
    }

    /// On PostgreSQL, locks the article's row for the transaction (SQLite has one writer at a time).
    static func lock(_ articleID: UUID, on database: any Database) async throws {
        try await database.lockRows(of: "help_articles", is: articleID)
    }

    /// Makes `version` the one residents read, and indexes its words for search. The article is
    /// locked while its index is replaced, so two publishes never leave both sets of words.
    func publish(_ article: HelpArticle, version: HelpArticleVersion, by staffID: UUID? = nil) async throws {
        let articleID = try article.requireID()
        let versionID = try version.requireID()
        try await database.transaction { transaction in
            try await Self.lock(articleID, on: transaction)
            article.publishedVersionID = versionID
            try await article.save(on: transaction)
            if version.publishedAt == nil {
                version.publishedAt = dependencies.now()
                version.publishedBy = staffID
                try await version.save(on: transaction)
            }
            try await index(article, version: version, on: transaction)
        }
    }

    /// Replaces the article's search index with the words of `version`.
    private func index(_ article: HelpArticle, version: HelpArticleVersion, on transaction: any Database) async throws {
        let articleID = try article.requireID()
        try await HelpTerm.query(on: transaction).filter(\.$articleID == articleID).delete()
        let terms = HelpIndex.terms(of: version, slug: article.slug)
        guard let sql = transaction as? any SQLDatabase else { return }
        for chunk in stride(from: 0, to: terms.count, by: 500) {
            var insert = sql.insert(into: HelpTerm.schema)
                .columns("id", "article_id", "scope_key", "language", "term", "weight")
            for entry in terms[chunk..<min(chunk + 500, terms.count)] {
                insert = insert.values(
                    SQLBind(dependencies.uuid()),
                    SQLBind(articleID),
                    SQLBind(article.scopeKey),
                    SQLBind(entry.language.rawValue),
                    SQLBind(entry.term),
                    SQLBind(entry.weight)
                )
            }
            try await insert.run()
        }
    }

    /// What the stored HTML and index are made with: when either changes, every version is
    /// rendered again and every published one indexed again (`refresh`).
    static var renderKey: String { "markdown \(HelpMarkdown.version), index \(HelpIndex.version)" }

    /// Renders every stored version again and rebuilds the index of every published article, if
    /// the renderer or the index have changed since the last time (`renderKey`). `almen migrate`
    /// runs it, so a fix to either reaches the articles already written.
    @discardableResult
    func refresh() async throws -> Bool {
        let stored = try await AppSetting.find(AppSetting.Key.helpRender, on: database)
        guard stored?.value != Self.renderKey else { return false }
        for article in try await HelpArticle.query(on: database).all() {
            let articleID = try article.requireID()
            try await database.transaction { transaction in
                try await Self.lock(articleID, on: transaction)
                for version in try await HelpArticleVersion.query(on: transaction).filter(\.$articleID == articleID)
                    .all()
                {
                    version.render()
                    try await version.save(on: transaction)
                    if version.id == article.publishedVersionID {
                        try await index(article, version: version, on: transaction)
                    }
                }
            }
        }
        if let stored {
            stored.value = Self.renderKey
            try await stored.save(on: database)
        } else {
            try await AppSetting(key: AppSetting.Key.helpRender, value: Self.renderKey).create(on: database)
        }
        return true
    }

    /// Installs the starting set (`Resources/Help`): a built-in article the database lacks is
    /// created, and one whose text differs from the files gets a new version, published. Safe to
    /// run again; `almen migrate` runs it. Returns how many articles it created or changed.
    @discardableResult
    public func installStartingSet() async throws -> Int {
        try await refresh()
        return try await install(try HelpStartingSet.load())
    }

    /// Installs `set` as the starting set (see `installStartingSet`); a built-in article whose
    /// file is gone is withdrawn (residents no longer see it; its versions are kept).
    @discardableResult
    func install(_ set: [HelpStartingSet.Article]) async throws -> Int {
        var changed = 0
        for entry in set {
            let existing = try await HelpArticle.query(on: database)
                .filter(\.$scopeKey == HelpScope.builtIn.key).filter(\.$slug == entry.slug).first()
            if let existing {
                let current = try await existing.publishedVersionID.asyncFlatMap {
                    try await HelpArticleVersion.find($0, on: database)
                }
                guard current?.text != entry.text else { continue }
                let version = try await save(existing, text: entry.text, by: nil)
                try await publish(existing, version: version)
            } else {
                let article = try await create(scope: .builtIn, slug: entry.slug, text: entry.text, by: nil)
                guard
                    let version = try await HelpArticleVersion.query(on: database)
                        .filter(\.$articleID == article.requireID()).first()
                else { continue }
                try await publish(article, version: version)
            }
            changed += 1
        }
        let slugs = Set(set.map(\.slug))
        for withdrawn in try await HelpArticle.query(on: database).filter(\.$scopeKey == HelpScope.builtIn.key)
            .filter(\.$publishedVersionID != nil).all() where !slugs.contains(withdrawn.slug)
        {
            let articleID = try withdrawn.requireID()
            try await database.transaction { transaction in
                withdrawn.publishedVersionID = nil
                try await withdrawn.save(on: transaction)
                try await HelpTerm.query(on: transaction).filter(\.$articleID == articleID).delete()
            }
            changed += 1
        }
        return changed
    }
}

/// The words of a version as the search index holds them.
enum HelpIndex {
    struct Entry: Equatable {
        let language: Language
        let term: String
        let weight: Int
    }

    /// Where a word stands counts: a title word ten times a word of the text, a summary word four
    /// times; a word repeated in the text counts at most five times.
    /// Bump when the words indexed from the same text change (the normaliser, the stopwords, the
    /// weights): `HelpLibrary.refresh` indexes every published article again.
    static let version = 3

    static let titleWeight = 10
    static let summaryWeight = 4
    static let maxBodyWeight = 5

    /// The index rows of a version: Danish from the Danish text; English from the English text,
    /// or from the Danish where no translation is written (an English reader finds it too).
    static func terms(of version: HelpArticleVersion, slug: String) -> [Entry] {
        let danish = weights(
            title: version.titleDa,
            summary: version.summaryDa,
            body: version.plainDa,
            slug: slug,
            language: .da
        )
        let english = weights(
            title: version.titleEn ?? version.titleDa,
            summary: version.summaryEn ?? version.summaryDa,
            body: version.plainEn ?? version.plainDa,
            slug: slug,
            language: version.titleEn == nil ? .da : .en
        )
        return danish.sorted { $0.key < $1.key }.map { Entry(language: .da, term: $0.key, weight: $0.value) }
            + english.sorted { $0.key < $1.key }.map { Entry(language: .en, term: $0.key, weight: $0.value) }
    }

    /// The index weights of an article's words; its address counts as a summary would
    /// ("boligbytte" finds the article at `/hjaelp/boligbytte`).
    static func weights(title: String, summary: String, body: String, slug: String, language: Language) -> [String: Int]
    {
        var body = terms(body, language).reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        body = body.mapValues { min($0, maxBodyWeight) }
        for term in Set(terms(summary, language) + terms(slug, .da)) { body[term, default: 0] += summaryWeight }
        for term in Set(terms(title, language)) { body[term, default: 0] += titleWeight }
        return body
    }

    /// The normalised words of a text in `language`, in order. Danish stopwords are always left
    /// out, English ones too for English text ("how", "the" would match every article), and so
    /// are single letters and digits. Words joined by a hyphen also count as one word
    /// ("sub-letting" is found as "subletting", "bolig-bytte" as "boligbytte").
    static func terms(_ text: String, _ language: Language) -> [String] {
        let words = DanishSearchTerms.scan(text)
        var terms: [String] = []
        for (index, word) in words.enumerated() {
            if language == .da || !englishStopwords.contains(word.text.lowercased()), let term = word.term,
                term.count > 1
            {
                terms.append(term)
            }
            if index + 1 < words.count, text[word.text.endIndex..<words[index + 1].text.startIndex] == "-",
                let joined = DanishSearchTerms.term(word.text + words[index + 1].text), joined.count > 1
            {
                terms.append(joined)
            }
        }
        return terms
    }

    static let englishStopwords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "if",
        "in", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "so", "that", "the", "their",
        "there", "this", "to", "was", "we", "what", "when", "where", "which", "who", "will", "with", "you",
        "your",
    ]
}
