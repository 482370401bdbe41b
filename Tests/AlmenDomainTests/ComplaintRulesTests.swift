import AlmenDomain
import Testing

/// Neighbour complaints (rules.md §5): the deadlines and every step of the workflow, against
/// answers worked out by hand from the rule text.
@Suite("Neighbour complaints")
struct ComplaintRulesTests {
    let deadlines = ComplaintDeadlines()
    let workflow = ComplaintWorkflow()

    @Test(
        "4 weeks, July not counted: the 28th counted day, moved past closed days",
        arguments: [
            // An ordinary span: 2 March + 28 days is Monday 30 March.
            ("2026-03-02", "2026-03-30", "2026-03-30", 0),
            // Across July: 10 days of June, all of July skipped, 18 of August.
            ("2026-06-20", "2026-08-18", "2026-08-18", 31),
            ("2026-06-15", "2026-08-13", "2026-08-13", 31),
            // From inside July: the rest of July skipped, 28 days of August (Friday 28 August).
            ("2026-07-10", "2026-08-28", "2026-08-28", 21),
            ("2026-06-30", "2026-08-28", "2026-08-28", 31),
            // Year end: nytårsaften, Nytårsdag and a weekend: Monday 4 January.
            ("2026-12-03", "2026-12-31", "2027-01-04", 0),
            // Juleaften, the two juledage and a Sunday: Monday 28 December.
            ("2026-11-26", "2026-12-24", "2026-12-28", 0),
            // Easter 2027: Skærtorsdag 25 March to 2. påskedag 29 March: Tuesday 30 March.
            ("2027-02-25", "2027-03-25", "2027-03-30", 0),
            // Grundlovsdag, a Friday, and the weekend after it.
            ("2026-05-08", "2026-06-05", "2026-06-08", 0),
            // A Saturday, then a Sunday.
            ("2026-01-03", "2026-01-31", "2026-02-02", 0),
            // Leap day is counted, and is a Tuesday.
            ("2028-02-01", "2028-02-29", "2028-02-29", 0),
        ]
    )
    func fourWeeksJulyNotCounted(from: String, twentyEighth: String, last: String, july: Int) {
        let deadline = deadlines.fourWeeksJulyNotCounted(after: day(from))
        #expect(deadline.twentyEighthDay == day(twentyEighth))
        #expect(deadline.lastDay == day(last))
        #expect(deadline.julyDaysSkipped == july)
        #expect(deadlines.landlordActBy(demanded: day(from)) == deadline)
        #expect(deadlines.appealBy(naevnDecision: day(from)) == deadline)
    }

    @Test func theClosedDaysAreNamed() {
        let deadline = deadlines.fourWeeksJulyNotCounted(after: day("2026-12-03"))
        #expect(deadline.movedPast == [day("2026-12-31"), day("2027-01-01"), day("2027-01-02"), day("2027-01-03")])
        #expect(deadlines.closedReason(day("2026-12-31")) == .newYearsEve)
        #expect(deadlines.closedReason(day("2026-12-24")) == .christmasEve)
        #expect(deadlines.closedReason(day("2026-06-05")) == .notABankDay(.grundlovsdag))
        #expect(deadlines.closedReason(day("2026-12-23")) == nil)
    }

    @Test(
        "The receipt: 3 bank days after the complaint arrived",
        arguments: [
            ("2026-11-23", "2026-11-26"),
            // Friday and Saturday: Monday, Tuesday, Wednesday.
            ("2026-11-27", "2026-12-02"),
            ("2026-11-28", "2026-12-02"),
            // Before Easter 2027: the first bank day after it is Tuesday 30 March.
            ("2027-03-24", "2027-04-01"),
            // 24 December is a bank day under the rent rules (rules.md §1); the juledage are not.
            ("2026-12-22", "2026-12-28"),
        ]
    )
    func receipt(received: String, by: String) {
        #expect(deadlines.receiptBy(received: day(received)) == day(by))
    }

    /// Facts at a step: henstilling on 1 March 2027, påmindelse on 15 April 2027.
    static func facts(
        _ step: ComplaintStep,
        episode: String? = nil,
        grave: Bool = false
    ) -> ComplaintFacts {
        ComplaintFacts(
            step: step,
            henstillingOn: [.henstilling, .paamindelse].contains(step) ? day("2027-03-01") : nil,
            paamindelseOn: step == .paamindelse ? day("2027-04-15") : nil,
            latestEpisode: episode.map(day),
            grave: grave
        )
    }

    @Test(
        "Each step, and why a step is refused",
        arguments: [
            (
                facts(.received), ComplaintAction.sendReceipt,
                Result<ComplaintStep, ComplaintRefusal>.success(.assessing)
            ),
            (facts(.assessing), .sendReceipt, .failure(.notFromStep(.assessing))),
            (facts(.assessing), .notJustified, .success(.notJustified)),
            // After the complainant demanded action, a påmindelse or the nævn is owed (ALL § 83).
            (
                ComplaintFacts(step: .assessing, actionDemanded: true), .notJustified,
                .failure(.actionDemanded)
            ),
            (ComplaintFacts(step: .assessing, actionDemanded: true), .naevn, .success(.naevn)),
            (facts(.received), .notJustified, .failure(.notFromStep(.received))),
            (facts(.assessing), .henstilling, .success(.henstilling)),
            (facts(.henstilling, episode: "2027-07-10"), .henstilling, .success(.henstilling)),
            // A påmindelse at once only for a grave breach.
            (facts(.assessing), .paamindelse, .failure(.paamindelseNeedsHenstillingOrGrave)),
            (facts(.assessing, grave: true), .paamindelse, .success(.paamindelse)),
            // After a henstilling: a new episode within 3 months of it (1 March to 1 June).
            (facts(.henstilling, episode: "2027-04-02"), .paamindelse, .success(.paamindelse)),
            (facts(.henstilling, episode: "2027-06-01"), .paamindelse, .success(.paamindelse)),
            (
                facts(.henstilling, episode: "2027-06-02"), .paamindelse,
                .failure(.repeatWindowPassed(windowEnded: day("2027-06-01")))
            ),
            (facts(.henstilling, episode: "2027-03-01"), .paamindelse, .failure(.noEpisodeSinceHenstilling)),
            (facts(.henstilling), .paamindelse, .failure(.noEpisodeSinceHenstilling)),
            // A sanction needs a breach despite a påmindelse (ALL § 82, stk. 2).
            (facts(.henstilling, episode: "2027-04-02"), .opsigelse, .failure(.sanctionNeedsPaamindelse)),
            (facts(.assessing, grave: true), .ophaevelse, .failure(.sanctionNeedsPaamindelse)),
            (
                facts(.paamindelse, episode: "2027-04-15"), .opsigelse,
                .failure(.noBreachSincePaamindelse(paamindelseOn: day("2027-04-15")))
            ),
            (facts(.paamindelse, episode: "2027-04-16"), .opsigelse, .success(.opsigelse)),
            (facts(.paamindelse, episode: "2027-04-16"), .ophaevelse, .success(.ophaevelse)),
            (facts(.paamindelse, episode: "2027-05-01"), .paamindelse, .success(.paamindelse)),
            (
                facts(.paamindelse), .paamindelse,
                .failure(.noBreachSincePaamindelse(paamindelseOn: day("2027-04-15")))
            ),
            // The nævn: from the assessment on, no påmindelse needed.
            (facts(.assessing), .naevn, .success(.naevn)),
            (facts(.henstilling), .naevn, .success(.naevn)),
            (facts(.paamindelse), .naevn, .success(.naevn)),
            (facts(.received), .naevn, .failure(.notFromStep(.received))),
            // The boligret: after a termination or the nævn's decision.
            (facts(.opsigelse), .boligret, .success(.boligret)),
            (facts(.ophaevelse), .boligret, .success(.boligret)),
            (facts(.naevn), .boligret, .success(.boligret)),
            (facts(.paamindelse), .boligret, .failure(.notFromStep(.paamindelse))),
            // Nothing follows a complaint found not justified, or the boligret.
            (facts(.notJustified), .henstilling, .failure(.notFromStep(.notJustified))),
            (facts(.boligret), .naevn, .failure(.notFromStep(.boligret))),
        ]
    )
    func step(facts: ComplaintFacts, action: ComplaintAction, expected: Result<ComplaintStep, ComplaintRefusal>) {
        #expect(workflow.next(action, facts) == expected)
    }

    @Test(
        "What a caseworker is offered at each step",
        arguments: [
            (facts(.received), [ComplaintAction.sendReceipt]),
            (facts(.assessing), [.notJustified, .henstilling, .naevn]),
            (facts(.assessing, grave: true), [.notJustified, .henstilling, .paamindelse, .naevn]),
            (facts(.henstilling, episode: "2027-04-02"), [.henstilling, .paamindelse, .naevn]),
            (facts(.henstilling, episode: "2027-09-02"), [.henstilling, .naevn]),
            (facts(.paamindelse, episode: "2027-05-02"), [.paamindelse, .opsigelse, .ophaevelse, .naevn]),
            (facts(.paamindelse), [.naevn]),
            (facts(.naevn), [.boligret]),
            (facts(.notJustified), []),
            (facts(.boligret), []),
        ]
    )
    func offered(facts: ComplaintFacts, actions: [ComplaintAction]) {
        #expect(workflow.actions(facts) == actions)
    }

    @Test(
        "A conditional lease runs a year from the nævn's decision; nothing else runs",
        arguments: [
            (NaevnOutcome.conditionalLease, "2026-12-04", String?("2027-12-03")),
            // A year from leap day ends on 28 February.
            (.conditionalLease, "2028-02-29", "2029-02-28"),
            (.warning, "2026-12-04", nil),
            (.noSanction, "2026-12-04", nil),
            (.dismissed, "2026-12-04", nil),
        ]
    )
    func conditional(outcome: NaevnOutcome, decided: String, until: String?) {
        #expect(outcome.conditionalUntil(decided: day(decided)) == until.map(day))
    }

    @Test func aShorterWindowIsTheOrganisationsChoice() {
        let strict = ComplaintWorkflow(repeatWindowMonths: 1)
        let facts = Self.facts(.henstilling, episode: "2027-04-02")
        #expect(strict.next(.paamindelse, facts) == .failure(.repeatWindowPassed(windowEnded: day("2027-04-01"))))
        #expect(strict.repeatWindowEnd(henstillingOn: day("2027-01-31")) == day("2027-02-28"))
    }
}
