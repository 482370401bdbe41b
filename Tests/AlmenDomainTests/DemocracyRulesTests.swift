import AlmenDomain
import Testing

/// Resident democracy (rules.md §6): the meeting's deadlines, the extraordinary meeting's
/// threshold and the boards' composition, against answers worked out by hand.
@Suite("Resident democracy")
struct DemocracyRulesTests {
    let deadlines = MeetingDeadlines()

    @Test(
        "Notice 4 weeks and proposals 2 weeks before the meeting, minutes 6 weeks after",
        arguments: [
            // Tuesday 22 December 2026: notice by Tuesday 24 November, proposals by Tuesday 8 December.
            ("2026-12-22", "2026-11-24", "2026-12-08", "2027-02-02"),
            // Across a month end and a leap day.
            ("2028-03-14", "2028-02-15", "2028-02-29", "2028-04-25"),
            // Across the year end.
            ("2027-01-10", "2026-12-13", "2026-12-27", "2027-02-21"),
            // A meeting on 1 March in an ordinary year.
            ("2027-03-01", "2027-02-01", "2027-02-15", "2027-04-12"),
        ]
    )
    func deadlinesCountCalendarDays(meeting: String, noticeBy: String, proposalsBy: String, minutesBy: String) {
        #expect(deadlines.noticeBy(meeting: day(meeting)) == day(noticeBy))
        #expect(deadlines.proposalsBy(meeting: day(meeting)) == day(proposalsBy))
        #expect(deadlines.minutesBy(meeting: day(meeting)) == day(minutesBy))
        // The weekday of the meeting is the weekday of both deadlines (whole weeks).
        #expect(day(noticeBy).weekday == day(meeting).weekday)
        #expect(day(proposalsBy).weekday == day(meeting).weekday)
    }

    @Test(
        "A meeting can be called only while its notice is still in time",
        arguments: [
            // Today 4 December 2026: 1 January 2027 is exactly 4 weeks away, but nytårsdag; Monday
            // 4 January is fine.
            ("2027-01-04", "2026-12-04", nil as String?, false, false),
            ("2026-12-31", "2026-12-04", "2027-01-01", false, false),
            ("2026-12-04", "2026-12-04", nil, true, false),
            ("2026-11-30", "2026-12-04", nil, true, false),
            ("2027-06-01", "2026-12-04", nil, false, false),
            ("2027-12-06", "2026-12-04", nil, false, true),
        ]
    )
    func scheduling(meeting: String, today: String, earliest: String?, past: Bool, tooFar: Bool) {
        let problem = deadlines.schedulingProblem(meeting: day(meeting), today: day(today))
        switch problem {
        case nil: #expect(earliest == nil && !past && !tooFar)
        case .notInTheFuture: #expect(past)
        case .noticeTooLate(let first): #expect(earliest.map(day) == first)
        case .tooFarAhead: #expect(tooFar)
        case .holiday: Issue.record("no holiday in these rows")
        }
    }

    @Test(
        "Not on a helligdag; the form offers the first hverdag the notice allows",
        arguments: [
            ("2026-12-04", "2027-01-04", "2027-01-01" as String?),  // nytårsdag, then a weekend
            ("2026-11-23", "2026-12-21", nil),  // a Monday
            ("2027-02-27", "2027-03-30", "2027-03-29" as String?),  // Saturday, påskedag, 2. påskedag
        ]
    )
    func holidays(today: String, suggested: String, holiday: String?) {
        #expect(deadlines.suggestedMeeting(noticeOn: day(today)) == day(suggested))
        if let holiday {
            guard case .holiday = deadlines.schedulingProblem(meeting: day(holiday), today: day(today)) else {
                Issue.record("\(holiday) should be refused as a helligdag")
                return
            }
        }
    }

    @Test(
        "Proposals are taken until the proposal deadline, that day included",
        arguments: [("2026-12-08", true), ("2026-12-07", true), ("2026-12-09", false), ("2026-12-22", false)]
    )
    func proposalWindow(handedIn: String, accepted: Bool) {
        #expect(deadlines.acceptsProposal(on: day(handedIn), meeting: day("2026-12-22")) == accepted)
    }

    @Test(
        "An extraordinary meeting needs a quarter of the households, rounded up",
        arguments: [
            (113, 28, 29, false), (113, 29, 29, true), (100, 25, 25, true), (100, 24, 25, false),
            (1, 1, 1, true), (4, 1, 1, true), (5, 1, 2, false), (0, 0, 1, false), (0, 5, 1, false),
        ]
    )
    func extraordinary(households: Int, requests: Int, needed: Int, required: Bool) {
        #expect(ExtraordinaryMeetingRule.needed(households: households) == needed)
        #expect(ExtraordinaryMeetingRule.required(households: households, requests: requests) == required)
    }

    typealias Seat = BoardComposition.Seat

    static func seats(_ roles: [BoardComposition.Role], residents: Int? = nil) -> [Seat] {
        roles.enumerated().map { index, role in Seat(role: role, isResident: index < (residents ?? roles.count)) }
    }

    @Test(
        "A department board: at least 3 members, an odd number, all residents, one chair",
        arguments: [
            (seats([.chair, .member, .member]), [BoardComposition.Problem]()),
            (seats([.chair, .deputyChair, .member, .member, .member]), []),
            // Alternates are not members, and do not make the number even.
            (seats([.chair, .member, .member, .alternate]), []),
            (seats([.chair, .member]), [.tooFewMembers(count: 2, minimum: 3)]),
            (seats([.chair, .member, .member, .member]), [.evenNumberOfMembers(count: 4)]),
            (seats([.chair, .member, .member], residents: 2), [.membersNotResident(count: 1)]),
            (seats([.member, .member, .member]), [.chairCount(count: 0)]),
            (seats([.chair, .chair, .member]), [.chairCount(count: 2)]),
            (seats([]), [.tooFewMembers(count: 0, minimum: 3), .chairCount(count: 0)]),
        ]
    )
    func departmentBoard(seats: [Seat], problems: [BoardComposition.Problem]) {
        #expect(BoardComposition.departmentBoard(seats) == problems)
    }

    @Test(
        "An organisation board: a majority of residents, the chair or deputy chair a resident",
        arguments: [
            (seats([.chair, .deputyChair, .member, .member, .member], residents: 3), [BoardComposition.Problem]()),
            // Three of six is not a majority.
            (
                seats([.chair, .deputyChair, .member, .member, .member, .member], residents: 3),
                [.residentsNotMajority(residents: 3, members: 6)]
            ),
            // The deputy chair alone may be the resident.
            (
                [
                    Seat(role: .chair, isResident: false), Seat(role: .deputyChair, isResident: true),
                    Seat(role: .member, isResident: true),
                ], []
            ),
            (
                [
                    Seat(role: .chair, isResident: false), Seat(role: .deputyChair, isResident: false),
                    Seat(role: .member, isResident: true), Seat(role: .member, isResident: true),
                    Seat(role: .member, isResident: true),
                ],
                [.neitherChairNorDeputyResident]
            ),
            (seats([.member, .member, .member]), [.chairCount(count: 0), .neitherChairNorDeputyResident]),
        ]
    )
    func organisationBoard(seats: [Seat], problems: [BoardComposition.Problem]) {
        #expect(BoardComposition.organisationBoard(seats) == problems)
    }

    @Test(
        "A representative body: the department representatives in the majority, one per department at least",
        arguments: [
            (5, [2, 2, 2], [BoardComposition.Problem]()),
            (5, [1, 2, 2], [.representativesNotMajority(representatives: 5, others: 5)]),
            (3, [4, 0], [.departmentsWithoutRepresentative(count: 1)]),
            (7, [1, 1, 1], [.representativesNotMajority(representatives: 3, others: 7)]),
        ]
    )
    func representativeBody(board: Int, perDepartment: [Int], problems: [BoardComposition.Problem]) {
        #expect(
            BoardComposition.representativeBody(boardMembers: board, representativesPerDepartment: perDepartment)
                == problems
        )
    }
}

/// The digital ballot (urafstemning): who may vote, and when.
@Suite("Digital ballot")
struct BallotRulesTests {
    @Test(
        "Of voting age from the 18th birthday",
        arguments: [
            ("2008-12-04", "2026-12-04", true), ("2008-12-05", "2026-12-04", false), ("1950-01-01", "2026-12-04", true),
            // Born on 29 February: 18 on 1 March in a year without one.
            ("2008-02-29", "2026-02-28", false), ("2008-02-29", "2026-03-01", true),
            ("2012-02-29", "2030-02-28", false), ("2012-02-29", "2030-03-01", true),
        ]
    )
    func votingAge(born: String, on: String, eligible: Bool) {
        #expect(BallotRules.isOfVotingAge(born: day(born), on: day(on)) == eligible)
    }

    @Test(
        "Eligible: living in the department and 18, by the CPR number or else the register's word",
        arguments: [
            (true, "2000-01-01" as String?, false, true),
            (true, "2010-01-01", true, false),  // the CPR number wins over a wrong "adult" mark
            (false, "2000-01-01", true, false),
            (true, nil, true, true),
            (true, nil, false, false),
        ]
    )
    func eligibility(lives: Bool, born: String?, adult: Bool, eligible: Bool) {
        #expect(
            BallotRules.isEligible(
                livesInDepartment: lives,
                born: born.map(day),
                adultWithoutBirthDate: adult,
                on: day("2026-12-04")
            ) == eligible
        )
    }

    @Test(
        "Open from its first to its last day, both included",
        arguments: [("2026-12-06", false), ("2026-12-07", true), ("2026-12-20", true), ("2026-12-21", false)]
    )
    func period(on: String, open: Bool) {
        #expect(BallotRules.isOpen(on: day(on), opens: day("2026-12-07"), closes: day("2026-12-20")) == open)
    }

    @Test(
        "A ballot's period",
        arguments: [
            ("2026-12-04", "2026-12-18", nil as BallotPeriodProblem?),
            ("2026-12-03", "2026-12-18", .opensInThePast),
            ("2026-12-10", "2026-12-09", .closesBeforeItOpens),
            ("2026-12-04", "2026-12-04", nil),
            ("2026-12-04", "2027-02-02", .tooLong(days: 60)),
            ("2026-12-04", "2027-02-01", nil),
        ]
    )
    func periodProblems(opens: String, closes: String, problem: BallotPeriodProblem?) {
        #expect(BallotRules.periodProblem(opens: day(opens), closes: day(closes), today: day("2026-12-04")) == problem)
    }
}
