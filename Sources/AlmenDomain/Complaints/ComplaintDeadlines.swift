/// The deadlines of a neighbour complaint (naboklage), rules.md §5: ALL chapter 13, §§ 82–83 and
/// 102–106, with the administration's policy for the receipt.
public struct ComplaintDeadlines: Sendable {
    /// Policy: the receipt (kvittering) goes to the complainant within this many bank days.
    public static let receiptBankDays = 3
    /// "4 weeks, July not counted": the days counted.
    public static let fourWeeks = 28

    public static let receiptReference = "Politik (rules.md §5, trin 1)"
    public static let demandReference = "ALL § 83"
    public static let appealReference = "ALL § 106"
    public static let naevnReference = "ALL §§ 102–106"
    /// The nævn tells the other party within 1 week, who replies within 2; it decides within 4.
    public static let naevnTellsDays = 7
    public static let naevnReplyDays = 14
    public static let naevnDecidesDays = 28

    public let calendar: DanishCalendar

    public init(calendar: DanishCalendar = DanishCalendar()) {
        self.calendar = calendar
    }

    /// The receipt to the complainant: the 3rd bank day after the complaint arrived.
    public func receiptBy(received: LocalDate) -> LocalDate {
        calendar.adding(bankDays: Self.receiptBankDays, to: received)
    }

    /// A tenant demanded action: the landlord sends a påmindelse or brings the case to the
    /// beboerklagenævn by this day (4 weeks, July not counted), or the tenant may bring it.
    public func landlordActBy(demanded: LocalDate) -> CountedDeadline {
        fourWeeksJulyNotCounted(after: demanded)
    }

    /// The beboerklagenævn decided: an appeal to the boligret by this day (4 weeks, July not
    /// counted).
    public func appealBy(naevnDecision: LocalDate) -> CountedDeadline {
        fourWeeksJulyNotCounted(after: naevnDecision)
    }

    /// The beboerklagenævn received the case: it tells the other party within 1 week, who then
    /// has 2 weeks to reply, and it decides within 4 weeks of receiving it (rules.md §5). These
    /// are the nævn's own deadlines; the card shows them so a caseworker knows when to expect what.
    public func naevn(received: LocalDate) -> NaevnDeadlines {
        let told = received.adding(days: Self.naevnTellsDays)
        return NaevnDeadlines(
            otherPartyToldBy: told,
            replyBy: told.adding(days: Self.naevnReplyDays),
            decisionBy: received.adding(days: Self.naevnDecidesDays)
        )
    }

    /// Count the days after `date` one by one, skipping every day in July; the 28th counted day is
    /// the last day, and when it is a Saturday, Sunday, helligdag, Grundlovsdag, 24 or 31 December,
    /// the next day that is none of these.
    public func fourWeeksJulyNotCounted(after date: LocalDate) -> CountedDeadline {
        var day = date
        var counted = 0
        var julyDays = 0
        while counted < Self.fourWeeks {
            day = day.adding(days: 1)
            if day.month == 7 {
                julyDays += 1
            } else {
                counted += 1
            }
        }
        let counted28th = day
        var movedPast: [LocalDate] = []
        while closedReason(day) != nil {
            movedPast.append(day)
            day = day.adding(days: 1)
        }
        return CountedDeadline(
            lastDay: day,
            twentyEighthDay: counted28th,
            julyDaysSkipped: julyDays,
            movedPast: movedPast
        )
    }

    /// Why a deadline cannot end on `date`: a weekend, a helligdag, Grundlovsdag, juleaften or
    /// nytårsaften; nil when it can.
    public func closedReason(_ date: LocalDate) -> ClosedDay? {
        if let reason = calendar.nonBankDayReason(date) { return .notABankDay(reason) }
        if date.month == 12, date.day == 24 { return .christmasEve }
        if date.month == 12, date.day == 31 { return .newYearsEve }
        return nil
    }
}

/// A deadline counted in days, and how it was reached.
public struct CountedDeadline: Sendable, Equatable {
    /// The last day to act.
    public let lastDay: LocalDate
    /// The 28th counted day, before any move past a closed day.
    public let twentyEighthDay: LocalDate
    /// Days in July passed over uncounted.
    public let julyDaysSkipped: Int
    /// The closed days the deadline moved past, in order.
    public let movedPast: [LocalDate]
}

/// What the beboerklagenævn is to do by when, once it has a case.
public struct NaevnDeadlines: Sendable, Equatable {
    public let otherPartyToldBy: LocalDate
    public let replyBy: LocalDate
    public let decisionBy: LocalDate
}

/// A day a deadline cannot end on.
public enum ClosedDay: Hashable, Sendable {
    case notABankDay(DayReason)
    /// Juleaften, 24 December.
    case christmasEve
    /// Nytårsaften, 31 December.
    case newYearsEve
}
