import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// What the help centre's pages read, in a fixed few statements however many articles there are.
/// A reader sees, for each slug, the most specific published article of their context
/// (`HelpScope.visibleKeys`): a department's over its organisation's over the starting set.
enum HelpPage {
    /// Keeps the article `a` unless a more specific published article with its slug is visible
    /// (`keys`, the placeholders of the three visible scope keys).
    static func notReplaced(keys: String = "$1, $2, $3") -> String {
        """
        NOT EXISTS (SELECT 1 FROM help_articles b WHERE b.slug = a.slug AND b.scope_key IN (\(keys))
          AND b.scope_rank > a.scope_rank AND b.published_version_id IS NOT NULL)
        """
    }

    /// An article in a list: its slug, topic, titles and summaries.
    struct Listed: Decodable, Sendable {
        let slug: String
        let topic: String
        let title_da: String
        let summary_da: String
        let title_en: String?
        let summary_en: String?

        func title(_ language: Language) -> String { language == .en ? title_en ?? title_da : title_da }
        func summary(_ language: Language) -> String { language == .en ? summary_en ?? summary_da : summary_da }
    }

    /// Every article a reader in the context sees: one statement.
    struct VisibleQuery: PreparedQuery {
        typealias Row = Listed
        let keys: [String]
        static let sql = """
            SELECT a.slug, v.topic, v.title_da, v.summary_da, v.title_en, v.summary_en
            FROM help_articles a JOIN help_article_versions v ON v.id = a.published_version_id
            WHERE a.scope_key IN ($1, $2, $3) AND \(notReplaced())
            ORDER BY v.title_da
            """
        var binds: [SQLValue] { keys.map(SQLValue.text) }
    }

    static func visible(in scope: HelpScope, on database: any Database) async throws -> [Listed] {
        try await VisibleQuery(keys: scope.visibleKeys).all(on: database)
    }

    /// One article as a reader sees it.
    struct Article: Decodable, Sendable {
        let slug: String
        let scope_rank: Int
        let topic: String
        let related: String
        let embed: String?
        let number: Int
        let title_da: String
        let summary_da: String
        let html_da: String
        let title_en: String?
        let summary_en: String?
        let html_en: String?

        var relatedSlugs: [String] { related.split(separator: ",").map(String.init) }
    }

    struct ArticleQuery: PreparedQuery {
        typealias Row = HelpPage.Article
        let keys: [String]
        let slug: String
        static let sql = """
            SELECT a.slug, a.scope_rank, v.topic, v.related, v.embed, v.number, v.title_da, v.summary_da, v.html_da,
              v.title_en, v.summary_en, v.html_en
            FROM help_articles a JOIN help_article_versions v ON v.id = a.published_version_id
            WHERE a.slug = $4 AND a.scope_key IN ($1, $2, $3) AND \(notReplaced())
            """
        var binds: [SQLValue] { keys.map(SQLValue.text) + [.text(slug)] }
    }

    static func article(_ slug: String, in scope: HelpScope, on database: any Database) async throws -> Article? {
        try await ArticleQuery(keys: scope.visibleKeys, slug: slug).first(on: database)
    }

    /// Counts a read of the article in the reader's context: one statement (an upsert).
    struct ReadQuery: PreparedQuery {
        struct Row: Decodable, Sendable {}
        let scopeKey: String
        let slug: String
        static let sql = """
            INSERT INTO help_reads (scope_key, slug, reads) VALUES ($1, $2, 1)
            ON CONFLICT (scope_key, slug) DO UPDATE SET reads = help_reads.reads + 1
            """
        var binds: [SQLValue] { [.text(scopeKey), .text(slug)] }
    }

    static func recordRead(_ slug: String, in scope: HelpScope, on database: any Database) async throws {
        _ = try await ReadQuery(scopeKey: scope.key, slug: slug).all(on: database)
    }

    /// A search hit in the reader's language (English falls back to Danish where an article has
    /// none): the article with the number of the query's words it has and its score.
    struct Hit: Decodable, Sendable {
        let slug: String
        let title: String
        let summary: String
        /// The article as plain text, for the excerpt around the first word found.
        let plain: String
        let matched: Int
        let score: Int
    }

    /// The words of a query as the index holds them: the first `maxQueryTerms` different ones, in
    /// the order typed.
    static func queryTerms(_ query: String, _ language: Language) -> [String] {
        var seen = Set<String>()
        return Array(HelpIndex.terms(query, language).filter { seen.insert($0).inserted }.prefix(maxQueryTerms))
    }

    /// At most this many hits are shown.
    static let maxHits = 20
    /// At most this many words of a query are looked up.
    static let maxQueryTerms = 8

    /// The articles of the context with the query's words (normalised as the index is), most words
    /// first, then by weight: one statement, which reads the index by word and scope and joins only
    /// the hits.
    static func search(
        _ query: String,
        language: Language,
        in scope: HelpScope,
        on database: any Database
    ) async throws -> [Hit] {
        let terms = queryTerms(query, language)
        guard !terms.isEmpty, let sql = database as? any SQLDatabase else { return [] }
        let keys = scope.visibleKeys
        // Only the reader's language is read: an article's plain text is its longest column.
        let texts =
            language == .en
            ? "COALESCE(v.title_en, v.title_da) AS title, COALESCE(v.summary_en, v.summary_da) AS summary, COALESCE(v.plain_en, v.plain_da) AS plain"
            : "v.title_da AS title, v.summary_da AS summary, v.plain_da AS plain"
        let statement: SQLQueryString = """
            SELECT a.slug, \(unsafeRaw: texts), s.matched, s.score
            FROM (
              SELECT t.article_id, COUNT(DISTINCT t.term) AS matched, CAST(SUM(t.weight) AS BIGINT) AS score FROM help_terms t
              WHERE t.language = \(bind: language.rawValue) AND t.term IN (\(binds: terms))
                AND t.scope_key IN (\(binds: keys))
              GROUP BY t.article_id
            ) s
            JOIN help_articles a ON a.id = s.article_id
            JOIN help_article_versions v ON v.id = a.published_version_id
            WHERE NOT EXISTS (SELECT 1 FROM help_articles b WHERE b.slug = a.slug AND b.scope_key IN (\(binds: keys))
              AND b.scope_rank > a.scope_rank AND b.published_version_id IS NOT NULL)
            ORDER BY s.matched DESC, s.score DESC, a.slug
            LIMIT \(unsafeRaw: String(maxHits))
            """
        return try await sql.raw(statement).rows(decoding: Hit.self)
    }
}

/// Text with the words of a query marked with `<mark>`. It is written as HTML here, each piece
/// escaped, and a view writes it with `#unsafeHTML`: twenty hits' titles, summaries and excerpts
/// as Leaf loops over their pieces were a fifth of the search page's time.
struct MarkedText: Encodable, Equatable, Sendable {
    struct Piece: Encodable, Equatable, Sendable {
        let text: String
        let hit: Bool
    }

    let pieces: [Piece]

    /// `text` with every word whose normalised form is one of `terms` marked.
    init(_ text: String, terms: Set<String>) {
        var pieces: [Piece] = []
        var position = text.startIndex
        for word in DanishSearchTerms.matches(in: text, terms: terms) {
            if position < word.startIndex {
                pieces.append(Piece(text: String(text[position..<word.startIndex]), hit: false))
            }
            pieces.append(Piece(text: String(word), hit: true))
            position = word.endIndex
        }
        if position < text.endIndex { pieces.append(Piece(text: String(text[position...]), hit: false)) }
        self.pieces = pieces
    }

    /// The text as HTML: escaped, with each marked word in `<mark>`.
    var html: String {
        var html = ""
        for piece in pieces {
            html += piece.hit ? "<mark>" + HelpMarkdown.escape(piece.text) + "</mark>" : HelpMarkdown.escape(piece.text)
        }
        return html
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(html)
    }

    /// An excerpt looks for its first marked word this far into a text (about a page); a text
    /// whose first match is further in, or only in its title, shows its beginning. Reading every
    /// word of twenty long articles was the search page's largest cost.
    static let scanLimit = 3_000

    /// About `length` characters of `text` around its first marked word: whole words, with "…"
    /// where text was left out.
    static func excerpt(_ text: String, terms: Set<String>, length: Int = 220) -> MarkedText {
        let isLong =
            text.index(text.startIndex, offsetBy: length, limitedBy: text.endIndex).map { $0 < text.endIndex }
            ?? false
        let scanned = text.index(text.startIndex, offsetBy: scanLimit, limitedBy: text.endIndex) ?? text.endIndex
        guard isLong, let first = DanishSearchTerms.firstMatch(in: text[..<scanned], terms: terms) else {
            return MarkedText(isLong ? String(text.prefix(length)) + " …" : text, terms: terms)
        }
        let before = text.distance(from: text.startIndex, to: first.startIndex)
        var start = text.index(text.startIndex, offsetBy: max(0, before - length / 3))
        while start > text.startIndex, !text[text.index(before: start)].isWhitespace {
            start = text.index(before: start)
        }
        var end = text.index(start, offsetBy: length, limitedBy: text.endIndex) ?? text.endIndex
        while end < text.endIndex, !text[end].isWhitespace { end = text.index(after: end) }
        let prefix = start > text.startIndex ? "… " : ""
        let suffix = end < text.endIndex ? " …" : ""
        return MarkedText(prefix + text[start..<end] + suffix, terms: terms)
    }
}
