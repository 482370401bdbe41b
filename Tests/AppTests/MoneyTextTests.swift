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
