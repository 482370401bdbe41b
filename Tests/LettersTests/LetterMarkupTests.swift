import Letters
import Testing

@Suite struct LetterMarkupTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let markup: String
        let blocks: [LetterBlock]
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty", markup: "", blocks: []),
        Case(name: "blank lines only", markup: "\n  \n\n", blocks: []),
        Case(
            name: "paragraph lines are joined",
            markup: "Kære Søren\nhermed svar.\n\nNyt afsnit.",
            blocks: [
                .paragraph([.text("Kære Søren hermed svar.")]),
                .paragraph([.text("Nyt afsnit.")]),
            ]
        ),
        Case(
            name: "indentation and CRLF are ignored",
            markup: "   Første linje\r\n\t anden linje  \r\n",
            blocks: [
                .paragraph([.text("Første linje anden linje")])
            ]
        ),
        Case(
            name: "bold",
            markup: "Betal **4.512,00 kr.** senest **1. december**.",
            blocks: [
                .paragraph([
                    .text("Betal "), .bold("4.512,00 kr."), .text(" senest "), .bold("1. december"), .text("."),
                ])
            ]
        ),
        Case(
            name: "bold across lines",
            markup: "Beløbet er **4.512,00\nkr.** i alt",
            blocks: [
                .paragraph([.text("Beløbet er "), .bold("4.512,00 kr."), .text(" i alt")])
            ]
        ),
        Case(
            name: "single star is literal",
            markup: "5 * 3 og *kursiv*",
            blocks: [
                .paragraph([.text("5 * 3 og *kursiv*")])
            ]
        ),
        Case(
            name: "heading",
            markup: "# Sådan betaler du\nBrug MobilePay.",
            blocks: [
                .heading("Sådan betaler du"),
                .paragraph([.text("Brug MobilePay.")]),
            ]
        ),
        Case(
            name: "heading closes a paragraph and drops bold markers",
            markup: "Tekst\n# **Vigtigt**",
            blocks: [
                .paragraph([.text("Tekst")]),
                .heading("Vigtigt"),
            ]
        ),
        Case(name: "hashtag is text", markup: "#almen er os", blocks: [.paragraph([.text("#almen er os")])]),
        Case(
            name: "bullet list with continuation",
            markup: "Husk:\n- nøgler\n- målerstand\n  af el\n\nTak.",
            blocks: [
                .paragraph([.text("Husk:")]),
                .bulletList([[.text("nøgler")], [.text("målerstand af el")]]),
                .paragraph([.text("Tak.")]),
            ]
        ),
        Case(
            name: "numbered list renumbers",
            markup: "1. Ryd op\n1. Aflever **nøgler**\n7. Luk døren",
            blocks: [
                .numberedList([[.text("Ryd op")], [.text("Aflever "), .bold("nøgler")], [.text("Luk døren")]])
            ]
        ),
        Case(
            name: "list kinds do not mix",
            markup: "- a\n1. b",
            blocks: [
                .bulletList([[.text("a")]]),
                .numberedList([[.text("b")]]),
            ]
        ),
        Case(
            name: "dash and number without space are text",
            markup: "-5 grader\n2.5 kg",
            blocks: [
                .paragraph([.text("-5 grader 2.5 kg")])
            ]
        ),
        Case(
            name: "table with alignment and total",
            markup: """
                | Post | Beløb |
                |---|---:|
                | Husleje | 5.432,00 kr. |
                | Vand | 425,00 kr. |
                |= I alt | 5.857,00 kr. |
                """,
            blocks: [
                .table(
                    LetterTable(
                        columns: [.init(title: "Post"), .init(title: "Beløb", alignment: .trailing)],
                        rows: [["Husleje", "5.432,00 kr."], ["Vand", "425,00 kr."]],
                        totalRow: ["I alt", "5.857,00 kr."]
                    )
                )
            ]
        ),
        Case(
            name: "table without trailing pipes, empty cell, bold stripped",
            markup: "| A | B\n| **x** | |  \n",
            blocks: [
                .table(LetterTable(columns: [.init(title: "A"), .init(title: "B")], rows: [["x", ""]]))
            ]
        ),
        Case(
            name: "alignment row colons",
            markup: "| a | b | c |\n|:--|:-:|--:|",
            blocks: [
                .table(
                    LetterTable(
                        columns: [.init(title: "a"), .init(title: "b"), .init(title: "c", alignment: .trailing)],
                        rows: []
                    )
                )
            ]
        ),
        Case(
            name: "alignment row is optional",
            markup: "| a | b |\n| 1 | 2 |",
            blocks: [
                .table(LetterTable(columns: [.init(title: "a"), .init(title: "b")], rows: [["1", "2"]]))
            ]
        ),
        Case(
            name: "table then paragraph",
            markup: "| a |\n| 1 |\nEfter tabellen.",
            blocks: [
                .table(LetterTable(columns: [.init(title: "a")], rows: [["1"]])),
                .paragraph([.text("Efter tabellen.")]),
            ]
        ),
        Case(
            name: "escapes",
            markup: ##"a \| b \*\*c\*\* \# \\ slut\"##,
            blocks: [
                .paragraph([.text(##"a | b **c** # \ slut\"##)])
            ]
        ),
        Case(
            name: "escaped markers at line start are text",
            markup: "\\# ikke overskrift\n\\- ikke punkt\n1\\. ikke nummer\n\\| ikke tabel",
            blocks: [
                .paragraph([.text("# ikke overskrift - ikke punkt 1. ikke nummer | ikke tabel")])
            ]
        ),
        Case(
            name: "escaped pipe inside a cell",
            markup: "| Navn | Note |\n| Hansen \\| Co | a\\|b |",
            blocks: [
                .table(
                    LetterTable(columns: [.init(title: "Navn"), .init(title: "Note")], rows: [["Hansen | Co", "a|b"]])
                )
            ]
        ),
    ]

    @Test(arguments: cases)
    func parses(_ testCase: Case) throws {
        #expect(try LetterMarkup.parse(testCase.markup) == testCase.blocks)
    }

    struct ErrorCase: Sendable, CustomStringConvertible {
        let markup: String
        let line: Int
        let messageContains: String
        var description: String { messageContains }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(markup: "Linje et\nBetal **nu\n\nmere", line: 2, messageContains: "not closed"),
        ErrorCase(markup: "# ok\n\n## Under", line: 3, messageContains: "one heading level"),
        ErrorCase(markup: "| a | b |\n| 1 |", line: 2, messageContains: "has 1 cell, but the header has 2"),
        ErrorCase(markup: "| a | b |\n| 1 | 2 | 3 |", line: 2, messageContains: "has 3 cells"),
        ErrorCase(markup: "| a |\n| 1 |\n|---|", line: 3, messageContains: "right after the header"),
        ErrorCase(markup: "| a |\n|= I alt |\n| 1 |", line: 3, messageContains: "last row"),
        ErrorCase(markup: "|= I alt |", line: 1, messageContains: "header row"),
        ErrorCase(markup: "- punkt med **fed", line: 1, messageContains: "not closed"),
        ErrorCase(markup: "| a |\n| **x |", line: 2, messageContains: "not closed"),
    ]

    @Test(arguments: errorCases)
    func reportsErrorsWithLineNumbers(_ errorCase: ErrorCase) {
        do {
            let blocks = try LetterMarkup.parse(errorCase.markup)
            Issue.record("expected an error, got \(blocks)")
        } catch {
            #expect(error.line == errorCase.line)
            #expect(error.message.contains(errorCase.messageContains), "message: \(error.message)")
        }
    }

    @Test(arguments: [
        #"Hansen | Co"#, "**ikke fed**", "# ikke overskrift", #"C:\sti\fil"#, "- ikke punkt", "  - heller ikke",
        "1. ikke nummer", "2026. år", "a*b", "|= ikke total", "---:", "almindelig tekst æøå",
    ])
    func escapedValuesAreLiteral(_ value: String) throws {
        // At the start of a line, in the middle of one, and as a table cell.
        #expect(try LetterMarkup.parse(LetterMarkup.escape(value)) == [.paragraph([.text(Self.trimmed(value))])])
        #expect(
            try LetterMarkup.parse("Værdi: " + LetterMarkup.escape(value) + " slut") == [
                .paragraph([.text("Værdi: \(value) slut")])
            ]
        )
        let table = try LetterMarkup.parse("| Felt | Værdi |\n| x | \(LetterMarkup.escape(value)) |")
        #expect(
            table == [
                .table(
                    LetterTable(
                        columns: [.init(title: "Felt"), .init(title: "Værdi")],
                        rows: [["x", Self.trimmed(value)]]
                    )
                )
            ]
        )
    }

    @Test func escapeTurnsLineBreaksIntoSpaces() throws {
        let escaped = LetterMarkup.escape("Linje 1\n\n# Linje 2\r\n- 3")
        #expect(!escaped.contains("\n"))
        // "\n\n" is two line breaks, "\r\n" one.
        #expect(try LetterMarkup.parse(escaped) == [.paragraph([.text("Linje 1  # Linje 2 - 3")])])
    }

    @Test func parsedMarkupRenders() throws {
        let body = try LetterMarkup.parse(
            """
            Kære \(LetterMarkup.escape("Jens <Hansen> & Co | ApS"))

            # Opgørelse
            | Post | Beløb |
            |---|---:|
            | Husleje | 5.432,00 kr. |
            |= I alt | 5.432,00 kr. |

            - Betal **senest 1. december**
            """
        )
        let rendered = try LetterRenderer().render(TestLetters.letter(body: body))
        let text = try PDFFile(rendered.pdf).text()
        #expect(text.contains("Kære Jens <Hansen> & Co | ApS"))
        #expect(text.contains("Opgørelse"))
        #expect(text.contains("senest 1. december"))
    }

    private static func trimmed(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespaces)
    }
}
