/// The state machine behind `LetterMarkup.parse`: reads line by line and closes a block when
/// a blank line or a different kind of line ends it.
struct MarkupParser {
    /// A source line of a paragraph or list item, kept with its number for error messages.
    private typealias SourceLine = (number: Int, text: Substring)

    private enum OpenBlock {
        case none
        case paragraph([SourceLine])
        case list(numbered: Bool, items: [[SourceLine]])
        case table(TableBuilder)
    }

    private var blocks: [LetterBlock] = []
    private var open = OpenBlock.none

    mutating func parse(_ text: String) throws(LetterMarkupError) -> [LetterBlock] {
        var number = 0
        // "\r\n" is one Character in Swift and a newline, so CRLF text splits correctly too.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            // Leaf output is often indented by the template's control flow: ignore indentation.
            let line = Self.trimmed(rawLine)
            try parseLine(line, number: number)
        }
        try close()
        return blocks
    }

    private mutating func parseLine(_ line: Substring, number: Int) throws(LetterMarkupError) {
        if line.isEmpty {
            try close()
        } else if let heading = try Self.heading(line, number: number) {
            try close()
            blocks.append(.heading(try InlineParser.plainText([(number, heading)])))
        } else if let item = Self.bulletItem(line) {
            try addListItem(item, numbered: false, number: number)
        } else if let item = Self.numberedItem(line) {
            try addListItem(item, numbered: true, number: number)
        } else if line.first == "|" {
            if case .table(var table) = open {
                open = .none  // keep the builder uniquely referenced while it changes
                try table.add(line, number: number)
                open = .table(table)
            } else {
                try close()
                var table = TableBuilder()
                try table.add(line, number: number)
                open = .table(table)
            }
        } else {
            switch open {
            case .paragraph(let lines):
                open = .paragraph(lines + [(number, line)])
            case .list(let numbered, var items):
                // A line right after an item continues it.
                items[items.count - 1].append((number, line))
                open = .list(numbered: numbered, items: items)
            case .none, .table:
                try close()
                open = .paragraph([(number, line)])
            }
        }
    }

    private mutating func addListItem(_ item: Substring, numbered: Bool, number: Int) throws(LetterMarkupError) {
        if case .list(let openNumbered, var items) = open, openNumbered == numbered {
            items.append([(number, item)])
            open = .list(numbered: numbered, items: items)
        } else {
            try close()
            open = .list(numbered: numbered, items: [[(number, item)]])
        }
    }

    /// Emits the open block, if any.
    private mutating func close() throws(LetterMarkupError) {
        switch open {
        case .none:
            break
        case .paragraph(let lines):
            blocks.append(.paragraph(try InlineParser.runs(lines)))
        case .list(let numbered, let items):
            var parsed: [[LetterInline]] = []
            for item in items { parsed.append(try InlineParser.runs(item)) }
            blocks.append(numbered ? .numberedList(parsed) : .bulletList(parsed))
        case .table(let table):
            blocks.append(.table(table.table))
        }
        open = .none
    }

    // MARK: Line classification (escapes need no special care here: an escaped marker starts
    // with a backslash, so it never matches).

    /// The heading text for "# Heading"; nil if the line is not a heading.
    private static func heading(_ line: Substring, number: Int) throws(LetterMarkupError) -> Substring? {
        guard line.first == "#" else { return nil }
        let hashes = line.prefix { $0 == "#" }
        let rest = line[hashes.endIndex...]
        // "#hashtag" is ordinary text; only "#" followed by a space (or nothing) is a marker.
        guard rest.isEmpty || rest.first!.isWhitespace else { return nil }
        guard hashes.count == 1 else {
            throw LetterMarkupError(line: number, problem: .headingLevel(hashes: String(hashes)))
        }
        return trimmed(rest)
    }

    private static func bulletItem(_ line: Substring) -> Substring? {
        guard line.first == "-", line.count > 1, line.dropFirst().first!.isWhitespace else { return nil }
        return trimmed(line.dropFirst())
    }

    private static func numberedItem(_ line: Substring) -> Substring? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        let rest = line[digits.endIndex...]
        guard rest.first == ".", rest.count > 1, rest.dropFirst().first!.isWhitespace else { return nil }
        return trimmed(rest.dropFirst())
    }

    static func trimmed(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return text[text.endIndex...] }
        let last = text.lastIndex(where: { !$0.isWhitespace })!
        return text[first...last]
    }
}
