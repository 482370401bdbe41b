import Leaf
import LeafKit
import Vapor

/// The words of a page written into its template once per language, instead of being looked up
/// and escaped on every render (issue: Fast pages).
///
/// A view reads a word as `#(page.t.key)`. Each such lookup walks three dictionaries and escapes
/// the word character by character, on every request; on a form with forty labels that was a
/// large part of the page's time. Pages are therefore rendered from a copy of their template per
/// language (`da/my-home`, `en/my-home`): `WordsSource` reads the file and writes each
/// `#(page.t.key)` the language has as its escaped text, and points `#extend("base")` at the same
/// language's copy. LeafKit parses and caches each copy once. A key the language lacks stays an
/// expression, rendered as before; `TextCompletenessTests` fails on it.
struct WordsSource: LeafSource {
    let files: any LeafSource

    func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
        guard let (language, name) = Self.split(template) else {
            return try files.file(template: template, escape: escape, on: eventLoop)
        }
        return try files.file(template: name, escape: escape, on: eventLoop).flatMapThrowing { buffer in
            var buffer = buffer
            guard let text = buffer.readString(length: buffer.readableBytes) else {
                throw LeafError(.unknownError("\(name) is not UTF-8 text"))
            }
            return ByteBuffer(string: Self.written(text, in: language))
        }
    }

    /// `da/my-home` → (.da, `my-home`); nil for a name with no language.
    static func split(_ template: String) -> (Language, String)? {
        guard let slash = template.firstIndex(of: "/"),
            let language = Language(rawValue: String(template[..<slash]))
        else { return nil }
        return (language, String(template[template.index(after: slash)...]))
    }

    /// The template with the language's words written in and its extends pointed at the
    /// language's copies.
    static func written(_ template: String, in language: Language) -> String {
        let words = Strings.table(language)
        let withWords = template.replacing(wordExpression) { match in
            // Right after a tag without parameters (`#endif`), a word would run into its name.
            let before = template[..<match.range.lowerBound].suffix(16)
            guard !before.contains(bareTagAtEnd), let word = words[String(match.output.1)] else {
                return String(match.output.0)
            }
            return raw(word)
        }
        return withWords.replacing(extendExpression) { match in
            "#extend(\"\(language.rawValue)/\(match.output.1)\")"
        }
    }

    /// A word as Leaf would print it (escaped), with nothing Leaf reads as a tag (`#`) or an
    /// escape (`\`).
    static func raw(_ word: String) -> String {
        HelpMarkdown.escape(word, leafSyntax: true)
    }

    nonisolated(unsafe) private static let wordExpression = #/#\(page\.t\.([A-Za-z0-9_]+)\)/#
    nonisolated(unsafe) private static let bareTagAtEnd = #/#[A-Za-z]+$/#
    nonisolated(unsafe) private static let extendExpression = #/#extend\("([^"/]+)"\)/#
}

/// `req.view` renders a page from its template's copy in the request's language (`WordsSource`).
/// Without a request (nothing in the app renders so today), the template itself.
struct WordsViewRenderer: ViewRenderer {
    let base: any ViewRenderer
    let language: Language?

    func `for`(_ request: Request) -> any ViewRenderer {
        WordsViewRenderer(base: base.for(request), language: request.language)
    }

    func render<E: Encodable>(_ name: String, _ context: E) -> EventLoopFuture<View> {
        base.render(language.map { "\($0.rawValue)/\(name)" } ?? name, context)
    }
}
