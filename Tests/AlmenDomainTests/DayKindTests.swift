import AlmenDomain
import Testing

@Suite("Hverdage and bank days, rules.md §1")
struct DayKindTests {
    let calendar = DanishCalendar()

    struct Row: Sendable, CustomTestStringConvertible {
        let iso: String
        let helligdag: Bool
        let hverdag: Bool
        let bankDay: Bool
        let note: String
        var testDescription: String { "\(iso) \(note)" }
    }

    @Test(
        "Helligdag, hverdag and bank day per date",
        arguments: [
            Row(iso: "2026-01-07", helligdag: false, hverdag: true, bankDay: true, note: "ordinary Wednesday"),
            Row(iso: "2026-04-04", helligdag: false, hverdag: true, bankDay: false, note: "Saturday"),
            Row(iso: "2026-02-08", helligdag: true, hverdag: false, bankDay: false, note: "Sunday"),
            Row(iso: "2025-06-05", helligdag: false, hverdag: true, bankDay: false, note: "Grundlovsdag (Thursday)"),
            Row(iso: "2025-12-24", helligdag: false, hverdag: true, bankDay: true, note: "juleaften"),
            Row(iso: "2025-12-31", helligdag: false, hverdag: true, bankDay: true, note: "nytårsaften"),
            Row(iso: "2025-05-01", helligdag: false, hverdag: true, bankDay: true, note: "1 May"),
            Row(iso: "2023-05-05", helligdag: true, hverdag: false, bankDay: false, note: "Store bededag 2023"),
            Row(iso: "2024-04-26", helligdag: false, hverdag: true, bankDay: true, note: "Easter + 26 in 2024"),
            Row(iso: "2025-04-18", helligdag: true, hverdag: false, bankDay: false, note: "Langfredag"),
            Row(iso: "2025-12-25", helligdag: true, hverdag: false, bankDay: false, note: "Juledag"),
            Row(iso: "2026-01-01", helligdag: true, hverdag: false, bankDay: false, note: "Nytårsdag"),
            Row(iso: "2026-05-14", helligdag: true, hverdag: false, bankDay: false, note: "Kristi himmelfartsdag"),
        ]
    )
    func classifies(row: Row) {
        let date = day(row.iso)

        #expect(calendar.isHelligdag(date) == row.helligdag)
        #expect(calendar.isHverdag(date) == row.hverdag)
        #expect(calendar.isBankDay(date) == row.bankDay)
    }

    @Test(
        "Why a date is not a bank day: named holiday before Grundlovsdag before the weekend",
        arguments: [
            ("2026-01-07", nil),
            ("2026-04-04", DayReason.saturday),
            ("2026-02-08", .sunday),
            ("2025-06-05", .grundlovsdag),
            ("2027-06-05", .grundlovsdag),  // Grundlovsdag on a Saturday
            (
                "2023-05-05",
                .holiday(Holiday(date: day("2023-05-05"), name: "Store bededag", englishName: "General Prayer Day"))
            ),
            ("2026-04-05", .holiday(Holiday(date: day("2026-04-05"), name: "Påskedag", englishName: "Easter Sunday"))),
            ("2022-06-05", .holiday(Holiday(date: day("2022-06-05"), name: "Pinsedag", englishName: "Whit Sunday"))),
            ("2017-06-05", .holiday(Holiday(date: day("2017-06-05"), name: "2. pinsedag", englishName: "Whit Monday"))),
            ("2026-12-26", .holiday(Holiday(date: day("2026-12-26"), name: "2. juledag", englishName: "Boxing Day"))),
        ]
    )
    func nonBankDayReason(iso: String, expected: DayReason?) {
        #expect(calendar.nonBankDayReason(day(iso)) == expected)
    }

    @Test(
        "Next bank day on or after a date",
        arguments: [
            ("2026-01-07", "2026-01-07"),
            ("2026-04-03", "2026-04-07"),  // Langfredag, weekend, 2. påskedag
            ("2025-12-25", "2025-12-29"),  // Juledag, 2. juledag, weekend
            ("2025-06-05", "2025-06-06"),  // Grundlovsdag (Thursday)
            ("2023-05-05", "2023-05-08"),  // Store bededag 2023, weekend
            ("2024-04-26", "2024-04-26"),  // a bank day since 2024
        ]
    )
    func nextBankDayOnOrAfter(iso: String, expected: String) {
        #expect(calendar.nextBankDay(onOrAfter: day(iso)) == day(expected))
    }

    @Test(
        "Next bank day strictly after a date",
        arguments: [
            ("2026-01-07", "2026-01-08"),
            ("2026-06-04", "2026-06-08"),  // Grundlovsdag Friday, weekend
            ("2025-12-23", "2025-12-24"),  // juleaften is a bank day
            ("2025-12-31", "2026-01-02"),  // Nytårsdag
            ("2026-05-13", "2026-05-15"),  // Kristi himmelfartsdag
        ]
    )
    func nextBankDayAfter(iso: String, expected: String) {
        #expect(calendar.nextBankDay(after: day(iso)) == day(expected))
    }
}
