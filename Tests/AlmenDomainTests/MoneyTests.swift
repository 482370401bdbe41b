import AlmenDomain
import Foundation
import Testing

@Suite("Money in øre")
struct MoneyTests {
    @Test(
        "Danish formatting with thousands separator and two decimals",
        arguments: [
            (Int64(0), "0,00 kr."),
            (5, "0,05 kr."),
            (50, "0,50 kr."),
            (31_400, "314,00 kr."),
            (99_999, "999,99 kr."),
            (100_000, "1.000,00 kr."),
            (123_450, "1.234,50 kr."),
            (100_000_000, "1.000.000,00 kr."),
            (-1_250, "-12,50 kr."),
            (-123_456_789, "-1.234.567,89 kr."),
            (Int64.max, "92.233.720.368.547.758,07 kr."),
            (Int64.min, "-92.233.720.368.547.758,08 kr."),
        ]
    )
    func danish(ore: Int64, expected: String) {
        #expect(Money(ore: ore).danish == expected)
    }

    @Test("Kroner are whole hundreds of øre")
    func kroner() {
        #expect(Money(kroner: 314).ore == 31_400)
        #expect(Money(kroner: -2).ore == -200)
    }

    @Test("Arithmetic is exact")
    func arithmetic() {
        let rent = Money(ore: 612_345)
        let fee = Money(kroner: 314)

        #expect(rent + fee == Money(ore: 643_745))
        #expect(rent - rent == .zero)
        #expect(fee < rent)
        #expect([Money(ore: 10), Money(ore: 20), Money(ore: 1)].reduce(.zero, +) == Money(ore: 31))
    }

    @Test("JSON holds the integer number of øre")
    func json() throws {
        let data = try JSONEncoder().encode([Money(ore: 31_450)])

        #expect(String(decoding: data, as: UTF8.self) == "[31450]")
        #expect(try JSONDecoder().decode([Money].self, from: data) == [Money(ore: 31_450)])
    }
}
