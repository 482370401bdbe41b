import AlmenDomain
import Testing

@Suite("Easter Sunday")
struct EasterTests {
    // Published Easter tables (Gregorian), including the extremes 25 April (1943, 2038).
    @Test(
        "Easter Sunday matches the published tables",
        arguments: [
            (1900, "1900-04-15"),
            (1943, "1943-04-25"),
            (1954, "1954-04-18"),
            (1961, "1961-04-02"),
            (1981, "1981-04-19"),
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2016, "2016-03-27"),
            (2019, "2019-04-21"),
            (2022, "2022-04-17"),
            (2023, "2023-04-09"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
            (2100, "2100-03-28"),
            (2200, "2200-04-06"),
        ]
    )
    func easterSunday(year: Int, expected: String) {
        #expect(DanishCalendar.easterSunday(year: year) == day(expected))
    }

    @Test("Easter is a Sunday between 22 March and 25 April in every supported year")
    func easterBounds() {
        for year in LocalDate.supportedYears {
            let easter = DanishCalendar.easterSunday(year: year)

            #expect(easter.weekday == .sunday, "\(year)")
            #expect(easter >= day("\(year)-03-22") && easter <= day("\(year)-04-25"), "\(year)")
        }
    }
}
