/// Urafstemning: a digital ballot a department meeting decides to hold (rules.md §6). One ballot
/// per eligible person (18 or over, living in the department), cast once, secret.
public enum BallotRules {
    public static let votingAge = 18
    /// A ballot is open for at most this many days.
    public static let longestPeriod = 60

    /// Whether a person born on `born` is of voting age on `day`: from their 18th birthday (for
    /// 29 February, from 1 March in a year without one).
    public static func isOfVotingAge(born: LocalDate, on day: LocalDate) -> Bool {
        born.anniversary(afterYears: votingAge) <= day
    }

    /// Whether a person is eligible on `day`. `born` comes from the CPR number when the register
    /// has it; without it, the register's own word (`adultWithoutBirthDate`: a tenant, or a
    /// household member marked adult) decides.
    public static func isEligible(
        livesInDepartment: Bool,
        born: LocalDate?,
        adultWithoutBirthDate: Bool,
        on day: LocalDate
    ) -> Bool {
        guard livesInDepartment else { return false }
        if let born { return isOfVotingAge(born: born, on: day) }
        return adultWithoutBirthDate
    }

    /// Whether a ballot open from `opens` to `closes` (both days included) takes votes on `day`.
    public static func isOpen(on day: LocalDate, opens: LocalDate, closes: LocalDate) -> Bool {
        opens <= day && day <= closes
    }

    /// Why a ballot cannot run for a period, decided on `today`.
    public static func periodProblem(opens: LocalDate, closes: LocalDate, today: LocalDate) -> BallotPeriodProblem? {
        if opens < today { return .opensInThePast }
        if closes < opens { return .closesBeforeItOpens }
        if opens.days(until: closes) >= longestPeriod { return .tooLong(days: longestPeriod) }
        return nil
    }
}

public enum BallotPeriodProblem: Sendable, Equatable {
    case opensInThePast
    case closesBeforeItOpens
    case tooLong(days: Int)
}
