/// Parses `**bold**` and backslash escapes inside a paragraph, list item, heading or cell.
enum InlineParser {
    /// Runs of one or more source lines, joined with a space.
    static func runs(_ lines: [(number: Int, text: Substring)]) throws(LetterMarkupError) -> [LetterInline] {
        var runs: [LetterInline] = []
        var buffer = ""
        var bold = false
        var boldOpenedOn = 0

        func flush() {
            guard !buffer.isEmpty else { return }
            // Adjacent runs of the same weight are merged, so the result does not depend on
            // how the text was split over lines.
            switch (runs.last, bold) {
            case (.text(let previous)?, false):
                runs[runs.count - 1] = .text(previous + buffer)
            case (.bold(let previous)?, true):
                runs[runs.count - 1] = .bold(previous + buffer)
            default:
                runs.append(bold ? .bold(buffer) : .text(buffer))
            }
            buffer = ""
        }

        for (offset, line) in lines.enumerated() {
            if offset > 0 { buffer.append(" ") }
            let text = line.text
            var index = text.startIndex
            while index < text.endIndex {
                let character = text[index]
                let next = text.index(after: index)
                if character == "\\" {
                    // A backslash makes the next character literal; a trailing one is itself.
                    if next < text.endIndex {
                        buffer.append(text[next])
                        index = text.index(after: next)
                    } else {
                        buffer.append(character)
                        index = next
                    }
                } else if character == "*", next < text.endIndex, text[next] == "*" {
                    flush()
                    bold.toggle()
                    if bold { boldOpenedOn = line.number }
                    index = text.index(after: next)
                } else {
                    buffer.append(character)
                    index = next
                }
            }
        }
        if bold {
            throw LetterMarkupError(line: boldOpenedOn, problem: .boldNotClosed)
        }
        flush()
        return runs
    }

    /// The text without bold markers, for headings and table cells (their weight is fixed).
    static func plainText(_ lines: [(number: Int, text: Substring)]) throws(LetterMarkupError) -> String {
        try runs(lines).map(\.string).joined()
    }
}
