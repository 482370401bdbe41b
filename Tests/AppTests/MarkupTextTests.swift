import Foundation
import Testing

@testable import App

/// A caseworker's text in a letter: escaped so it can never become markup, and, where it stands
/// on its own line (a complaint's matter, a termination's reason), with its paragraphs kept.
@Suite("Text put into letters")
struct MarkupTextTests {
    static func encoded(_ text: MarkupText) throws -> String {
        try JSONDecoder().decode([String].self, from: JSONEncoder().encode([text]))[0]
    }

    @Test(
        "Paragraphs stay paragraphs, each escaped; line breaks inside one are spaces",
        arguments: [
            ("Én linje", "Én linje"),
            ("Første afsnit\r\nfortsat\r\n\r\n# Andet afsnit", "Første afsnit fortsat\n\n\\# Andet afsnit"),
            ("\n\n  - Musik  \n\n\n\n2. gang\n\n", "\\- Musik\n\n2\\. gang"),
            ("", ""),
        ]
    )
    func paragraphs(text: String, expected: String) throws {
        #expect(try Self.encoded(MarkupText(paragraphs: text)) == expected)
    }

    @Test func everythingElseIsOneLine() throws {
        #expect(try Self.encoded(MarkupText("Første\n\n# Andet")) == "Første  \\# Andet")
    }
}
