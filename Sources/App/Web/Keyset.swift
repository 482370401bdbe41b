import Foundation
import SQLKit
import Vapor

/// Lists page newest first by keyset (issue: Fast pages): a page ends where the next begins, named
/// by the last row's id (`?foer=<id>`), so a page costs the same however deep it is and rows added
/// meanwhile neither repeat nor go missing. The query compares with the cursor row's own sort key,
/// read in the same statement, so timestamps never pass through text.
enum Keyset {
    /// Rows on a page.
    static let pageSize = 25
    /// The query parameter naming the row a page starts after.
    static let parameter = "foer"

    /// The cursor of a request, if any (anything but an id starts from the top).
    static func cursor(_ req: Request) -> UUID? {
        req.queryValue(parameter).flatMap(UUID.init(uuidString:))
    }

    /// `AND` clause: rows of `table` (aliased `alias`) strictly after the cursor row in the order
    /// `column DESC, id DESC`; empty without a cursor. A row-value comparison with the cursor row,
    /// read once, so both databases walk an index on `(column, id)` from the cursor on. An unknown
    /// cursor matches nothing (an empty page, with the way back to the top).
    /// With `ascending`, strictly after it in the order `column, id` (a list by name).
    static func after(
        _ cursor: UUID?,
        table: String,
        alias: String,
        column: String,
        ascending: Bool = false
    ) -> SQLQueryString {
        guard let cursor else { return "" }
        return """
             AND (\(ident: alias).\(ident: column), \(ident: alias).id) \(unsafeRaw: ascending ? ">" : "<") (SELECT k.\(ident: column), k.id FROM \(ident: table) k WHERE k.id = \(bind: cursor))
            """
    }

    /// `expression` (constant SQL of ours, never input) contains `search`, ignoring case: a
    /// `LIKE` with `%`, `_` and `\\` taken literally. `LOWER` folds only A–Z on SQLite (and on a
    /// PostgreSQL in the C locale), but every letter on a PostgreSQL in a Danish locale; Æ, Ø and Å
    /// are folded by hand as well, so "østergade", "Østergade" and "ØSTERGADE" find "Østergade" on
    /// every database.
    ///
    /// A search typed without the Danish letters finds them too: both sides are also compared with
    /// æ written ae, ø and oe written o, and å and aa written a (`folded`), so "jorgensen",
    /// "joergensen" and "Jørgensen" each find "Jørgensen", and "Aabenraa" finds "Åbenrå". The
    /// comparison as typed stays beside it: a search is never narrowed by the folding. Names from
    /// other languages fold too: ı as i, é as e, ö as o, ü as u ("yilmaz" finds "Yılmaz"). A
    /// search folded to fewer than three letters ("Aa" is "a") is not folded, nor one without a
    /// letter folding can change (a number, a case number), which it can find nothing more for.
    static func like(_ expression: String, _ search: String) -> SQLQueryString {
        let lowered = "REPLACE(REPLACE(REPLACE(LOWER(\(expression)), 'Æ', 'æ'), 'Ø', 'ø'), 'Å', 'å')"
        let typed = matching(lowered, search, anywhere: true)
        let foldedSearch = Self.folded(search)
        guard foldedSearch.count >= 3, search.lowercased().contains(where: { "aeoiuæøåıéöü".contains($0) }) else {
            return typed
        }
        let folded = foldings.reduce(lowered) { "REPLACE(\($0), '\($1.0)', '\($1.1)')" }
        return "(" + typed + " OR \(unsafeRaw: folded) LIKE "
            + "\(bind: likePattern(foldedSearch, true)) ESCAPE '\\')"
    }

    /// The Danish letters and their spellings without them, in the order both sides fold them,
    /// then other languages' letters a Danish keyboard lacks (their capitals too: SQLite's
    /// `LOWER` leaves them).
    private static let foldings = [
        ("æ", "ae"), ("ø", "o"), ("å", "a"), ("aa", "a"), ("oe", "o"),
        // "İ" lowered is "i" and a combining dot, in Swift and on PostgreSQL.
        ("i\u{0307}", "i"), ("ı", "i"), ("é", "e"), ("ö", "o"), ("ü", "u"), ("İ", "i"), ("É", "e"), ("Ö", "o"),
        ("Ü", "u"),
    ]

    /// `text` in lower case, written without æ, ø and å as `like` compares it.
    static func folded(_ text: String) -> String {
        foldings.reduce(text.lowercased()) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// `expression` begins with `search`, ignoring case, as `like`. On PostgreSQL an index on
    /// `LOWER(expression) text_pattern_ops` finds the rows without reading the whole table, which
    /// a search for text anywhere in it cannot do.
    ///
    /// On PostgreSQL the beginning is written as the texts from `search` up to the first text
    /// after all that begin with it (`following`), in the index's byte order (`~>=~`, `~<~`):
    /// the same rows as `LIKE 'search%'`, with nothing to escape. PostgreSQL estimates such a
    /// range by a binary search of the index's histogram, where it tries a `LIKE` against every
    /// entry of it (a thousand for the names, `AddNameSearchStatistics`): the estate's search
    /// statement, planned and run, took 1.1–1.8 ms instead of 1.5–2.6 (docs/benchmarks.md).
    /// SQLite compares with `LIKE`.
    static func prefix(_ expression: String, _ search: String, on database: any SQLDatabase) -> SQLQueryString {
        guard database.dialect.name == "postgresql" else { return matching(expression, search, anywhere: false) }
        let lowered = "LOWER(\(expression))"
        let tests = Array(Set([search.lowercased(), asciiLowercased(search)])).sorted().map { text -> SQLQueryString in
            guard let end = following(text) else { return "\(unsafeRaw: lowered) ~>=~ \(bind: text)" }
            return "\(unsafeRaw: lowered) ~>=~ \(bind: text) AND \(unsafeRaw: lowered) ~<~ \(bind: end)"
        }
        return "((" + tests.joined(separator: ") OR (") + "))"
    }

    /// The first text after every text that begins with `text`, in the order of their UTF-8 bytes
    /// (which is the order of their Unicode scalars): `text` with its last character the next one
    /// ("havevej 3" gives "havevej 4"); nil for no text or for one of only the last scalar.
    static func following(_ text: String) -> String? {
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.popLast() {
            // The surrogates are no scalars: after U+D7FF comes U+E000.
            let value = last.value == 0xD7FF ? 0xE000 : last.value + 1
            if let next = Unicode.Scalar(value) {
                scalars.append(next)
                return String(String.UnicodeScalarView(scalars))
            }
        }
        return nil
    }

    private static func matching(_ expression: String, _ search: String, anywhere: Bool) -> SQLQueryString {
        let patterns = Array(
            Set([likePattern(search.lowercased(), anywhere), likePattern(asciiLowercased(search), anywhere)])
        ).sorted()
        let tests = patterns.map { pattern -> SQLQueryString in
            "LOWER(\(unsafeRaw: expression)) LIKE \(bind: pattern) ESCAPE '\\'"
        }
        return "(" + tests.joined(separator: " OR ") + ")"
    }

    private static func likePattern(_ text: String, _ anywhere: Bool) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return (anywhere ? "%" : "") + escaped + "%"
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }
            )
        )
    }

    /// A search text from the query, trimmed, at most 100 characters; nil when empty.
    static func search(_ req: Request) -> String? {
        let text = (req.queryValue("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : String(text.prefix(100))
    }
}

/// The links under a paged list: to the next (older) page, and back to the first while not on it.
/// Both keep the list's filters.
struct Pager: Encodable, Sendable {
    let nextHref: String?
    let firstHref: String?
    /// A list in alphabetical order says "next page" and "first page"; one by time says "older"
    /// and "back to the newest".
    var alphabetical = false

    /// `rows` as read (one more than a page when another follows), cut to a page, with its pager.
    static func page<Row>(
        _ rows: [Row],
        size: Int = Keyset.pageSize,
        id: (Row) -> UUID,
        route: SiteRoute,
        query: [(String, String?)],
        cursor: UUID?,
        alphabetical: Bool = false
    ) -> (rows: [Row], pager: Pager) {
        let shown = Array(rows.prefix(size))
        let next = rows.count > size ? shown.last.map(id) : nil
        return (
            shown,
            Pager(
                nextHref: next.map { route.path(query: query + [(Keyset.parameter, $0.lowercasedString)]) },
                firstHref: cursor == nil ? nil : route.path(query: query),
                alphabetical: alphabetical
            )
        )
    }
}
