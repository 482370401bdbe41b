import Vapor

/// A page written as HTML in Swift instead of a Leaf template (a "compiled view"), for a page
/// that runs most often and whose profile shows Leaf as its largest part: Leaf resolves every
/// `#(a.b)` through dictionaries of `LeafData` and first converts the whole context into them
/// (docs/benchmarks.md). A compiled view writes the same markup as its template would, with
/// every value escaped (`HTMLText.escape`) and every word the language's.
///
/// The layout around the body is `PageChrome`'s, the same for Leaf pages and compiled ones.
enum CompiledView {
    /// The whole document: the chrome's header, `body`, the chrome's footer.
    static func response(_ chrome: PageChrome, body: String, status: HTTPStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: document(chrome, body: body)))
    }

    /// The whole document as a `View`, for a page whose callers answer with one (and set its
    /// status, as they do for a Leaf page's).
    static func view(_ chrome: PageChrome, body: String) -> View {
        View(data: ByteBuffer(string: document(chrome, body: body)))
    }

    private static func document(_ chrome: PageChrome, body: String) -> String {
        var html = chrome.header
        html.reserveCapacity(html.utf8.count + body.utf8.count + 512)
        html += body
        html += chrome.footer
        html += "</body>\n</html>\n"
        return html
    }
}

/// Escaped text and words for a compiled view, in one language.
struct HTMLText {
    let strings: [String: String]

    init(_ language: Language) {
        strings = Strings.table(language)
    }

    /// A value, escaped for text and attribute values alike.
    static func escape(_ value: some StringProtocol) -> String { HelpMarkdown.escape(value) }

    /// A word of the language, escaped (the key itself when the language lacks it;
    /// `TextCompletenessTests` fails on that).
    func word(_ key: String) -> String { Self.escape(strings[key] ?? key) }

    /// The keyset pager below a list (`pager.leaf`).
    func pager(_ pager: Pager) -> String {
        guard pager.nextHref != nil || pager.firstHref != nil else { return "" }
        var html = "<nav class=\"pager\" aria-label=\"\(word("listPages"))\"><ul class=\"links\">"
        if let first = pager.firstHref {
            html +=
                "<li><a href=\"\(Self.escape(first))\">\(word(pager.alphabetical ? "listFirst" : "listNewest"))</a></li>"
        }
        if let next = pager.nextHref {
            html +=
                "<li><a href=\"\(Self.escape(next))\" rel=\"next\">\(word(pager.alphabetical ? "listNext" : "listOlder"))</a></li>"
        }
        return html + "</ul></nav>"
    }

    /// The problems of a list's days, and any other of its filter's (`also`), above its form
    /// (`period-errors.leaf`).
    func periodErrors(_ period: ListPeriod.Fields, also: [FieldError] = []) -> String {
        let problems = period.errorList + also
        guard !problems.isEmpty else { return "" }
        var html = "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-title\">\n"
        html += "  <h2 id=\"error-title\">\(word("calcError"))</h2>\n  <ul>"
        for item in problems {
            html += "<li><a href=\"#\(Self.escape(item.field))\">\(Self.escape(item.message))</a></li>"
        }
        return html + "</ul>\n</div>\n"
    }

    /// A list's two day fields, "fra" and "til" (`period-fields.leaf`).
    func periodFields(_ period: ListPeriod.Fields) -> String {
        func field(_ name: String, label: String, value: String, error: String?) -> String {
            var html = "<div class=\"field\"><label for=\"\(name)\">\(Self.escape(label))</label>"
            if let error { html += "<p class=\"field-error\" id=\"\(name)-error\">\(Self.escape(error))</p>" }
            html += "<input type=\"date\" id=\"\(name)\" name=\"\(name)\" value=\"\(Self.escape(value))\""
            html += " min=\"1900-01-01\" max=\"2200-12-31\""
            if error != nil { html += " aria-invalid=\"true\" aria-describedby=\"\(name)-error\"" }
            return html + "></div>"
        }
        return field("fra", label: period.fromLabel, value: period.from, error: period.fromError) + "\n  "
            + field("til", label: period.toLabel, value: period.to, error: period.toError) + "\n"
    }
}
