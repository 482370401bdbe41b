/// How long personal data is kept (rules.md §9, the modelled platform's policy; an administrator
/// may change each period). A category's clock starts at its own event: the move-out, the offer,
/// the allocation, the end of the financial year, the case's closing.
public enum DataCategory: String, Sendable, CaseIterable, Codable {
    /// Residents who moved out or were rehoused: 5 years after the move-out.
    case formerResidents = "former_residents"
    /// Data used only for a permanent rehousing (genhusning): deleted at the move-out.
    case rehousing
    /// Offers and payment documentation (tilbud og betalingsdokumentation): 90 days.
    case offersAndPayments = "offers_payments"
    /// New-build allocation (udlejning af nybyggeri): 1 year.
    case newBuildAllocation = "new_build_allocation"
    /// Renovation and accounting material (regnskabsmateriale): 5 years after the end of the
    /// financial year (bogføringsloven).
    case accounting
    /// Counselling (boligsocial rådgivning, with consent): 2 years after the case closed.
    case counselling

    /// The default period of rules.md §9.
    public var defaultPeriod: RetentionPeriod {
        switch self {
        case .formerResidents: .years(5)
        case .rehousing: .days(0)
        case .offersAndPayments: .days(90)
        case .newBuildAllocation: .years(1)
        case .accounting: .yearsAfterFinancialYear(5)
        case .counselling: .years(2)
        }
    }
}

/// A retention period, counted from the category's event.
public enum RetentionPeriod: Sendable, Equatable, Codable {
    /// Calendar days; 0 deletes on the event's own day.
    case days(Int)
    /// Whole years: to the same date that many years later (29 February to 28 February).
    case years(Int)
    /// Whole years after the end of the financial year in which the event falls.
    case yearsAfterFinancialYear(Int)

    /// The last day the data is kept for an event on `event`. The data is deleted from the day
    /// after: a resident who moved out 5 years ago today is still there, and gone tomorrow.
    /// `financialYearEnd` is the month and day the financial year ends (31 December by default;
    /// many organisations end it on 30 June or 30 September).
    public func lastDay(event: LocalDate, financialYearEnd: MonthDay = .december31) -> LocalDate {
        switch self {
        case .days(let days):
            return event.adding(days: days)
        case .years(let years):
            // EU regulation 1182/71 art. 3: the period ends with the day of the same number, or
            // the month's last day when it has none (29 February runs to 28 February).
            return event.adding(months: years * 12)
        case .yearsAfterFinancialYear(let years):
            // The financial year's last day, the same day `years` later (never 29 February).
            let end = financialYearEnd.firstOnOrAfter(event)
            return LocalDate(year: end.year + years, month: end.month, day: end.day)!
        }
    }

    /// The latest event day whose data has expired on `today`: everything dated on or before it
    /// goes. Lets a run select expired rows by date instead of testing each.
    public func latestExpiredEvent(today: LocalDate, financialYearEnd: MonthDay = .december31) -> LocalDate {
        switch self {
        case .days(let days):
            return today.adding(days: -days - 1)
        case .years:
            // A day or two either side of the clamped anniversary: step back to the first that has expired.
            var day = today.adding(days: 2).adding(months: -12 * years)
            while !hasExpired(event: day, today: today, financialYearEnd: financialYearEnd) {
                day = day.adding(days: -1)
            }
            return day
        case .yearsAfterFinancialYear(let years):
            // The last financial year whose end, `years` later, is before today.
            let endThisYear = LocalDate(year: today.year, month: financialYearEnd.month, day: financialYearEnd.day)!
            let year = endThisYear < today ? today.year - years : today.year - years - 1
            return LocalDate(year: year, month: financialYearEnd.month, day: financialYearEnd.day)!
        }
    }

    private var years: Int {
        if case .years(let years) = self { return years }
        return 0
    }

    /// Whether data whose event was on `event` has expired on `today`.
    public func hasExpired(event: LocalDate, today: LocalDate, financialYearEnd: MonthDay = .december31) -> Bool {
        lastDay(event: event, financialYearEnd: financialYearEnd) < today
    }

    /// The period in days or whole years, for a form and for `almen rules retention`.
    public var description: String {
        switch self {
        case .days(let days): "\(days) days"
        case .years(let years): "\(years) years"
        case .yearsAfterFinancialYear(let years): "\(years) years after the financial year"
        }
    }
}

/// A month and day that recurs every year (the end of a financial year).
public struct MonthDay: Sendable, Equatable, Codable {
    public let month: Int
    public let day: Int

    public init?(month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysInMonth(year: 2001, month: month) else {
            return nil
        }
        self.month = month
        self.day = day
    }

    public static let december31 = MonthDay(month: 12, day: 31)!

    /// The first date on or after `date` that is this month and day.
    public func firstOnOrAfter(_ date: LocalDate) -> LocalDate {
        let thisYear = LocalDate(year: date.year, month: month, day: day)!
        return thisYear < date ? LocalDate(year: date.year + 1, month: month, day: day)! : thisYear
    }
}
