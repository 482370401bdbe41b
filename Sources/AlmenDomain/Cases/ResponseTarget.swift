/// A case's deadlines (frister) are counted in bank days (bankdage, rules.md §1): a day the
/// administration is closed does not count, so "3 bank days" after a Friday is the Wednesday.
public enum CaseDeadlineKind: String, Codable, Sendable, CaseIterable {
    /// Kvittering: the parties are told the case is received (a letter in the case).
    case receipt
    /// Svar: the case is answered (a decision, a caseworker's letter, or closing it).
    case answer
    /// Afgørelse: a caseworker is to decide (an arrears case whose påkrav deadline has passed:
    /// ophævelse or not); met by the decision or by closing the case. Staff's only: a party is
    /// never told of it.
    case decision
    /// Handling: a complainant demanded action (ALL § 83), so the landlord sends a påmindelse or
    /// brings the case to the beboerklagenævn within 4 weeks, July not counted
    /// (`ComplaintDeadlines.landlordActBy`); met by either step.
    case demandedAction = "demanded_action"
    /// Boligret: the landlord terminated a lease (a neighbour complaint's opsigelse); should the
    /// tenants object, the case is brought before the boligret by this day (ALL § 89,
    /// `LandlordTerminationRules`). Met by that step; closing the case when nobody objected removes it.
    case court
}

/// One deadline of a case: what is due, and the last day it is on time.
public struct CaseDeadline: Hashable, Sendable {
    public let kind: CaseDeadlineKind
    public let due: LocalDate

    public init(kind: CaseDeadlineKind, due: LocalDate) {
        self.kind = kind
        self.due = due
    }
}

/// Svarfrist: how many bank days after a case arrives it is to be acknowledged and answered. The
/// administration's policy, not the law's, except where rules.md names a number (a complaint's
/// receipt within 3 bank days); administrators change the standard per case kind.
public struct ResponseTarget: Hashable, Sendable {
    /// Bank days to the receipt; nil when the kind has none (cases the system opens itself).
    public let receiptBankDays: Int?
    /// Bank days to the answer; nil when the kind has none (its own workflow sets its dates).
    public let answerBankDays: Int?

    public init(receiptBankDays: Int?, answerBankDays: Int?) {
        self.receiptBankDays = receiptBankDays
        self.answerBankDays = answerBankDays
    }

    /// The bank days a receipt target may be: a day at least, six weeks at most.
    public static let receiptRange = 1...30
    /// The bank days an answer target may be: a day at least, about half a year at most.
    public static let answerRange = 1...120

    /// The standard targets, until an administrator sets others. Receipt within 3 bank days for
    /// everything a resident or mail starts (rules.md §5's default for complaints, used for all);
    /// the answer as quickly as the kind allows: a termination's confirmation within a week, a
    /// fault's first answer within two, what needs documents and a decision (sub-letting, swap, a
    /// complaint) within four (a tenant may demand action on a complaint within 4 weeks). Arrears
    /// and move-out settlements run on their own legal dates and have no target here.
    public static func standard(for kind: CaseKind) -> ResponseTarget {
        switch kind {
        case .general: ResponseTarget(receiptBankDays: 3, answerBankDays: 10)
        case .termination: ResponseTarget(receiptBankDays: 3, answerBankDays: 5)
        case .faultReport: ResponseTarget(receiptBankDays: 3, answerBankDays: 10)
        case .subletting, .swap, .neighbourComplaint: ResponseTarget(receiptBankDays: 3, answerBankDays: 20)
        // The other landlord's answer: within two weeks, so the applicant's organisation can decide.
        case .swapLandlord: ResponseTarget(receiptBankDays: nil, answerBankDays: 10)
        case .arrears, .moveOut: ResponseTarget(receiptBankDays: nil, answerBankDays: nil)
        // The month of GDPR article 12(3), set from the day it arrived (`DataSubjectRequestDeadline`).
        case .dataRequest: ResponseTarget(receiptBankDays: 3, answerBankDays: nil)
        }
    }

    /// What is wrong with the target as an administrator typed it: each number outside its
    /// range, and an answer due before the receipt.
    public var problems: [ResponseTargetProblem] {
        var problems: [ResponseTargetProblem] = []
        if let receipt = receiptBankDays, !Self.receiptRange.contains(receipt) { problems.append(.receiptOutOfRange) }
        if let answer = answerBankDays, !Self.answerRange.contains(answer) { problems.append(.answerOutOfRange) }
        if problems.isEmpty, let receipt = receiptBankDays, let answer = answerBankDays, answer < receipt {
            problems.append(.answerBeforeReceipt)
        }
        return problems
    }

    /// The deadlines of a case that arrived on `opened`: each target counted in bank days after
    /// that day, so a case arriving on a weekend or a holiday counts from the next bank day.
    public func deadlines(opened: LocalDate, calendar: DanishCalendar = DanishCalendar()) -> [CaseDeadline] {
        var deadlines: [CaseDeadline] = []
        if let receiptBankDays {
            deadlines.append(CaseDeadline(kind: .receipt, due: calendar.adding(bankDays: receiptBankDays, to: opened)))
        }
        if let answerBankDays {
            deadlines.append(CaseDeadline(kind: .answer, due: calendar.adding(bankDays: answerBankDays, to: opened)))
        }
        return deadlines
    }
}

/// Why an administrator's response target is refused.
public enum ResponseTargetProblem: String, Sendable, CaseIterable {
    case receiptOutOfRange
    case answerOutOfRange
    case answerBeforeReceipt
}

/// Where an unmet deadline stands on a given day, in bank days.
public enum DeadlineStanding: Hashable, Sendable {
    /// Due after today: `bankDays` bank days are left, counting the due day.
    case ahead(bankDays: Int)
    /// Due today.
    case dueToday
    /// Past its day by `bankDays` bank days: a deadline on a Friday is 1 late on the weekend
    /// and on Monday, 2 on Tuesday.
    case late(bankDays: Int)

    public init(due: LocalDate, today: LocalDate, calendar: DanishCalendar = DanishCalendar()) {
        if due == today {
            self = .dueToday
        } else if today < due {
            self = .ahead(bankDays: calendar.bankDays(after: today, through: due))
        } else {
            self = .late(bankDays: max(1, calendar.bankDays(after: due, through: today)))
        }
    }

    public var isLate: Bool {
        if case .late = self { return true }
        return false
    }
}

/// A quarter of a year (kvartal): the period the residents are told how long cases took.
public struct Quarter: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1 to 4.
    public let number: Int

    public init?(year: Int, number: Int) {
        guard (1...4).contains(number) else { return nil }
        self.year = year
        self.number = number
    }

    /// The quarter `date` falls in.
    public init(containing date: LocalDate) {
        year = date.year
        number = (date.month - 1) / 3 + 1
    }

    /// Parses "2026-Q3".
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[1].count == 2, parts[1].first == "Q", let year = Int(parts[0]),
            let number = Int(parts[1].dropFirst())
        else { return nil }
        self.init(year: year, number: number)
    }

    public var first: LocalDate { LocalDate(year: year, month: (number - 1) * 3 + 1, day: 1)! }
    public var last: LocalDate { first.adding(months: 2).lastOfMonth }
    public var previous: Quarter {
        number == 1 ? Quarter(year: year - 1, number: 4)! : Quarter(year: year, number: number - 1)!
    }
    /// "2026-Q3".
    public var description: String { "\(year)-Q\(number)" }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool {
        (lhs.year, lhs.number) < (rhs.year, rhs.number)
    }
}

/// How long cases took to be answered, in bank days from the day each arrived to the day it was
/// answered: the figure the residents are shown ("typically answered within 4 bank days").
public enum ResponseTimes {
    /// The median (the lower middle of an even count); nil for none.
    public static func median(_ bankDays: [Int]) -> Int? {
        guard !bankDays.isEmpty else { return nil }
        let sorted = bankDays.sorted()
        return sorted[(sorted.count - 1) / 2]
    }

    /// Bank days from arrival to answer: 0 for an answer the same day (or before the next bank
    /// day), 1 for the next bank day, and so on.
    public static func bankDays(
        opened: LocalDate,
        answered: LocalDate,
        calendar: DanishCalendar = DanishCalendar()
    ) -> Int {
        answered <= opened ? 0 : calendar.bankDays(after: opened, through: answered)
    }

    /// The fewest cases a figure is shown for: fewer say little, and could point at a person.
    public static let fewestShown = 5
}
