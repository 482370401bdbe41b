import Letters

/// A value put into a letter template: it encodes as the value escaped for letter markup, so a
/// resident's name or a caseworker's text can never start a heading, a list or a table cell.
struct MarkupText: Encodable, Sendable, Equatable, ExpressibleByStringLiteral {
    let raw: String

    init(_ raw: String) { self.raw = raw }
    init(stringLiteral value: String) { self.raw = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(LetterMarkup.escape(raw))
    }
}
