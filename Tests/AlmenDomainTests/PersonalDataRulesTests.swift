import AlmenDomain
import Testing

/// Personal data (rules.md §9): how long each category is kept, and the month to answer a data
/// subject's request, against answers worked out by hand.
@Suite("Personal data rules")
struct PersonalDataRulesTests {
    @Test(
        "Each category is kept for its period from its own event, and deleted the day after",
        arguments: [
            // Moved out 3 December 2021: kept to 3 December 2026, gone on the 4th.
            (DataCategory.formerResidents, "2021-12-03", "2026-12-03"),
            (.formerResidents, "2021-12-04", "2026-12-04"),
            // 29 February: five years later runs to 28 February.
            (.formerResidents, "2020-02-29", "2025-02-28"),
            // Rehousing data goes at the move-out: its last day is the move-out itself.
            (.rehousing, "2026-12-04", "2026-12-04"),
            // 90 days across a month end.
            (.offersAndPayments, "2026-09-05", "2026-12-04"),
            (.offersAndPayments, "2026-12-31", "2027-03-31"),
            (.newBuildAllocation, "2025-12-04", "2026-12-04"),
            (.newBuildAllocation, "2024-02-29", "2025-02-28"),
            // Accounting: 5 years after the end of the financial year (31 December by default).
            (.accounting, "2020-03-10", "2025-12-31"),
            (.accounting, "2020-12-31", "2025-12-31"),
            (.accounting, "2021-01-01", "2026-12-31"),
            (.counselling, "2024-12-04", "2026-12-04"),
        ]
    )
    func lastDays(category: DataCategory, event: String, lastDay: String) {
        let period = category.defaultPeriod
        #expect(period.lastDay(event: day(event)) == day(lastDay))
        #expect(!period.hasExpired(event: day(event), today: day(lastDay)))
        #expect(period.hasExpired(event: day(event), today: day(lastDay).adding(days: 1)))
    }

    @Test(
        "A financial year that ends on 30 June or 30 September",
        arguments: [
            (6, 30, "2020-03-10", "2025-06-30"),
            (6, 30, "2020-06-30", "2025-06-30"),
            (6, 30, "2020-07-01", "2026-06-30"),
            (9, 30, "2020-10-01", "2026-09-30"),
        ]
    )
    func financialYearEnds(month: Int, dayOfMonth: Int, event: String, lastDay: String) throws {
        let end = try #require(MonthDay(month: month, day: dayOfMonth))
        #expect(
            RetentionPeriod.yearsAfterFinancialYear(5).lastDay(event: day(event), financialYearEnd: end) == day(lastDay)
        )
    }

    @Test(
        "The latest expired event: everything on or before it has expired, the day after has not",
        arguments: [
            (RetentionPeriod.years(5), "2026-12-04", "2021-12-03"),
            (.years(5), "2025-03-01", "2020-02-29"),
            (.years(5), "2025-02-28", "2020-02-27"),
            (.years(1), "2025-03-01", "2024-02-29"),
            (.days(90), "2026-12-04", "2026-09-04"),
            (.days(0), "2026-12-04", "2026-12-03"),
            (.yearsAfterFinancialYear(5), "2026-12-04", "2020-12-31"),
            (.yearsAfterFinancialYear(5), "2026-01-01", "2020-12-31"),
            (.yearsAfterFinancialYear(5), "2025-12-31", "2019-12-31"),
        ]
    )
    func latestExpired(period: RetentionPeriod, today: String, latest: String) {
        let found = period.latestExpiredEvent(today: day(today))
        #expect(found == day(latest))
        #expect(period.hasExpired(event: found, today: day(today)))
        #expect(!period.hasExpired(event: found.adding(days: 1), today: day(today)))
    }

    @Test("A financial year cannot end on a day that does not exist every year")
    func impossibleYearEnds() {
        #expect(MonthDay(month: 2, day: 29) == nil)
        #expect(MonthDay(month: 4, day: 31) == nil)
        #expect(MonthDay(month: 13, day: 1) == nil)
        #expect(MonthDay(month: 2, day: 28) != nil)
    }

    @Test(
        "A request is answered within a month, moved past weekends and helligdage",
        arguments: [
            // Friday 4 December 2026 → Monday 4 January 2027.
            ("2026-12-04", "2027-01-04"),
            // 31 January has no 31 February: Sunday 28 February 2027 → Monday 1 March.
            ("2027-01-31", "2027-03-01"),
            // A leap year: Tuesday 29 February 2028.
            ("2028-01-31", "2028-02-29"),
            // Juledag (Friday), 2. juledag (Saturday), Sunday → Monday 28 December 2026.
            ("2026-11-25", "2026-12-28"),
            // Skærtorsdag 25 March 2027 through 2. påskedag 29 March → Tuesday 30 March.
            ("2027-02-25", "2027-03-30"),
            // Grundlovsdag is not a helligdag: Friday 5 June 2026 stands.
            ("2026-05-05", "2026-06-05"),
            // Store bededag was a helligdag until 2023: Friday 5 May 2023 → Monday 8 May.
            ("2023-04-05", "2023-05-08"),
        ]
    )
    func answerBy(received: String, answerBy: String) {
        #expect(DataSubjectRequestDeadline.answerBy(received: day(received)) == day(answerBy))
    }
}

@Suite("Power of attorney rules")
struct PowerOfAttorneyRulesTests {
    @Test(
        "A period starts today or later and lasts at most 5 years",
        arguments: [
            ("2026-12-04", "2027-12-04", nil as PowerOfAttorneyProblem?),
            ("2026-12-04", "2031-12-04", nil),
            ("2026-12-04", "2031-12-05", .tooLong),
            ("2026-12-03", "2027-01-01", .startsInThePast),
            ("2026-12-10", "2026-12-09", .endsBeforeItStarts),
            ("2026-12-10", "2026-12-10", nil),
            // 29 February: five years later is 28 February.
            ("2028-02-29", "2033-02-28", nil),
            ("2028-02-29", "2033-03-01", .tooLong),
        ]
    )
    func periods(start: String, end: String, problem: PowerOfAttorneyProblem?) {
        #expect(PowerOfAttorneyRules.problem(from: day(start), to: day(end), today: day("2026-12-04")) == problem)
    }

    @Test func aGuardianshipHasNoEndAndAPeriodHoldsOnItsFirstAndLastDay() {
        #expect(PowerOfAttorneyRules.problem(from: day("2026-12-04"), to: nil, today: day("2026-12-04")) == nil)
        #expect(PowerOfAttorneyRules.holds(from: day("2026-12-04"), to: day("2026-12-31"), on: day("2026-12-04")))
        #expect(PowerOfAttorneyRules.holds(from: day("2026-12-04"), to: day("2026-12-31"), on: day("2026-12-31")))
        #expect(!PowerOfAttorneyRules.holds(from: day("2026-12-04"), to: day("2026-12-31"), on: day("2027-01-01")))
        #expect(!PowerOfAttorneyRules.holds(from: day("2026-12-04"), to: nil, on: day("2026-12-03")))
        #expect(PowerOfAttorneyRules.holds(from: day("2026-12-04"), to: nil, on: day("2099-01-01")))
    }
}
