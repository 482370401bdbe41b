import AlmenDomain
import Testing

/// "Den første hverdag i en måned, der ikke er dagen før en helligdag", ALL § 88, stk. 1.
@Suite("Valid end days and skipped days, ALL § 88, stk. 1")
struct TerminationEndDayTests {
    let rules = TerminationRules()

    @Test(
        "A valid end day is Monday–Friday, not a helligdag, and not the day before one",
        arguments: [
            ("2026-04-07", true),  // Tuesday after 2. påskedag
            ("2026-04-01", false),  // Wednesday before Skærtorsdag
            ("2026-04-04", false),  // Saturday
            ("2026-04-06", false),  // 2. påskedag
            ("2026-05-01", true),  // Friday 1 May
            ("2015-05-01", false),  // Store bededag 2015
            ("2023-05-04", false),  // Thursday before Store bededag 2023
            ("2024-04-25", true),  // Thursday before Easter + 26 in 2024: no longer a helligdag
            ("2025-05-28", false),  // Wednesday before Kristi himmelfartsdag
            ("2025-12-24", false),  // juleaften, the day before Juledag
            ("2025-12-31", false),  // nytårsaften, the day before Nytårsdag
            ("2026-06-04", true),  // Thursday before Grundlovsdag, which is no helligdag
            ("2026-06-05", true),  // Grundlovsdag itself is a hverdag
            ("2026-01-30", true),  // Friday: the next day is a Saturday
            ("2026-02-01", false),  // Sunday
        ]
    )
    func validEndDay(iso: String, valid: Bool) {
        #expect(rules.isValidEndDay(day(iso)) == valid)
    }

    @Test("April 2026: six days skipped before Tuesday 7 April, each with its reason")
    func april2026SkippedDays() {
        let calendar = DanishCalendar()
        func named(_ iso: String) -> Holiday { calendar.holiday(on: day(iso))! }

        let (end, skipped) = rules.firstValidEndDay(inMonthOf: day("2026-04-20"))

        #expect(end == day("2026-04-07"))
        #expect(
            skipped == [
                SkippedDay(date: day("2026-04-01"), reason: .dayBeforeHoliday(named("2026-04-02"))),
                SkippedDay(date: day("2026-04-02"), reason: .holiday(named("2026-04-02"))),
                SkippedDay(date: day("2026-04-03"), reason: .holiday(named("2026-04-03"))),
                SkippedDay(date: day("2026-04-04"), reason: .weekend(.saturday)),
                SkippedDay(date: day("2026-04-05"), reason: .holiday(named("2026-04-05"))),
                SkippedDay(date: day("2026-04-06"), reason: .holiday(named("2026-04-06"))),
            ]
        )
        #expect(named("2026-04-02").name == "Skærtorsdag")
        #expect(named("2026-04-05").name == "Påskedag")
    }

    @Test("January 2027: Nytårsdag, Saturday and Sunday skipped before Monday 4 January")
    func january2027SkippedDays() throws {
        let request = TerminationRequest(received: day("2026-09-30"), housing: .family)

        let result = try rules.evaluate(request)

        #expect(result.skippedDays.map(\.date) == [day("2027-01-01"), day("2027-01-02"), day("2027-01-03")])
        #expect(
            result.skippedDays.map(\.reason) == [
                .holiday(Holiday(date: day("2027-01-01"), name: "Nytårsdag", englishName: "New Year's Day")),
                .weekend(.saturday),
                .weekend(.sunday),
            ]
        )
    }

    @Test("June 2011: the day before Kristi himmelfartsdag is skipped as such")
    func dayBeforeAscension() {
        let ascension = Holiday(date: day("2011-06-02"), name: "Kristi himmelfartsdag", englishName: "Ascension Day")

        let (end, skipped) = rules.firstValidEndDay(inMonthOf: day("2011-06-01"))

        #expect(end == day("2011-06-03"))
        #expect(
            skipped == [
                SkippedDay(date: day("2011-06-01"), reason: .dayBeforeHoliday(ascension)),
                SkippedDay(date: day("2011-06-02"), reason: .holiday(ascension)),
            ]
        )
    }

    @Test("A month whose 1st is valid skips nothing")
    func nothingSkipped() throws {
        let result = try rules.evaluate(TerminationRequest(received: day("2026-06-15"), housing: .family))

        #expect(result.endDate == day("2026-10-01"))
        #expect(result.skippedDays.isEmpty)
    }

    @Test("Care after death is never adjusted and skips nothing")
    func careDeathSkipsNothing() throws {
        let request = TerminationRequest(received: day("2024-02-10"), housing: .care, reason: .death)

        let result = try rules.evaluate(request)

        #expect(result.endDate.weekday == .saturday)
        #expect(result.skippedDays.isEmpty)
    }

    @Test(
        "In every month of the supported years the end day is valid, within the first week, and every day before it invalid"
    )
    func firstValidEndDayInvariant() {
        for year in LocalDate.supportedYears {
            for month in 1...12 {
                let first = LocalDate(year: year, month: month, day: 1)!

                let (end, skipped) = rules.firstValidEndDay(inMonthOf: first)

                #expect(rules.isValidEndDay(end), "\(end)")
                #expect(end.month == month && end.day <= 7, "\(end)")
                #expect(skipped.map(\.date) == (0..<(end.day - 1)).map { first.adding(days: $0) }, "\(end)")
            }
        }
    }
}
