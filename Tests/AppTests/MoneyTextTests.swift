import AlmenDomain
import Testing

@testable import App

/// Amounts in the reader's language: Danish notation for Danish readers (as the letters), DKK
/// with English separators for English ones.
@Suite("Amounts in words")
struct MoneyTextTests {
    @Test(arguments: [
        (Int64(360_000), Language.da, "3.600,00 kr."),
        (360_000, .en, "DKK 3,600.00"),
        (580_805, .en, "DKK 5,808.05"),
        (12_345_678_90, .en, "DKK 12,345,678.90"),
        (5, .en, "DKK 0.05"),
        (-120_000, .en, "-DKK 1,200.00"),
        (-120_000, .da, "-1.200,00 kr."),
        (0, .en, "DKK 0.00"),
    ])
    func anAmountIsWrittenInTheReadersLanguage(ore: Int64, language: Language, written: String) {
        #expect(MoneyText.written(Money(ore: ore), language) == written)
    }
}

/// An amount typed into a form, the Danish way or the English way; the two never read one text
/// differently.
@Suite("Amounts as typed")
struct TypedKronerTests {
    @Test(arguments: [
        ("5808", Int64(580_800)),
        ("5.808", 580_800),
        ("5.808,50", 580_850),
        ("5808,-", 580_800),
        ("5808 kr.", 580_800),
        ("5.808,50 kr", 580_850),
        ("5,808", 580_800),
        ("5,808.50", 580_850),
        ("5808.50", 580_850),
        ("DKK 5,808.50", 580_850),
        ("5.50", 550),
        ("5,50", 550),
        ("123.456,78", 12_345_678),
        ("123,456.78", 12_345_678),
    ])
    func anAmountIsReadEitherWay(typed: String, ore: Int64) {
        #expect(TypedKroner.parse(typed) == Money(ore: ore))
    }

    @Test(arguments: ["", "0", "0,00", "5,5", "5.5", "5,8080", "fem", "5.808.50,00", "1,234.567", "-5", "5 808"])
    func anythingElseIsNotAnAmount(typed: String) {
        #expect(TypedKroner.parse(typed) == nil)
    }
}

/// The figure a form field is filled with, as the reader types it.
@Suite("Amounts in form fields")
struct MoneyFigureTests {
    @Test(arguments: [
        (Int64(600_000), Language.da, "6.000,00"),
        (600_000, .en, "6,000.00"),
        (545_105, .en, "5,451.05"),
    ])
    func aFigureIsWrittenAsTheReaderTypesIt(ore: Int64, language: Language, figure: String) {
        #expect(MoneyText.figure(Money(ore: ore), language) == figure)
        // And read back as the same amount.
        #expect(TypedKroner.parse(figure) == Money(ore: ore))
    }
}
