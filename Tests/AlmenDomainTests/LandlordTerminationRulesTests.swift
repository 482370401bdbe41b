import AlmenDomain
import Testing

/// The landlord's termination after continued breaches (rules.md §2, §5 step 6a), and the nævn's
/// own deadlines (rules.md §5), against dates worked out by hand.
@Suite("Landlord's termination and the nævn's deadlines")
struct LandlordTerminationRulesTests {
    let rules = LandlordTerminationRules(delivery: PhysicalDelivery(bankDays: 5))

    @Test(
        "What a termination states: from the latest arrival on paper; the court deadline from the earliest",
        arguments: [
            // Thursday 3 December 2026: to the carrier Friday 4, five bank days on is Friday 11
            // December. Notice from 1 January for 3 months: Thursday 1 April 2027. 6 weeks to
            // object from the 11th; 6 more weeks from 14 January (had it arrived on the 3rd).
            ("2026-12-03", "2026-12-11", "2027-04-01", "2027-01-22", "2027-02-25"),
            // Before Easter 2027: the carrier takes it Tuesday 30 March; it arrives Tuesday 6
            // April. Notice from 1 May: 1 August 2027 is a Sunday, so Monday 2 August.
            ("2027-03-24", "2027-04-06", "2027-08-02", "2027-05-18", "2027-06-16"),
            // Friday 18 December 2026: the juledage on the way; it arrives Tuesday 29 December.
            // Notice from 1 January: 1 April 2027.
            ("2026-12-18", "2026-12-29", "2027-04-01", "2027-02-09", "2027-03-12"),
            // Friday 5 February 2027: it arrives Monday 15 February; 6 weeks on is 2. påskedag,
            // Monday 29 March, so the letter states Tuesday 30 March. Notice from 1 March: Tuesday
            // 1 June 2027. The court: 5 February + 84 days, Friday 30 April.
            ("2027-02-05", "2027-02-15", "2027-06-01", "2027-03-30", "2027-04-30"),
        ]
    )
    func stated(sent: String, arrival: String, end: String, objection: String, court: String) {
        let stated = rules.stated(sentOn: day(sent))
        #expect(stated.latestArrival == day(arrival))
        #expect(stated.endDate == day(end))
        #expect(stated.objectionBy == day(objection))
        #expect(stated.courtBy == day(court))
        // The landlord's deadline is the law's for a letter that arrives the day it is sent.
        #expect(stated.courtBy == day(sent).adding(days: 84))
    }

    @Test(
        "The lease ends on the first valid end day of the month 3 months after the notice starts",
        arguments: [
            // December's arrival: April 2026, whose 1st is the day before Skærtorsdag: Tuesday 7 April.
            ("2025-12-15", "2026-04-07"),
            // The last day of a month and the first of the next differ by a whole month.
            ("2026-05-31", "2026-09-01"),
            ("2026-06-01", "2026-10-01"),
            // 1 January 2028 is a holiday and a Saturday: Monday 3 January 2028.
            ("2027-09-30", "2028-01-03"),
        ]
    )
    func endDate(arrived: String, end: String) {
        #expect(rules.endDate(arrived: day(arrived)) == day(end))
        // At least 3 months' notice.
        #expect(day(arrived).adding(months: LandlordTerminationRules.noticeMonths) < day(end))
    }

    @Test(
        "The nævn tells the other party within a week, who replies within two; it decides within four",
        arguments: [
            ("2026-12-03", "2026-12-10", "2026-12-24", "2026-12-31"),
            ("2027-02-20", "2027-02-27", "2027-03-13", "2027-03-20"),
        ]
    )
    func naevn(received: String, told: String, reply: String, decision: String) {
        let deadlines = ComplaintDeadlines().naevn(received: day(received))
        #expect(deadlines.otherPartyToldBy == day(told))
        #expect(deadlines.replyBy == day(reply))
        #expect(deadlines.decisionBy == day(decision))
    }
}
