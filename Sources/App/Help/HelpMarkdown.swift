import Foundation
import Ink

/// Article Markdown to HTML (with Ink), safe to put in a page as it is: raw HTML in the text is
/// shown as text, a link keeps only an address of its own site, `https`, `http` or `mailto`
/// (anything else, `javascript:` among them, becomes plain text), an image becomes its
/// description, and a level-one heading becomes level two (the page's title is the only `h1`).
enum HelpMarkdown {
    struct Rendered: Equatable, Sendable {
        let html: String
        /// The text without markup, for search and excerpts.
        let plain: String
        /// Every link's address as written, in order (for the editor's link check).
        let links: [String]
    }

    static func render(_ markdown: String) -> Rendered {
        let links = LinkCollector()
        let parser = MarkdownParser(modifiers: [
            Modifier(target: .html) { escape(String($0.markdown)) },
            Modifier(target: .images) { input in escape(imageDescription(input.markdown)) },
            Modifier(target: .links) { input in
                let (address, text) = parts(ofLink: input.markdown, html: input.html)
                links.addresses.append(address ?? "")
                guard let address, isAllowed(address) else { return text }
                let external = !address.hasPrefix("/")
                return "<a href=\"\(escape(address))\"\(external ? " rel=\"noopener noreferrer\"" : "")>\(text)</a>"
            },
            Modifier(target: .headings) { input in
                guard input.html.hasPrefix("<h1>") else { return input.html }
                return "<h2>" + input.html.dropFirst(4).dropLast(5) + "</h2>"
            },
        ])
        // Ink reads a leading "---" block as metadata: the body has none, so it must stay text.
        let html = parser.html(from: markdown.hasPrefix("---") ? "\\" + markdown : markdown)
        return Rendered(html: html, plain: plainText(html), links: links.addresses)
    }

    /// Whether a link may be followed from an article: a path on this site, or a web or mail
    /// address. Spaces, quotes and angle brackets are never part of an address.
    static func isAllowed(_ address: String) -> Bool {
        guard !address.isEmpty, !address.contains(where: { $0.isWhitespace || "\"'<>\\".contains($0) }) else {
            return false
        }
        if address.hasPrefix("/") { return !address.hasPrefix("//") }
        if address.hasPrefix("mailto:") { return address.contains("@") }
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), let host = url.host else {
            return false
        }
        return (scheme == "https" || scheme == "http") && host.contains(".")
    }

    /// The article a site path points at (`/hjaelp/<slug>`), if it points at one.
    static func articleSlug(_ address: String) -> String? {
        guard address.hasPrefix(helpPrefix) else { return nil }
        let rest = address.dropFirst(helpPrefix.count)
        let slug = rest.prefix { $0 != "?" && $0 != "#" && $0 != "/" }
        return slug.isEmpty ? nil : String(slug)
    }

    static let helpPrefix = SiteRoute.help.path + "/"

    /// The address and the rendered text of a link. Ink writes `<a href="ADDRESS">TEXT</a>` for an
    /// inline link `[text](address)`; a reference link (`[text][name]`) gives no address here.
    private static func parts(ofLink markdown: Substring, html: String) -> (String?, String) {
        let opening = "<a href=\""
        guard let split = markdown.range(of: "]("), markdown.hasSuffix(")") else {
            let text = markdown.dropFirst().prefix { $0 != "]" }
            return (nil, escape(String(text)))
        }
        let address = String(markdown[split.upperBound..<markdown.index(before: markdown.endIndex)])
        let prefix = opening + address + "\">"
        guard html.hasPrefix(prefix), html.hasSuffix("</a>") else { return (nil, escape(String(markdown))) }
        return (address, String(html.dropFirst(prefix.count).dropLast(4)))
    }

    private static func imageDescription(_ markdown: Substring) -> String {
        guard markdown.hasPrefix("![") else { return String(markdown) }
        return String(markdown.dropFirst(2).prefix { $0 != "]" })
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The words of rendered HTML: tags become spaces, the entities Ink and `escape` write are
    /// read back, runs of white space become one space.
    static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
            } else if character == ">" && inTag {
                inTag = false
                text.append(" ")
            } else if !inTag {
                text.append(character)
            }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private final class LinkCollector {
        var addresses: [String] = []
    }
}
