import Foundation

/// Article Markdown to HTML that is safe to put in a page as it is, in time linear in the text.
///
/// Only the part of Markdown that articles use is read: headings (`##`; a level-one `#` becomes
/// level two, as the page's title is the only `h1`), paragraphs, bulleted and numbered lists,
/// quotes (`>`), a rule (`---`), `**strong**`, `*emphasis*`, `` `code` `` and links
/// `[text](address)`. Everything else is text: every character is escaped, so HTML written in an
/// article is shown as the characters typed, never run. A link keeps only an address of this site,
/// `https`, `http`, `mailto` or `tel` (`isAllowed`); any other becomes its text.
///
/// A general Markdown library was not used: Ink (the one available) passes raw HTML through its
/// entity handling and a code block's language into an attribute, and its link parsing takes
/// exponential time in the number of unclosed brackets, which a member of staff could type.
enum HelpMarkdown {
    struct Rendered: Equatable, Sendable {
        let html: String
        /// The text without markup, for search and excerpts.
        let plain: String
        /// Every link's address as written, in order (for the editor's link check).
        let links: [String]
    }

    /// Bump when the HTML or plain text made from the same Markdown changes: `almen migrate`
    /// then renders every stored version again (`HelpLibrary.refresh`).
    static let version = 3

    static func render(_ markdown: String) -> Rendered {
        var output = Output()
        for block in blocks(markdown) {
            switch block {
            case .heading(let level, let text):
                output.html += "<h\(level)>"
                output.inline(text)
                output.html += "</h\(level)>"
            case .paragraph(let text):
                output.html += "<p>"
                output.inline(text)
                output.html += "</p>"
            case .quote(let text):
                output.html += "<blockquote><p>"
                output.inline(text)
                output.html += "</p></blockquote>"
            case .list(let ordered, let items):
                output.html += ordered ? "<ol>" : "<ul>"
                for item in items {
                    output.html += "<li>"
                    output.inline(item)
                    output.html += "</li>"
                    output.plain += " "
                }
                output.html += ordered ? "</ol>" : "</ul>"
            case .rule:
                output.html += "<hr>"
            }
            output.plain += " "
        }
        let plain = output.plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return Rendered(html: output.html, plain: plain, links: output.links)
    }

    /// Whether a link may be followed from an article: a path on this site, or a web or mail
    /// address. Spaces, quotes and angle brackets are never part of an address.
    static func isAllowed(_ address: String) -> Bool {
        // Printable ASCII only, compared by code point: a combining mark joined to a quote is one
        // Swift `Character` but still a quote to the browser.
        guard !address.isEmpty,
            address.unicodeScalars.allSatisfy({
                (0x21...0x7E).contains($0.value) && !"\"'<>\\`".unicodeScalars.contains($0)
            })
        else {
            return false
        }
        if address.hasPrefix("/") { return !address.hasPrefix("//") }
        if address.hasPrefix("mailto:") { return address.contains("@") }
        if address.hasPrefix("tel:") {
            let number = address.dropFirst(4)
            return (4...16).contains(number.count) && number.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "+") }
        }
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

    /// HTML-escapes by code point, not by `Character`: a `<` that a combining mark or a prepended
    /// character joins into one grapheme is still a `<` to the browser. With `leafSyntax`, also
    /// `#` and `\`, so that the text written into a Leaf template cannot become a tag or an escape.
    ///
    /// It works on the UTF-8 bytes: every character it replaces is ASCII, and an ASCII byte is
    /// never part of another code point in UTF-8, so this is the same as going by code point. A
    /// text with nothing to replace (most names, addresses and dates) is returned as it is; the
    /// lists written in Swift escape every cell (a profile of the letters list: 6 % of its CPU).
    static func escape(_ text: some StringProtocol, leafSyntax: Bool = false) -> String {
        let replaced = { (byte: UInt8) -> String? in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            case UInt8(ascii: "#") where leafSyntax: "&#35;"
            case UInt8(ascii: "\\") where leafSyntax: "&#92;"
            default: nil
            }
        }
        let special = { (byte: UInt8) -> Bool in
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
            case UInt8(ascii: "#"), UInt8(ascii: "\\"): leafSyntax
            default: false
            }
        }
        // Most texts have nothing to replace: look through their bytes in place, without making
        // an entity for each.
        let plain =
            text.utf8.withContiguousStorageIfAvailable { !$0.contains(where: special) }
            ?? !text.utf8.contains(where: special)
        guard !plain else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            if let entity = replaced(byte) { bytes += entity.utf8 } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Blocks

    enum Block: Equatable {
        case heading(Int, String)
        case paragraph(String)
        case quote(String)
        case list(ordered: Bool, items: [String])
        case rule
    }

    /// The blocks of the text, line by line: a blank line ends a paragraph, quote or list; a
    /// line that is not an item continues the open list's last item.
    static func blocks(_ markdown: String) -> [Block] {
        var blocks: [Block] = []
        var paragraph: [Substring] = []
        var quote: [Substring] = []
        var list: (ordered: Bool, items: [String])?
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
            if !quote.isEmpty { blocks.append(.quote(quote.joined(separator: " "))) }
            if let open = list { blocks.append(.list(ordered: open.ordered, items: open.items)) }
            paragraph = []
            quote = []
            list = nil
        }
        let text = markdown.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty {
                flush()
            } else if let (level, heading) = headingLine(line) {
                flush()
                blocks.append(.heading(level, String(heading)))
            } else if line.allSatisfy({ $0 == "-" }) && line.count >= 3 && paragraph.isEmpty && list == nil {
                flush()
                blocks.append(.rule)
            } else if let (ordered, item) = listItem(line) {
                // Changed in place (no copy of the list held while it grows).
                if list?.ordered == ordered {
                    list!.items.append(String(item))
                } else {
                    flush()
                    list = (ordered, [String(item)])
                }
            } else if line.hasPrefix(">") {
                if !paragraph.isEmpty || list != nil { flush() }
                quote.append(line.dropFirst().drop { $0 == " " })
            } else if let count = list?.items.count, count > 0 {
                list!.items[count - 1] += " " + line
            } else {
                if !quote.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return blocks
    }

    /// `## Heading`: its level (at least 2) and text.
    private static func headingLine(_ line: Substring) -> (Int, Substring)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.first == " " else { return nil }
        return (max(2, hashes), rest.drop { $0 == " " })
    }

    /// `- item`, `* item` or `1. item`: whether the list is numbered, and the item's text.
    private static func listItem(_ line: Substring) -> (Bool, Substring)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (false, line.dropFirst(2))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
        return (true, rest.dropFirst(2))
    }

    // MARK: Inline text

    /// HTML, plain text and links, written as the blocks are read.
    private struct Output {
        var html = ""
        var plain = ""
        var links: [String] = []

        mutating func inline(_ text: String, links allowed: Bool = true) {
            var scanner = InlineScanner(Array(text))
            scanner.render(into: &self, links: allowed)
        }
    }

    /// One pass over a block's text. Each closing mark is looked for at most once from any place
    /// (`Finder`), so the work is linear in the text however the marks are placed.
    private struct InlineScanner {
        let characters: [Character]
        var finders: [String: Finder] = [:]

        init(_ characters: [Character]) {
            self.characters = characters
        }

        /// The first place at or after `start` where `token` begins, remembered per token.
        struct Finder {
            var checkedFrom = Int.max
            var found: Int?
        }

        mutating func find(_ token: String, from start: Int) -> Int? {
            let marks = Array(token)
            var finder = finders[token] ?? Finder()
            if start >= finder.checkedFrom {
                guard let found = finder.found else { return nil }
                if found >= start { return found }
            }
            var index = start
            var result: Int?
            scan: while index + marks.count <= characters.count {
                for offset in 0..<marks.count where characters[index + offset] != marks[offset] {
                    index += 1
                    continue scan
                }
                result = index
                break
            }
            finder.checkedFrom = start
            finder.found = result
            finders[token] = finder
            return result
        }

        /// Where the address that starts at `start` ends: the `)` that closes it, with any
        /// parentheses inside it balanced; remembered per start.
        var addressEnds: [Int: Int?] = [:]

        mutating func addressEnd(from start: Int) -> Int? {
            if let known = addressEnds[start] { return known }
            var depth = 0
            var result: Int?
            for index in start..<characters.count {
                let character = characters[index]
                // Never part of an address: stopping here also keeps the scans of two links apart.
                if character.isWhitespace || "[]<>".contains(character) { break }
                if character == "(" { depth += 1 }
                if character == ")" {
                    if depth == 0 {
                        result = index
                        break
                    }
                    depth -= 1
                }
            }
            addressEnds[start] = result
            return result
        }

        /// A link `[text](address)` starting at the `[` at `start`: the `](` and the `)`. The text
        /// holds no other bracket.
        mutating func link(at start: Int) -> (middle: Int, close: Int)? {
            guard let middle = find("](", from: start + 1) else { return nil }
            if let bracket = find("[", from: start + 1), bracket < middle { return nil }
            if let bracket = find("]", from: start + 1), bracket < middle { return nil }
            guard let close = addressEnd(from: middle + 2) else { return nil }
            return (middle, close)
        }

        mutating func render(into output: inout Output, links: Bool) {
            var index = 0
            while index < characters.count {
                let character = characters[index]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if character == "\\", let next, next.isPunctuation || next.isSymbol {
                    output.html += HelpMarkdown.escape(String(next))
                    output.plain.append(next)
                    index += 2
                } else if character == "`", let close = find("`", from: index + 1) {
                    let code = String(characters[(index + 1)..<close])
                    output.html += "<code>" + HelpMarkdown.escape(code) + "</code>"
                    output.plain += code
                    index = close + 1
                } else if character == "*", next == "*", let close = find("**", from: index + 2), close > index + 2 {
                    output.html += "<strong>"
                    output.inline(String(characters[(index + 2)..<close]), links: links)
                    output.html += "</strong>"
                    index = close + 2
                } else if character == "*", next != "*", next != " ", let close = find("*", from: index + 1),
                    close > index + 1
                {
                    output.html += "<em>"
                    output.inline(String(characters[(index + 1)..<close]), links: links)
                    output.html += "</em>"
                    index = close + 1
                } else if character == "[", links, let (middle, close) = link(at: index) {
                    let text = String(characters[(index + 1)..<middle])
                    let address = String(characters[(middle + 2)..<close]).trimmingCharacters(in: .whitespaces)
                    output.links.append(address)
                    if HelpMarkdown.isAllowed(address) {
                        let external = !address.hasPrefix("/")
                        output.html += "<a href=\"\(HelpMarkdown.escape(address))\""
                        output.html += external ? " rel=\"noopener noreferrer\">" : ">"
                        output.inline(text, links: false)
                        output.html += "</a>"
                    } else {
                        output.inline(text, links: false)
                    }
                    index = close + 1
                } else {
                    output.html += HelpMarkdown.escape(String(character))
                    output.plain.append(character)
                    index += 1
                }
            }
        }
    }
}
