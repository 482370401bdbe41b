/// The deadlines of resident democracy (beboerdemokrati, rules.md §6), counted in calendar days:
/// the department meeting's notice (4 weeks before) and proposals (2 weeks before), and the
/// representative body's minutes (published at the latest 6 weeks after its meeting).
public struct MeetingDeadlines: Sendable, Equatable {
    /// Indkaldelse: at least 4 weeks before the meeting (policy default, normalvedtægt).
    public let noticeDays: Int
    /// Forslag: at the board at least 2 weeks before the meeting.
    public let proposalDays: Int
    /// Referat: available to every resident at the latest 6 weeks after the meeting.
    public let minutesDays: Int

    public init(noticeDays: Int = 28, proposalDays: Int = 14, minutesDays: Int = 42) {
        self.noticeDays = noticeDays
        self.proposalDays = proposalDays
        self.minutesDays = minutesDays
    }

    public static let noticeReference = "Normalvedtægten for almene boligorganisationer: indkaldelse mindst 4 uger før"
    public static let proposalReference = "Normalvedtægten for almene boligorganisationer: forslag senest 2 uger før"
    public static let minutesReference = "Normalvedtægten: repræsentantskabets referat senest 6 uger efter mødet"
    public static let extraordinaryReference =
        "ABL § 37 og normalvedtægten: ekstraordinært afdelingsmøde på begæring af 25 % af husstandene"

    /// The last day the notice may be sent for a meeting on `meeting`.
    public func noticeBy(meeting: LocalDate) -> LocalDate { meeting.adding(days: -noticeDays) }

    /// The last day a resident may hand in a proposal for a meeting on `meeting`.
    public func proposalsBy(meeting: LocalDate) -> LocalDate { meeting.adding(days: -proposalDays) }

    /// The last day the minutes of a meeting on `meeting` may be published.
    public func minutesBy(meeting: LocalDate) -> LocalDate { meeting.adding(days: minutesDays) }

    /// The earliest meeting day whose notice can still go out on `today`.
    public func earliestMeeting(noticeOn today: LocalDate) -> LocalDate { today.adding(days: noticeDays) }

    /// Whether a meeting on `meeting` can be called on `today`: its notice must still be in time,
    /// and it is not held on a helligdag.
    public func schedulingProblem(
        meeting: LocalDate,
        today: LocalDate,
        calendar: DanishCalendar = DanishCalendar()
    ) -> MeetingSchedulingProblem? {
        if meeting <= today { return .notInTheFuture }
        if noticeBy(meeting: meeting) < today { return .noticeTooLate(earliest: earliestMeeting(noticeOn: today)) }
        if meeting > today.adding(days: 366) { return .tooFarAhead }
        if let holiday = calendar.holiday(on: meeting) { return .holiday(holiday) }
        return nil
    }

    /// The day a form offers: the earliest the notice allows from Monday to Friday that is not a
    /// helligdag.
    public func suggestedMeeting(noticeOn today: LocalDate, calendar: DanishCalendar = DanishCalendar()) -> LocalDate {
        var day = earliestMeeting(noticeOn: today)
        while !calendar.isHverdag(day) || day.weekday == .saturday { day = day.adding(days: 1) }
        return day
    }

    /// Whether a proposal handed in on `day` is in time for a meeting on `meeting`.
    public func acceptsProposal(on day: LocalDate, meeting: LocalDate) -> Bool {
        day <= proposalsBy(meeting: meeting)
    }
}

/// Why a meeting cannot be called for a day.
public enum MeetingSchedulingProblem: Sendable, Equatable {
    /// The day is today or has passed.
    case notInTheFuture
    /// The 4 weeks' notice can no longer be given; the earliest possible day is given.
    case noticeTooLate(earliest: LocalDate)
    /// More than a year ahead: most likely a typing error.
    case tooFarAhead
    /// On a helligdag, when few can come.
    case holiday(Holiday)
}

/// Ekstraordinært afdelingsmøde: called when 25 % of the department's households ask for it
/// (or its board, or the organisation's board, decides so).
public enum ExtraordinaryMeetingRule {
    /// The households' requests needed: a quarter of the households, rounded up (at least one).
    public static func needed(households: Int) -> Int {
        max(1, (max(households, 0) + 3) / 4)
    }

    /// Whether `requests` requests from `households` households call a meeting.
    public static func required(households: Int, requests: Int) -> Bool {
        households > 0 && requests >= needed(households: households)
    }
}

/// The votes of a household at a department meeting: 2 by default (normalvedtægt), set per
/// department from 1 to 4.
public enum HouseholdVotes {
    public static let standard = 2
    public static let allowed = 1...4
}
