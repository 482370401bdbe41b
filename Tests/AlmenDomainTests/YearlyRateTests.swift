import AlmenDomain
import Testing

/// Yearly amounts as dated data (rules.md, preamble); påkravsgebyr values from rules.md §3.
@Suite("Yearly rates")
struct YearlyRateTests {
    @Test("Known påkravsgebyr amounts", arguments: [(2011, Int64(259)), (2012, 266), (2015, 275), (2023, 314)])
    func knownFee(year: Int, kroner: Int64) throws {
        #expect(try KnownRates.paakravFee.amount(for: year) == Money(kroner: kroner))
        #expect(try KnownRates.paakravFee.entry(for: year).source.contains("\(year)"))
    }

    @Test(
        "Years without a published amount are errors, never interpolated or extrapolated",
        arguments: [2010, 2013, 2014, 2022, 2024, 2026]
    )
    func missingFee(year: Int) {
        #expect(throws: RateError.missingRate(name: "påkravsgebyr", year: year)) {
            try KnownRates.paakravFee.amount(for: year)
        }
    }

    @Test("The error text names the rate and the year")
    func errorText() {
        let error = RateError.missingRate(name: "påkravsgebyr", year: 2024)

        #expect(error.description.contains("påkravsgebyr"))
        #expect(error.description.contains("2024"))
    }

    @Test("A rate built from (amount, source) pairs")
    func customRate() throws {
        let rate = YearlyRate(
            name: "beboerklagenævnsgebyr",
            amounts: [2024: (Money(kroner: 167), source: "rules.md §5")]
        )

        #expect(try rate.amount(for: 2024) == Money(kroner: 167))
        #expect(try rate.entry(for: 2024).source == "rules.md §5")
        #expect(rate.years == [2024])
        #expect(throws: RateError.missingRate(name: "beboerklagenævnsgebyr", year: 2025)) {
            try rate.amount(for: 2025)
        }
    }
}
