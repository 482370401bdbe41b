import AlmenDomain
import Testing

/// Opsigelse, ALL § 88 (rules.md §2). Expected dates worked out by hand from the rule text, weekdays
/// checked against a printed calendar.
@Suite("Termination end dates, ALL § 88")
struct TerminationRulesTests {
    let rules = TerminationRules()

    struct Row: Sendable, CustomTestStringConvertible {
        let behaviour: String
        let received: String
        var housing: HousingType = .family
        var weeks: Int? = nil
        var reason: TerminationReason = .ordinary
        let rule: TerminationRule
        let noticeStart: String?
        let endMonth: String?
        let end: String
        var testDescription: String { behaviour }
    }

    static let rows: [Row] = [
        // Family rule: notice runs from the 1st of the next month for 3 months; first valid end day.
        Row(
            behaviour: "April 2026 ends Tuesday 7 April after Easter (rules.md example)",
            received: "2025-12-15",
            rule: .family,
            noticeStart: "2026-01-01",
            endMonth: "2026-04-01",
            end: "2026-04-07"
        ),
        Row(
            behaviour: "Notice arriving on the 1st of a month counts from the next month",
            received: "2025-12-01",
            rule: .family,
            noticeStart: "2026-01-01",
            endMonth: "2026-04-01",
            end: "2026-04-07"
        ),
        Row(
            behaviour: "Notice arriving on the last day of a month counts from the next month",
            received: "2025-12-31",
            rule: .family,
            noticeStart: "2026-01-01",
            endMonth: "2026-04-01",
            end: "2026-04-07"
        ),
        Row(
            behaviour: "Notice on 1 June ends on the first valid day of October (Thursday 1 October)",
            received: "2026-06-01",
            rule: .family,
            noticeStart: "2026-07-01",
            endMonth: "2026-10-01",
            end: "2026-10-01"
        ),
        Row(
            behaviour: "Notice on 30 June also ends on 1 October",
            received: "2026-06-30",
            rule: .family,
            noticeStart: "2026-07-01",
            endMonth: "2026-10-01",
            end: "2026-10-01"
        ),
        Row(
            behaviour: "January 2026: Nytårsdag Thursday, so Friday 2 January (Saturday is no helligdag)",
            received: "2025-09-10",
            rule: .family,
            noticeStart: "2025-10-01",
            endMonth: "2026-01-01",
            end: "2026-01-02"
        ),
        Row(
            behaviour: "January 2027: Nytårsdag Friday, weekend, so Monday 4 January",
            received: "2026-09-30",
            rule: .family,
            noticeStart: "2026-10-01",
            endMonth: "2027-01-01",
            end: "2027-01-04"
        ),
        Row(
            behaviour: "January 2023: Nytårsdag on a Sunday, so Monday 2 January",
            received: "2022-09-15",
            rule: .family,
            noticeStart: "2022-10-01",
            endMonth: "2023-01-01",
            end: "2023-01-02"
        ),
        Row(
            behaviour: "December 2025 ends on Monday 1 December",
            received: "2025-08-20",
            rule: .family,
            noticeStart: "2025-09-01",
            endMonth: "2025-12-01",
            end: "2025-12-01"
        ),
        Row(
            behaviour: "December 2024: 1st is a Sunday, so Monday 2 December",
            received: "2024-08-31",
            rule: .family,
            noticeStart: "2024-09-01",
            endMonth: "2024-12-01",
            end: "2024-12-02"
        ),
        Row(
            behaviour: "Notice period crossing the year end into March 2026 (1st a Sunday)",
            received: "2025-11-20",
            rule: .family,
            noticeStart: "2025-12-01",
            endMonth: "2026-03-01",
            end: "2026-03-02"
        ),
        Row(
            behaviour: "May 2008: Kristi himmelfartsdag on 1 May, so Friday 2 May",
            received: "2008-01-15",
            rule: .family,
            noticeStart: "2008-02-01",
            endMonth: "2008-05-01",
            end: "2008-05-02"
        ),
        Row(
            behaviour: "May 2015: Store bededag on Friday 1 May, weekend, so Monday 4 May",
            received: "2015-01-15",
            rule: .family,
            noticeStart: "2015-02-01",
            endMonth: "2015-05-01",
            end: "2015-05-04"
        ),
        Row(
            behaviour: "May 2026: Friday 1 May is valid (1 May and abolished Store bededag are no helligdage)",
            received: "2026-01-15",
            rule: .family,
            noticeStart: "2026-02-01",
            endMonth: "2026-05-01",
            end: "2026-05-01"
        ),
        Row(
            behaviour: "Leap day arrival; June 2020 opens with 2. pinsedag, so Tuesday 2 June",
            received: "2020-02-29",
            rule: .family,
            noticeStart: "2020-03-01",
            endMonth: "2020-06-01",
            end: "2020-06-02"
        ),
        Row(
            behaviour: "June 2011: 1 June is the day before Kristi himmelfartsdag, so Friday 3 June",
            received: "2011-02-10",
            rule: .family,
            noticeStart: "2011-03-01",
            endMonth: "2011-06-01",
            end: "2011-06-03"
        ),
        Row(
            behaviour: "June 2000: Kristi himmelfartsdag on 1 June, so Friday 2 June",
            received: "2000-02-01",
            rule: .family,
            noticeStart: "2000-03-01",
            endMonth: "2000-06-01",
            end: "2000-06-02"
        ),
        Row(
            behaviour: "Leap day arrival 2024; June opens with a weekend; Grundlovsdag does not block Monday 3 June",
            received: "2024-02-29",
            rule: .family,
            noticeStart: "2024-03-01",
            endMonth: "2024-06-01",
            end: "2024-06-03"
        ),

        // Other housing types and reasons that fall back to the family rule.
        Row(
            behaviour: "Elderly housing follows the family rule",
            received: "2025-12-15",
            housing: .elderly,
            rule: .family,
            noticeStart: "2026-01-01",
            endMonth: "2026-04-01",
            end: "2026-04-07"
        ),
        Row(
            behaviour: "Youth housing without an agreed notice follows the family rule",
            received: "2025-12-15",
            housing: .youth,
            rule: .family,
            noticeStart: "2026-01-01",
            endMonth: "2026-04-01",
            end: "2026-04-07"
        ),
        Row(
            behaviour: "Care housing without a death follows the family rule",
            received: "2025-12-15",
            housing: .care,
            rule: .family,
            noticeStart: "2026-01-01",
            endMonth: "2026-04-01",
            end: "2026-04-07"
        ),
        Row(
            behaviour: "A death in family housing follows the family rule",
            received: "2025-12-15",
            reason: .death,
            rule: .family,
            noticeStart: "2026-01-01",
            endMonth: "2026-04-01",
            end: "2026-04-07"
        ),
        Row(
            behaviour: "A death in elderly housing follows the family rule",
            received: "2026-01-20",
            housing: .elderly,
            reason: .death,
            rule: .family,
            noticeStart: "2026-02-01",
            endMonth: "2026-05-01",
            end: "2026-05-01"
        ),

        // Youth housing with an agreed notice: first month whose 1st is on or after arrival + weeks.
        Row(
            behaviour: "Youth 6 weeks: 20 Jan + 42 days = 3 Mar, so April 2026, Tuesday 7 April",
            received: "2026-01-20",
            housing: .youth,
            weeks: 6,
            rule: .youthAgreedNotice,
            noticeStart: nil,
            endMonth: "2026-04-01",
            end: "2026-04-07"
        ),
        Row(
            behaviour: "Youth 6 weeks landing exactly on 1 January ends in January itself",
            received: "2025-11-20",
            housing: .youth,
            weeks: 6,
            rule: .youthAgreedNotice,
            noticeStart: nil,
            endMonth: "2026-01-01",
            end: "2026-01-02"
        ),
        Row(
            behaviour: "Youth 6 weeks landing on 2 January ends in February (1st a Sunday)",
            received: "2025-11-21",
            housing: .youth,
            weeks: 6,
            rule: .youthAgreedNotice,
            noticeStart: nil,
            endMonth: "2026-02-01",
            end: "2026-02-02"
        ),
        Row(
            behaviour: "Youth 8 weeks across the year end: 5 Dec + 56 days = 30 Jan, so February",
            received: "2025-12-05",
            housing: .youth,
            weeks: 8,
            rule: .youthAgreedNotice,
            noticeStart: nil,
            endMonth: "2026-02-01",
            end: "2026-02-02"
        ),
        Row(
            behaviour: "Youth 12 weeks: 8 Oct + 84 days = 31 Dec, so January 2026",
            received: "2025-10-08",
            housing: .youth,
            weeks: 12,
            rule: .youthAgreedNotice,
            noticeStart: nil,
            endMonth: "2026-01-01",
            end: "2026-01-02"
        ),
        Row(
            behaviour: "Youth 6 weeks in a common year: 19 Jan + 42 = 2 Mar 2023, so April, Monday 3 April",
            received: "2023-01-19",
            housing: .youth,
            weeks: 6,
            rule: .youthAgreedNotice,
            noticeStart: nil,
            endMonth: "2023-04-01",
            end: "2023-04-03"
        ),
        Row(
            behaviour: "Youth 6 weeks in a leap year: 19 Jan + 42 = 1 Mar 2024, so March, Friday 1 March",
            received: "2024-01-19",
            housing: .youth,
            weeks: 6,
            rule: .youthAgreedNotice,
            noticeStart: nil,
            endMonth: "2024-03-01",
            end: "2024-03-01"
        ),
        Row(
            behaviour: "Youth 6 weeks into Easter: 10 Feb + 42 = 24 Mar, so Tuesday 7 April 2026",
            received: "2026-02-10",
            housing: .youth,
            weeks: 6,
            rule: .youthAgreedNotice,
            noticeStart: nil,
            endMonth: "2026-04-01",
            end: "2026-04-07"
        ),
        Row(
            behaviour: "A youth lease's agreed notice also applies after the tenant's death",
            received: "2026-01-20",
            housing: .youth,
            weeks: 6,
            reason: .death,
            rule: .youthAgreedNotice,
            noticeStart: nil,
            endMonth: "2026-04-01",
            end: "2026-04-07"
        ),

        // Care housing after death: last day of the arrival month + 30 days, no adjustment.
        Row(
            behaviour: "Care after death in leap February: 29 Feb + 30 days = Saturday 30 March, not moved",
            received: "2024-02-10",
            housing: .care,
            reason: .death,
            rule: .careDeath,
            noticeStart: nil,
            endMonth: nil,
            end: "2024-03-30"
        ),
        Row(
            behaviour: "Care after death in common February: 28 Feb + 30 days = 30 March",
            received: "2023-02-10",
            housing: .care,
            reason: .death,
            rule: .careDeath,
            noticeStart: nil,
            endMonth: nil,
            end: "2023-03-30"
        ),
        Row(
            behaviour: "Care after death in December: 31 Dec + 30 days = 30 January",
            received: "2025-12-15",
            housing: .care,
            reason: .death,
            rule: .careDeath,
            noticeStart: nil,
            endMonth: nil,
            end: "2026-01-30"
        ),
        Row(
            behaviour: "Care after death in January 2025: 31 Jan + 30 days = Sunday 2 March, not moved",
            received: "2025-01-31",
            housing: .care,
            reason: .death,
            rule: .careDeath,
            noticeStart: nil,
            endMonth: nil,
            end: "2025-03-02"
        ),
        Row(
            behaviour: "Care after death in January 2024 (leap): 31 Jan + 30 days = 1 March",
            received: "2024-01-01",
            housing: .care,
            reason: .death,
            rule: .careDeath,
            noticeStart: nil,
            endMonth: nil,
            end: "2024-03-01"
        ),
        Row(
            behaviour: "Care after death in November: 30 Nov + 30 days = 30 December",
            received: "2025-11-30",
            housing: .care,
            reason: .death,
            rule: .careDeath,
            noticeStart: nil,
            endMonth: nil,
            end: "2025-12-30"
        ),
    ]

    @Test("End date per rule", arguments: rows)
    func endDate(row: Row) throws {
        let request = TerminationRequest(
            received: day(row.received),
            housing: row.housing,
            agreedNoticeWeeks: row.weeks,
            reason: row.reason
        )

        let result = try rules.evaluate(request)

        #expect(result.rule == row.rule)
        #expect(result.endDate == day(row.end))
        #expect(result.noticeStart == row.noticeStart.map(day))
        #expect(result.endMonth == row.endMonth.map(day))
        #expect(result.request == request)
    }

    @Test(
        "The reference names the rule's legal basis",
        arguments: [
            (HousingType.family, Int?.none, TerminationReason.ordinary, "ALL § 88, stk. 1"),
            (.youth, 6, .ordinary, "ALL § 88, stk. 1, 3. pkt."),
            (.care, nil, .death, "Boligorganisationens praksis: plejebolig efter dødsfald, løbende måned + 30 dage"),
        ]
    )
    func reference(housing: HousingType, weeks: Int?, reason: TerminationReason, expected: String) throws {
        let request = TerminationRequest(
            received: day("2026-01-20"),
            housing: housing,
            agreedNoticeWeeks: weeks,
            reason: reason
        )

        #expect(try rules.evaluate(request).reference == expected)
    }

    @Test(
        "Agreed notices outside the statute are rejected",
        arguments: [
            (HousingType.youth, 5, TerminationReason.ordinary, TerminationError.noticeWeeksTooShort(5, minimum: 6)),
            (.youth, 0, .ordinary, .noticeWeeksTooShort(0, minimum: 6)),
            (.youth, -3, .ordinary, .noticeWeeksTooShort(-3, minimum: 6)),
            (.youth, 13, .ordinary, .noticeWeeksTooLong(13, maximum: 12)),
            (.youth, Int.max, .ordinary, .noticeWeeksTooLong(Int.max, maximum: 12)),
            (.family, 8, .ordinary, .noticeWeeksNotAllowed),
            (.elderly, 6, .ordinary, .noticeWeeksNotAllowed),
            (.care, 6, .death, .noticeWeeksNotAllowed),
        ]
    )
    func rejectsNoticeWeeks(housing: HousingType, weeks: Int, reason: TerminationReason, expected: TerminationError) {
        let request = TerminationRequest(
            received: day("2026-01-20"),
            housing: housing,
            agreedNoticeWeeks: weeks,
            reason: reason
        )

        #expect(throws: expected) { try rules.evaluate(request) }
    }

    @Test(
        "The last arrival that still gives the same end date",
        arguments: [
            // Family: any day of December 2026 ends the lease on 1 April 2027.
            ("2026-12-03", HousingType.family, nil as Int?, "2026-12-31"),
            ("2026-12-31", .family, nil, "2026-12-31"),
            // June arrivals end in October as well (the June rule), like July's would not.
            ("2026-06-10", .family, nil, "2026-06-30"),
            // Youth, 6 weeks agreed: arriving 3 December 2026 reaches 14 January 2027, so February;
            // the last arrival that still reaches 1 February is 21 December 2026 (+ 42 days).
            ("2026-12-03", .youth, 6, "2026-12-21"),
        ]
    )
    func lastArrivalForSameEnd(received: String, housing: HousingType, weeks: Int?, expected: String) throws {
        let request = TerminationRequest(received: day(received), housing: housing, agreedNoticeWeeks: weeks)
        #expect(try TerminationRules().lastArrivalForSameEnd(request) == day(expected))
    }
}
