import AlmenDomain
import Testing

@testable import App

/// The account files' reader (docs/ledger-import.md), without a database: every line checked,
/// every problem reported with its line and column, nothing returned from a file with a problem.
@Suite("Account files")
struct LedgerCSVTests {
    struct AmountRow: Sendable, CustomTestStringConvertible {
        let text: String
        let ore: Int64?
        var testDescription: String { "\"\(text)\"" }
    }

    static let amounts: [AmountRow] = [
        AmountRow(text: "6.845,00", ore: 684_500),
        AmountRow(text: "6845,00", ore: 684_500),
        AmountRow(text: "0,01", ore: 1),
        AmountRow(text: "1.000.000,00", ore: 100_000_000),
        AmountRow(text: "1.000.000,01", ore: nil),
        AmountRow(text: "0,00", ore: nil),
        AmountRow(text: "-5,00", ore: nil),
        AmountRow(text: "6845", ore: nil),
        AmountRow(text: "6845,5", ore: nil),
        AmountRow(text: "6845.00", ore: nil),
        AmountRow(text: "68.45,00", ore: nil),
        AmountRow(text: "1.0000,00", ore: nil),
        AmountRow(text: ",50", ore: nil),
        AmountRow(text: "12 345,00", ore: nil),
        AmountRow(text: "", ore: nil),
    ]

    @Test(arguments: amounts)
    func amountsAreDanishWithTwoDecimals(_ row: AmountRow) {
        #expect(LedgerCSV.amount(row.text)?.ore == row.ore)
    }

    struct DateRow: Sendable, CustomTestStringConvertible {
        let text: String
        let iso: String?
        var testDescription: String { "\"\(text)\"" }
    }

    static let dates: [DateRow] = [
        DateRow(text: "2026-11-30", iso: "2026-11-30"),
        DateRow(text: "30-11-2026", iso: "2026-11-30"),
        DateRow(text: "30.11.2026", iso: "2026-11-30"),
        DateRow(text: "1.2.2027", iso: "2027-02-01"),
        DateRow(text: "31-11-2026", iso: nil),
        DateRow(text: "29-02-2027", iso: nil),
        DateRow(text: "2026/11/30", iso: nil),
        DateRow(text: "30-11-26", iso: nil),
        DateRow(text: "", iso: nil),
    ]

    @Test(arguments: dates)
    func datesAreISOOrDanish(_ row: DateRow) {
        #expect(LedgerCSV.date(row.text)?.iso == row.iso)
    }

    @Test func quotedFieldsHoldSemicolonsLineBreaksAndQuotes() {
        let (lines, problems) = LedgerCSV.parse(
            "\u{FEFF}ID;Lejemaal;Art;Dato;Beloeb;Tekst\r\n"
                + "A;1-1-0001;husleje;2026-12-01;5.808,00;\"Husleje; december\"\r\n"
                + "B;1-1-0001;andet;2026-12-01;100,00;\"Vand \"\"aconto\"\"\nfor december\"\r\n"
                + "\r\n"
                + "C;1-1-0001;indbetaling;2026-12-02;5.908,00;\n",
            format: .postings
        )
        #expect(problems.isEmpty)
        #expect(lines.map(\.number) == [2, 3, 6])
        #expect(lines.map(\.entry.text) == ["Husleje; december", "Vand \"aconto\"\nfor december", "Indbetaling"])
        #expect(lines.map(\.entry.kind) == [.rent, .other, .payment])
    }

    @Test func anEmptyTextNamesTheMonthsRent() {
        let (lines, _) = LedgerCSV.parse(
            "id;lejemaal;art;dato;beloeb;tekst\nA;1-1-0001;husleje;2027-01-01;5.808,00;\n",
            format: .postings
        )
        #expect(lines.first?.entry.text == "Husleje januar 2027")
    }

    @Test func everyProblemIsReportedAndNothingIsReturned() {
        let (lines, problems) = LedgerCSV.parse(
            """
            id;lejemaal;art;dato;beloeb;tekst
            A;1-1-0001;husleje;2026-12-01;5.808,00;
            A;1-1-0001;husleje;2026-12-01;5.808,00;
            ;;leje;1-13-2026;5808;x
            B;1-1-0001;husleje
            """,
            format: .postings
        )
        #expect(lines.isEmpty)
        #expect(problems.map(\.line) == [3, 4, 4, 4, 4, 4, 5])
        #expect(problems.map(\.code) == ["duplicate_id", "id", "lease", "kind", "date", "amount", "columns"])
        #expect(problems[0].messageDa == "Id'et A står også på linje 2.")
    }

    @Test func aWrongHeaderOrAnEmptyFileIsOneProblem() {
        #expect(LedgerCSV.parse("", format: .bank).problems.map(\.code) == ["empty"])
        let wrong = LedgerCSV.parse("id;dato;beloeb;tekst\nX;2026-12-01;1,00;x\n", format: .bank)
        #expect(wrong.problems.map(\.code) == ["header"])
        #expect(wrong.problems[0].messageDa.contains("id;dato;beloeb;reference;tekst"))
    }
}

extension LedgerCSVTests {
    @Test(
        arguments: [
            ("325,00", Int64(32_500)), ("325", 32_500), ("325,-", 32_500), ("325 kr.", 32_500), ("1.000", 100_000),
            ("199,99", nil), ("1.000,01", nil), ("tre hundrede", nil),
        ] as [(String, Int64?)]
    )
    func aFeeIsTypedAsPeopleWriteIt(_ text: String, _ ore: Int64?) {
        #expect(PaakravFeesController.amount(text)?.ore == ore)
    }
}
