import AlmenDomain
import Testing

/// Case deadlines on the bank-day calendar, against dates counted by hand on a calendar of
/// December 2026 (the 3rd is a Thursday) and Easter 2027 (Easter Sunday is 28 March).
@Suite("Case deadlines")
struct ResponseTargetTests {
    @Test(
        "Deadlines count bank days after the day the case arrived",
        arguments: [
            // Thursday: Fri 4, Mon 7, Tue 8; and on to Thu 10 (5) and Thu 17 (10).
            ("2026-12-03", 3, 5, "2026-12-08", "2026-12-10"),
            ("2026-12-03", 3, 10, "2026-12-08", "2026-12-17"),
            // A Saturday counts from Monday: Mon 7, Tue 8, Wed 9.
            ("2026-12-05", 3, 20, "2026-12-09", "2027-01-05"),
            // Christmas: 25 and 26 December are holidays, the 26th a Saturday, the 24th a bank day.
            ("2026-12-22", 3, 5, "2026-12-28", "2026-12-30"),
            // Easter: Skærtorsdag, Langfredag and 2. påskedag do not count.
            ("2027-03-24", 3, 5, "2027-04-01", "2027-04-05"),
            ("2027-03-24", 1, 1, "2027-03-30", "2027-03-30"),
        ]
    )
    func deadlines(opened: String, receipt: Int, answer: Int, receiptDue: String, answerDue: String) {
        let target = ResponseTarget(receiptBankDays: receipt, answerBankDays: answer)
        #expect(
            target.deadlines(opened: day(opened)) == [
                CaseDeadline(kind: .receipt, due: day(receiptDue)),
                CaseDeadline(kind: .answer, due: day(answerDue)),
            ]
        )
    }

    @Test("A kind without a target gets no deadline of that kind")
    func withoutTargets() {
        #expect(ResponseTarget.standard(for: .arrears).deadlines(opened: day("2026-12-03")).isEmpty)
        #expect(
            ResponseTarget(receiptBankDays: nil, answerBankDays: 2).deadlines(opened: day("2026-12-03")) == [
                CaseDeadline(kind: .answer, due: day("2026-12-07"))
            ]
        )
    }

    @Test("Every kind a resident or mail starts has a receipt within 3 bank days and an answer target")
    func standards() {
        // Arrears and move-outs run on legal dates; a landlord's answer to a swap is asked of an
        // organisation by another, so there is no resident to send a receipt to.
        for kind in CaseKind.allCases where ![.arrears, .moveOut, .swapLandlord].contains(kind) {
            let target = ResponseTarget.standard(for: kind)
            #expect(target.receiptBankDays == 3, "\(kind)")
            // A data request's answer is due a calendar month after it arrived, not in bank days.
            #expect((target.answerBankDays != nil) == (kind != .dataRequest), "\(kind)")
            #expect(target.problems.isEmpty, "\(kind)")
        }
    }

    @Test(
        "An administrator's target is refused outside its range or with the answer before the receipt",
        arguments: [
            (3, 10, [ResponseTargetProblem]()),
            (1, 1, []),
            (30, 120, []),
            (0, 10, [.receiptOutOfRange]),
            (31, 40, [.receiptOutOfRange]),
            (3, 121, [.answerOutOfRange]),
            (0, 0, [.receiptOutOfRange, .answerOutOfRange]),
            (5, 4, [.answerBeforeReceipt]),
        ]
    )
    func problems(receipt: Int, answer: Int, expected: [ResponseTargetProblem]) {
        #expect(ResponseTarget(receiptBankDays: receipt, answerBankDays: answer).problems == expected)
    }

    @Test(
        "Where a deadline stands, in bank days",
        arguments: [
            // Due Friday 4 December 2026.
            ("2026-12-04", "2026-12-02", DeadlineStanding.ahead(bankDays: 2)),
            ("2026-12-04", "2026-12-03", .ahead(bankDays: 1)),
            ("2026-12-04", "2026-12-04", .dueToday),
            ("2026-12-04", "2026-12-05", .late(bankDays: 1)),
            ("2026-12-04", "2026-12-07", .late(bankDays: 1)),
            ("2026-12-04", "2026-12-08", .late(bankDays: 2)),
            // Due Monday 7 December, seen on the weekend before.
            ("2026-12-07", "2026-12-05", .ahead(bankDays: 1)),
            // Due 28 December, seen on the 23rd: the 24th and the 28th.
            ("2026-12-28", "2026-12-23", .ahead(bankDays: 2)),
        ]
    )
    func standing(due: String, today: String, expected: DeadlineStanding) {
        #expect(DeadlineStanding(due: day(due), today: day(today)) == expected)
    }
}

/// The quarters and the figure residents are shown about how long cases took.
@Suite("Response times")
struct ResponseTimesTests {
    @Test(
        "A quarter runs three months; the previous one crosses the year",
        arguments: [
            ("2026-12-03", "2026-Q4", "2026-10-01", "2026-12-31", "2026-Q3"),
            ("2027-01-01", "2027-Q1", "2027-01-01", "2027-03-31", "2026-Q4"),
            ("2028-05-15", "2028-Q2", "2028-04-01", "2028-06-30", "2028-Q1"),
            ("2026-09-30", "2026-Q3", "2026-07-01", "2026-09-30", "2026-Q2"),
        ]
    )
    func quarters(date: String, quarter: String, first: String, last: String, previous: String) {
        let found = Quarter(containing: day(date))
        #expect(found.description == quarter)
        #expect(Quarter(quarter) == found)
        #expect(found.first == day(first))
        #expect(found.last == day(last))
        #expect(found.previous.description == previous)
    }

    @Test(
        "Only a quarter written YYYY-Qn parses",
        arguments: ["2026-Q5", "2026-Q0", "2026Q1", "2026-q1", "Q1-2026", ""]
    )
    func badQuarters(text: String) {
        #expect(Quarter(text) == nil)
    }

    @Test(
        "Bank days from arrival to answer",
        arguments: [
            // Thursday 3 December 2026 to the same day, Friday, Monday, Tuesday.
            ("2026-12-03", "2026-12-03", 0),
            ("2026-12-03", "2026-12-04", 1),
            ("2026-12-03", "2026-12-07", 2),
            ("2026-12-03", "2026-12-08", 3),
            // Arrived on a Saturday, answered on the Sunday or the Monday.
            ("2026-12-05", "2026-12-06", 0),
            ("2026-12-05", "2026-12-07", 1),
            // Christmas: the 24th counts, the 25th and the weekend do not.
            ("2026-12-23", "2026-12-28", 2),
        ]
    )
    func bankDays(opened: String, answered: String, expected: Int) {
        #expect(ResponseTimes.bankDays(opened: day(opened), answered: day(answered)) == expected)
    }

    @Test(
        "The median is the lower middle",
        arguments: [([Int](), nil), ([4], 4), ([1, 9], 1), ([7, 1, 3], 3), ([5, 1, 2, 8], 2)]
    )
    func median(values: [Int], expected: Int?) {
        #expect(ResponseTimes.median(values) == expected)
    }
}
