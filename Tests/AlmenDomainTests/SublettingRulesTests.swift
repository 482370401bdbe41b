import AlmenDomain
import Testing

/// Sub-letting and house swap (rules.md §4), against answers worked out by hand from the rule text.
@Suite("Sub-letting and house swap")
struct SublettingRulesTests {
    let rules = SublettingRules()

    @Test(
        "Partial sub-letting: half the rooms, no more occupants than rooms, half the area",
        arguments: [
            (PartialSubletting(rooms: 4, letRooms: 2, occupants: 4), [PartialSublettingReason]()),
            (PartialSubletting(rooms: 4, letRooms: 3, occupants: 4), [.tooManyRoomsLet]),
            (PartialSubletting(rooms: 3, letRooms: 1, occupants: 3), []),
            (PartialSubletting(rooms: 3, letRooms: 2, occupants: 3), [.tooManyRoomsLet]),
            // Letting the only room is not letting a part.
            (PartialSubletting(rooms: 1, letRooms: 1, occupants: 1), [.tooManyRoomsLet, .tooFewOccupants]),
            (PartialSubletting(rooms: 2, letRooms: 1, occupants: 3), [.tooManyOccupants]),
            // Everyone counts: the tenant alone is not a sub-letting, nor is a household of
            // three that says three.
            (PartialSubletting(rooms: 2, letRooms: 1, occupants: 1), [.tooFewOccupants]),
            (PartialSubletting(rooms: 4, letRooms: 2, occupants: 3, household: 3), [.tooFewOccupants]),
            (PartialSubletting(rooms: 4, letRooms: 2, occupants: 4, household: 3), []),
            (PartialSubletting(rooms: 4, letRooms: 2, occupants: 5, household: 4), [.tooManyOccupants]),
            (PartialSubletting(rooms: 4, letRooms: 2, occupants: 4, areaM2: 100, letAreaM2: 50), []),
            (PartialSubletting(rooms: 4, letRooms: 2, occupants: 4, areaM2: 100, letAreaM2: 51), [.tooMuchAreaLet]),
            // Rooms let already count towards the half: one of four let, one more may be.
            (PartialSubletting(rooms: 4, letRooms: 1, occupants: 4, household: 3, alreadyLetRooms: 1), []),
            (
                PartialSubletting(rooms: 4, letRooms: 2, occupants: 4, household: 3, alreadyLetRooms: 1),
                [.tooManyRoomsLet]
            ),
            (
                PartialSubletting(rooms: 2, letRooms: 1, occupants: 2, household: 2, alreadyLetRooms: 1),
                [
                    .tooManyRoomsLet, .tooFewOccupants,
                ]
            ),
            // The area rule needs both areas.
            (PartialSubletting(rooms: 4, letRooms: 2, occupants: 4, areaM2: 100), []),
            (
                PartialSubletting(rooms: 4, letRooms: 3, occupants: 5, areaM2: 100, letAreaM2: 60),
                [.tooManyRoomsLet, .tooManyOccupants, .tooMuchAreaLet]
            ),
        ]
    )
    func partial(request: PartialSubletting, expected: [PartialSublettingReason]) {
        #expect(rules.check(request) == expected)
    }

    static func whole(
        applied: String = "2026-12-03",
        start: String = "2027-01-01",
        end: String = "2027-12-31",
        reason: AbsenceReason = .illness,
        rooms: Int = 3,
        persons: Int = 3,
        rentOre: Int64 = 580_800
    ) -> WholeSubletting {
        WholeSubletting(
            applied: day(applied),
            start: day(start),
            end: day(end),
            reason: reason,
            rooms: rooms,
            persons: persons,
            rent: Money(ore: rentOre),
            tenantRent: Money(ore: 580_800)
        )
    }

    @Test(
        "Whole sub-letting: 2 years at most, 2 weeks' notice, a person per room, no higher rent, a named reason",
        arguments: [
            (whole(), [WholeSublettingReason]()),
            // 2 weeks before 1 January 2027 is 18 December 2026.
            (whole(applied: "2026-12-18"), []),
            (whole(applied: "2026-12-19"), [.tooLate]),
            // 2 years from 1 January 2027 run to 31 December 2028.
            (whole(end: "2028-12-31"), []),
            (whole(end: "2029-01-01"), [.tooLong]),
            (whole(persons: 4), [.tooManyPersons]),
            (whole(rentOre: 580_801), [.rentTooHigh]),
            (whole(reason: .business), []),
            (whole(reason: .study), []),
            (whole(reason: .relocation), []),
            (whole(reason: .other), [.reasonNotAccepted]),
            (
                whole(applied: "2026-12-30", end: "2029-06-30", reason: .other, persons: 5, rentOre: 700_000),
                [.tooLong, .tooLate, .tooManyPersons, .rentTooHigh, .reasonNotAccepted]
            ),
        ]
    )
    func wholeDwelling(request: WholeSubletting, expected: [WholeSublettingReason]) {
        #expect(rules.check(request) == expected)
    }

    @Test(
        "The last day of a 2-year sub-letting and the last day to apply",
        arguments: [
            ("2027-01-01", "2028-12-31", "2026-12-18"),
            ("2027-03-15", "2029-03-14", "2027-03-01"),
            // From 29 February the 2 years end with 28 February.
            ("2028-02-29", "2030-02-28", "2028-02-15"),
            // Into a leap year: the day before 1 March 2028 is 29 February.
            ("2026-03-01", "2028-02-29", "2026-02-15"),
        ]
    )
    func limits(start: String, latestEnd: String, latestApplication: String) {
        #expect(rules.latestEnd(startingOn: day(start)) == day(latestEnd))
        #expect(rules.latestApplication(startingOn: day(start)) == day(latestApplication))
    }

    @Test(
        "House swap: under 3 years or over 1 person per room may be refused, over 2 must be",
        arguments: [
            ("2023-12-03", "2026-12-03", 3, 3, SwapDecision.allowed, [SwapReason]()),
            ("2023-12-04", "2026-12-03", 3, 3, .mayRefuse, [.livedUnderThreeYears]),
            // 3 years from 29 February 2024 are complete on 1 March 2027.
            ("2024-02-29", "2027-02-28", 3, 3, .mayRefuse, [.livedUnderThreeYears]),
            ("2024-02-29", "2027-03-01", 3, 3, .allowed, []),
            ("2020-01-01", "2026-12-03", 2, 3, .mayRefuse, [.overOnePersonPerRoom]),
            ("2020-01-01", "2026-12-03", 2, 4, .mayRefuse, [.overOnePersonPerRoom]),
            ("2020-01-01", "2026-12-03", 2, 5, .mustRefuse, [.overTwoPersonsPerRoom]),
            ("2025-01-01", "2026-12-03", 1, 3, .mustRefuse, [.livedUnderThreeYears, .overTwoPersonsPerRoom]),
        ]
    )
    func swap(movedIn: String, applied: String, rooms: Int, persons: Int, decision: SwapDecision, reasons: [SwapReason])
    {
        let answer = SwapRules().check(
            HouseSwap(movedIn: day(movedIn), applied: day(applied), rooms: rooms, persons: persons)
        )
        #expect(answer.decision == decision)
        #expect(answer.reasons == reasons)
    }

    @Test(
        "House swap: a landlord outside Almen answers within 10 bank days of the letter",
        arguments: [
            ("2026-12-03", "2026-12-17"),
            // Juledag, 2. juledag and nytårsdag are not bank days; juleaften is.
            ("2026-12-18", "2027-01-05"),
            // Written on a Saturday: the Monday after is the first bank day.
            ("2026-12-05", "2026-12-18"),
            // Easter 2027: skærtorsdag 25 March to 2. påskedag 29 March.
            ("2027-03-22", "2027-04-08"),
        ]
    )
    func otherLandlordAnswer(written: String, answerBy: String) {
        #expect(SwapRules().otherLandlordAnswerBy(writtenOn: day(written)) == day(answerBy))
    }

    @Test(
        "Bank days forward: weekends, helligdage and Grundlovsdag are skipped",
        arguments: [
            ("2026-12-03", 0, "2026-12-03"),
            ("2026-12-26", 0, "2026-12-28"),
            ("2026-12-03", 5, "2026-12-10"),
            // Juleaften is a bank day under the rules; juledag and 2. juledag are not.
            ("2026-12-23", 1, "2026-12-24"),
            ("2026-12-24", 1, "2026-12-28"),
            // Easter 2026: Skærtorsdag 2 April to 2. påskedag 6 April.
            ("2026-04-01", 1, "2026-04-07"),
            ("2026-04-01", 3, "2026-04-09"),
            // Kristi himmelfartsdag 14 May, 2. pinsedag 25 May 2026, Grundlovsdag 5 June.
            ("2026-05-13", 1, "2026-05-15"),
            ("2026-05-22", 1, "2026-05-26"),
            ("2026-06-04", 1, "2026-06-08"),
        ]
    )
    func bankDays(from: String, count: Int, expected: String) {
        #expect(DanishCalendar().adding(bankDays: count, to: day(from)) == day(expected))
    }
}
