import AlmenDomain
import Testing

/// The caseworker's own deadline on a påkrav: to decide on ophævelse by the 3rd bank day after the
/// letter's deadline. Worked by hand against a calendar.
@Suite("Arrears: the caseworker's decision deadline")
struct ArrearsDecisionDueTests {
    let rules = ArrearsRules(delivery: PhysicalDelivery(bankDays: 5))

    @Test(arguments: [
        // Tuesday 15 December 2026: Wednesday 16, Thursday 17, Friday 18.
        ("2026-12-15", "2026-12-18"),
        // Friday 18 December 2026: Monday 21, Tuesday 22, Wednesday 23.
        ("2026-12-18", "2026-12-23"),
        // Wednesday 1 April 2026, before Easter: Thursday 2, Friday 3 and Monday 6 April are
        // helligdage, so Tuesday 7, Wednesday 8, Thursday 9.
        ("2026-04-01", "2026-04-09"),
        // Thursday 4 June 2026: Friday 5 is Grundlovsdag, so Monday 8, Tuesday 9, Wednesday 10.
        ("2026-06-04", "2026-06-10"),
    ])
    func threeBankDaysAfterTheStatedDeadline(_ stated: String, _ due: String) {
        #expect(rules.decisionDue(statedDeadline: day(stated)) == day(due))
    }
}
