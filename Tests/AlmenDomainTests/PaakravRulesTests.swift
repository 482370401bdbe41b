import AlmenDomain
import Testing

/// Påkrav, ALL § 90 (rules.md §3). Expected dates worked out by hand, weekdays checked against a
/// printed calendar.
@Suite("Påkrav dates, ALL § 90")
struct PaakravRulesTests {
    let rules = PaakravRules()

    struct DueRow: Sendable, CustomTestStringConvertible {
        let behaviour: String
        let due: String
        let lastTimely: String
        let counted: [String]
        let earliest: String
        var testDescription: String { behaviour }
    }

    static let dueRows: [DueRow] = [
        DueRow(
            behaviour: "Due Monday: Tue, Wed, Thu counted, påkrav Friday",
            due: "2026-02-02",
            lastTimely: "2026-02-02",
            counted: ["2026-02-03", "2026-02-04", "2026-02-05"],
            earliest: "2026-02-06"
        ),
        DueRow(
            behaviour: "Due Tuesday: 3rd hverdag Friday, påkrav the next bank day Monday",
            due: "2026-09-01",
            lastTimely: "2026-09-01",
            counted: ["2026-09-02", "2026-09-03", "2026-09-04"],
            earliest: "2026-09-07"
        ),
        DueRow(
            behaviour: "Due Wednesday: Saturday is the 3rd hverdag, påkrav Monday",
            due: "2025-10-01",
            lastTimely: "2025-10-01",
            counted: ["2025-10-02", "2025-10-03", "2025-10-04"],
            earliest: "2025-10-06"
        ),
        DueRow(
            behaviour: "Due Thursday: Fri, Sat, Mon counted, påkrav Tuesday",
            due: "2026-10-01",
            lastTimely: "2026-10-01",
            counted: ["2026-10-02", "2026-10-03", "2026-10-05"],
            earliest: "2026-10-06"
        ),
        DueRow(
            behaviour: "Due Friday 1 May (no helligdag): Sat, Mon, Tue counted, påkrav Wednesday",
            due: "2026-05-01",
            lastTimely: "2026-05-01",
            counted: ["2026-05-02", "2026-05-04", "2026-05-05"],
            earliest: "2026-05-06"
        ),
        DueRow(
            behaviour: "Due Saturday: last timely Monday, påkrav Friday",
            due: "2025-11-01",
            lastTimely: "2025-11-03",
            counted: ["2025-11-04", "2025-11-05", "2025-11-06"],
            earliest: "2025-11-07"
        ),
        DueRow(
            behaviour: "Due Sunday: last timely Monday, påkrav Friday",
            due: "2026-02-01",
            lastTimely: "2026-02-02",
            counted: ["2026-02-03", "2026-02-04", "2026-02-05"],
            earliest: "2026-02-06"
        ),
        DueRow(
            behaviour: "Due the day before Easter: only påskelørdag counts until Tuesday, påkrav Thursday",
            due: "2026-04-01",
            lastTimely: "2026-04-01",
            counted: ["2026-04-04", "2026-04-07", "2026-04-08"],
            earliest: "2026-04-09"
        ),
        DueRow(
            behaviour: "Due on 2. påskedag: last timely Tuesday, påkrav Monday",
            due: "2024-04-01",
            lastTimely: "2024-04-02",
            counted: ["2024-04-03", "2024-04-04", "2024-04-05"],
            earliest: "2024-04-08"
        ),
        DueRow(
            behaviour: "Before Christmas: juleaften and Saturday count, påkrav Monday 29 December",
            due: "2025-12-22",
            lastTimely: "2025-12-22",
            counted: ["2025-12-23", "2025-12-24", "2025-12-27"],
            earliest: "2025-12-29"
        ),
        DueRow(
            behaviour: "Due on juleaften, a bank day: påkrav on nytårsaften",
            due: "2025-12-24",
            lastTimely: "2025-12-24",
            counted: ["2025-12-27", "2025-12-29", "2025-12-30"],
            earliest: "2025-12-31"
        ),
        DueRow(
            behaviour: "Due on nytårsaften: Nytårsdag skipped, påkrav Tuesday 6 January",
            due: "2025-12-31",
            lastTimely: "2025-12-31",
            counted: ["2026-01-02", "2026-01-03", "2026-01-05"],
            earliest: "2026-01-06"
        ),
        DueRow(
            behaviour: "Due on Nytårsdag: last timely Friday 2 January, påkrav Wednesday 7 January",
            due: "2026-01-01",
            lastTimely: "2026-01-02",
            counted: ["2026-01-03", "2026-01-05", "2026-01-06"],
            earliest: "2026-01-07"
        ),
        DueRow(
            behaviour: "3rd hverdag the day before Grundlovsdag: påkrav passes over Grundlovsdag to Monday",
            due: "2026-06-01",
            lastTimely: "2026-06-01",
            counted: ["2026-06-02", "2026-06-03", "2026-06-04"],
            earliest: "2026-06-08"
        ),
        DueRow(
            behaviour: "Grundlovsdag counts as the 3rd hverdag, påkrav Monday",
            due: "2026-06-02",
            lastTimely: "2026-06-02",
            counted: ["2026-06-03", "2026-06-04", "2026-06-05"],
            earliest: "2026-06-08"
        ),
        DueRow(
            behaviour: "Due on Grundlovsdag: last timely the next bank day",
            due: "2026-06-05",
            lastTimely: "2026-06-08",
            counted: ["2026-06-09", "2026-06-10", "2026-06-11"],
            earliest: "2026-06-12"
        ),
        DueRow(
            behaviour: "Due on Grundlovsdag 2025 (Thursday) before Pinse: Saturday counts, Pinse does not",
            due: "2025-06-05",
            lastTimely: "2025-06-06",
            counted: ["2025-06-07", "2025-06-10", "2025-06-11"],
            earliest: "2025-06-12"
        ),
        DueRow(
            behaviour: "2023: Store bededag is no hverdag, påkrav Tuesday 9 May",
            due: "2023-05-03",
            lastTimely: "2023-05-03",
            counted: ["2023-05-04", "2023-05-06", "2023-05-08"],
            earliest: "2023-05-09"
        ),
        DueRow(
            behaviour: "2024: Easter + 26 is an ordinary Friday and counts, påkrav Monday 29 April",
            due: "2024-04-24",
            lastTimely: "2024-04-24",
            counted: ["2024-04-25", "2024-04-26", "2024-04-27"],
            earliest: "2024-04-29"
        ),
        DueRow(
            behaviour: "2023: påkrav after Thursday cannot go on Store bededag, so Monday 8 May",
            due: "2023-05-01",
            lastTimely: "2023-05-01",
            counted: ["2023-05-02", "2023-05-03", "2023-05-04"],
            earliest: "2023-05-08"
        ),
        DueRow(
            behaviour: "2024: påkrav after Thursday on Friday 26 April",
            due: "2024-04-22",
            lastTimely: "2024-04-22",
            counted: ["2024-04-23", "2024-04-24", "2024-04-25"],
            earliest: "2024-04-26"
        ),
    ]

    @Test("Last timely payment, counted hverdage and earliest påkrav per due date", arguments: dueRows)
    func earliestPaakrav(row: DueRow) throws {
        let due = day(row.due)

        let schedule = try rules.schedule(due: due)

        #expect(rules.lastTimelyPaymentDate(due: due) == day(row.lastTimely))
        #expect(rules.hverdageCounted(afterLastTimely: day(row.lastTimely)) == row.counted.map(day))
        #expect(rules.earliestPaakravDate(due: due) == day(row.earliest))
        #expect(schedule.lastTimelyPaymentDate == day(row.lastTimely))
        #expect(schedule.countedHverdage == row.counted.map(day))
        #expect(schedule.earliestPaakravDate == day(row.earliest))
    }

    @Test(
        "Deadline: 14 days after arrival, moved to the next bank day",
        arguments: [
            ("2026-02-06", "2026-02-20"),  // Friday + 14 = Friday
            ("2025-10-06", "2025-10-20"),  // Monday + 14 = Monday
            ("2026-02-07", "2026-02-23"),  // day 14 a Saturday
            ("2026-02-08", "2026-02-23"),  // day 14 a Sunday
            ("2026-03-20", "2026-04-07"),  // day 14 Langfredag, then weekend and 2. påskedag
            ("2026-03-19", "2026-04-07"),  // day 14 Skærtorsdag
            ("2026-05-22", "2026-06-08"),  // day 14 Grundlovsdag (Friday), then weekend
            ("2025-05-22", "2025-06-06"),  // day 14 Grundlovsdag (Thursday)
            ("2025-12-11", "2025-12-29"),  // day 14 Juledag
            ("2025-12-10", "2025-12-24"),  // day 14 juleaften, a bank day
            ("2025-12-18", "2026-01-02"),  // day 14 Nytårsdag
            ("2023-04-21", "2023-05-08"),  // day 14 Store bededag 2023
            ("2024-04-12", "2024-04-26"),  // day 14 Easter + 26 in 2024, a bank day
            ("2026-04-30", "2026-05-15"),  // day 14 Kristi himmelfartsdag
            ("2026-05-11", "2026-05-26"),  // day 14 2. pinsedag
        ]
    )
    func paymentDeadline(arrived: String, expected: String) {
        #expect(rules.paymentDeadline(arrived: day(arrived)) == day(expected))
    }

    @Test("Schedule with arrival: deadline, and ophævelse possible from the day after it")
    func scheduleWithArrival() throws {
        let schedule = try rules.schedule(due: day("2026-03-01"), arrived: day("2026-03-20"))

        #expect(schedule.due == day("2026-03-01"))
        #expect(schedule.lastTimelyPaymentDate == day("2026-03-02"))  // 1 March 2026 is a Sunday
        #expect(schedule.earliestPaakravDate == day("2026-03-06"))
        #expect(schedule.arrived == day("2026-03-20"))
        #expect(schedule.paymentDeadline == day("2026-04-07"))
        #expect(schedule.earliestOphaevelseDate == day("2026-04-08"))
    }

    @Test("Schedule without arrival has no deadline")
    func scheduleWithoutArrival() throws {
        let schedule = try rules.schedule(due: day("2026-02-02"))

        #expect(schedule.arrived == nil)
        #expect(schedule.paymentDeadline == nil)
        #expect(schedule.earliestOphaevelseDate == nil)
    }

    @Test("A påkrav may arrive on the earliest påkrav date itself")
    func arrivalOnEarliestDay() throws {
        let schedule = try rules.schedule(due: day("2026-02-02"), arrived: day("2026-02-06"))

        #expect(schedule.paymentDeadline == day("2026-02-20"))
    }

    @Test(
        "A påkrav that arrived before the earliest påkrav date is rejected",
        arguments: [("2026-02-02", "2026-02-05", "2026-02-06"), ("2026-04-01", "2026-04-08", "2026-04-09")]
    )
    func arrivalTooEarly(due: String, arrived: String, earliest: String) {
        #expect(throws: PaakravError.arrivedBeforeEarliestPaakrav(earliest: day(earliest))) {
            try rules.schedule(due: day(due), arrived: day(arrived))
        }
    }
}
