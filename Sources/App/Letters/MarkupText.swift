import Foundation
import Letters

/// A value put into a letter template: it encodes as the value escaped for letter markup, so a
/// resident's name or a caseworker's text can never start a heading, a list or a table cell.
struct MarkupText: Encodable, Sendable, Equatable, ExpressibleByStringLiteral {
    let raw: String
    /// A caseworker's text that stands on a line of its own in the template (a complaint's matter,
    /// the reason for a termination): its blank lines stay paragraph breaks, each paragraph
    /// escaped on its own. Everything else is one line.
    let paragraphs: Bool

    init(_ raw: String) {
        self.raw = raw
        self.paragraphs = false
    }

    init(paragraphs raw: String) {
        self.raw = raw
        self.paragraphs = true
    }

    init(stringLiteral value: String) { self.init(value) }

    /// The text's paragraphs: split at blank lines, each trimmed, none empty.
    var paragraphTexts: [String] { paragraphs ? Self.paragraphs(of: raw) : [raw] }

    /// The paragraphs of a text someone typed: a blank line starts a new one, and the lines of
    /// one paragraph are joined. Each is trimmed; none is empty.
    static func paragraphs(of text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        // A browser sends "\r\n", one Character that is a newline.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.isEmpty { result.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(Substring(trimmed))
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: " ")) }
        return result
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(paragraphTexts.map(LetterMarkup.escape).joined(separator: "\n\n"))
    }
}
