import AlmenDomain
import Testing

@Suite("LocalDate arithmetic")
struct LocalDateTests {
    @Test(
        "Real dates are accepted, impossible ones rejected",
        arguments: [
            (2024, 2, 29, true),  // leap year
            (2023, 2, 29, false),  // common year
            (2000, 2, 29, true),  // divisible by 400
            (1900, 2, 29, false),  // century not divisible by 400
            (2100, 2, 29, false),
            (2026, 2, 31, false),
            (2026, 4, 31, false),
            (2026, 4, 30, true),
            (2026, 12, 31, true),
            (2026, 13, 1, false),
            (2026, 0, 1, false),
            (2026, 1, 0, false),
            (2026, 1, 32, false),
            (0, 1, 1, false),  // no year 0 in four-digit form
            (10_000, 1, 1, false),
        ]
    )
    func validatesDates(year: Int, month: Int, dayOfMonth: Int, isReal: Bool) {
        let date = LocalDate(year: year, month: month, day: dayOfMonth)

        #expect((date != nil) == isReal)
    }

    @Test(
        "Weekday matches the real calendar",
        arguments: [
            ("1970-01-01", Weekday.thursday),
            ("2000-01-01", .saturday),
            ("2024-02-29", .thursday),
            ("1900-01-01", .monday),
            ("2026-04-07", .tuesday),
            ("2200-12-31", .wednesday),
            ("1858-01-01", .friday),
            ("2038-01-19", .tuesday),
        ]
    )
    func weekday(iso: String, expected: Weekday) {
        #expect(day(iso).weekday == expected)
    }

    @Test(
        "Adding days crosses month, year and leap-day boundaries",
        arguments: [
            ("2024-02-28", 1, "2024-02-29"),
            ("2023-02-28", 1, "2023-03-01"),
            ("2025-12-31", 1, "2026-01-01"),
            ("2026-01-01", -1, "2025-12-31"),
            ("2024-01-01", 366, "2025-01-01"),
            ("2023-01-01", 365, "2024-01-01"),
            ("2024-02-29", 30, "2024-03-30"),
            ("2026-04-07", 0, "2026-04-07"),
        ]
    )
    func addingDays(start: String, days: Int, expected: String) {
        #expect(day(start).adding(days: days) == day(expected))
    }

    @Test(
        "Adding months clamps the day to the month's length",
        arguments: [
            ("2024-01-31", 1, "2024-02-29"),
            ("2023-01-31", 1, "2023-02-28"),
            ("2025-11-15", 2, "2026-01-15"),
            ("2026-03-31", -1, "2026-02-28"),
            ("2024-12-31", 2, "2025-02-28"),
            ("2026-01-15", -13, "2024-12-15"),
            ("2025-06-30", 4, "2025-10-30"),
        ]
    )
    func addingMonths(start: String, months: Int, expected: String) {
        #expect(day(start).adding(months: months) == day(expected))
    }

    @Test(
        "Days until counts calendar days, negative backwards",
        arguments: [
            ("2026-01-01", "2026-04-07", 96),
            ("2024-02-28", "2024-03-01", 2),
            ("2023-02-28", "2023-03-01", 1),
            ("2026-04-07", "2026-01-01", -96),
            ("2024-01-01", "2025-01-01", 366),
        ]
    )
    func daysUntil(from: String, to: String, expected: Int) {
        #expect(day(from).days(until: day(to)) == expected)
    }

    @Test(
        "First and last of month",
        arguments: [
            ("2024-02-10", "2024-02-01", "2024-02-29"),
            ("2023-02-10", "2023-02-01", "2023-02-28"),
            ("2026-04-30", "2026-04-01", "2026-04-30"),
            ("2025-12-01", "2025-12-01", "2025-12-31"),
        ]
    )
    func monthBounds(date: String, first: String, last: String) {
        #expect(day(date).firstOfMonth == day(first))
        #expect(day(date).lastOfMonth == day(last))
    }

    @Test(
        "Days in month",
        arguments: [
            (2024, 2, 29), (2023, 2, 28), (1900, 2, 28), (2000, 2, 29),
            (2026, 1, 31), (2026, 4, 30), (2026, 9, 30), (2026, 12, 31),
        ]
    )
    func daysInMonth(year: Int, month: Int, expected: Int) {
        #expect(LocalDate.daysInMonth(year: year, month: month) == expected)
    }

    @Test("Dates order chronologically, not as text or by day of month")
    func ordering() {
        let unordered = [day("2026-04-07"), day("2025-12-31"), day("2026-01-02"), day("2026-01-10")]

        let sorted = unordered.sorted()

        #expect(sorted == [day("2025-12-31"), day("2026-01-02"), day("2026-01-10"), day("2026-04-07")])
    }

    @Test("Supported years are 1900...2200")
    func supportedYears() {
        #expect(LocalDate.supportedYears == 1900...2200)
        #expect(day("2200-12-31").isInSupportedYears)
        #expect(!day("1899-12-31").isInSupportedYears)
    }
}
