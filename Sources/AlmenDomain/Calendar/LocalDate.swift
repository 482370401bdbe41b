/// Dato: a calendar date in Danish local time, without a time of day.
///
/// The rules count whole days (rules.md §1), so a date is three numbers rather than a `Date`: an
/// instant would make every rule depend on the hour and time zone it was computed in. Dates follow
/// the proleptic Gregorian calendar and hold four-digit years (`representableYears`), so that the
/// 1800s birth dates a CPR number can encode (rules.md §9) are dates too.
public struct LocalDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years the Danish calendar rules are stated for and tested in. Callers should reject user
    /// input outside this range instead of relying on rules nobody has checked there.
    public static let supportedYears: ClosedRange<Int> = 1900...2200

    /// The years a date can hold: those written with exactly four digits.
    public static let representableYears: ClosedRange<Int> = 1...9999

    /// `nil` when the numbers do not name a real day (31 February, month 13, year 0, ...).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.representableYears.contains(year), (1...12).contains(month),
            (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    init(dayNumber: Int) {
        let civil = DayNumber.civil(dayNumber)
        precondition(
            Self.representableYears.contains(civil.year),
            "Date arithmetic left the years 1...9999"
        )
        year = civil.year
        month = civil.month
        day = civil.day
    }

    /// Days since 1970-01-01; the basis of all date arithmetic.
    var dayNumber: Int { DayNumber.from(year: year, month: month, day: day) }

    /// Whether the year lies in `supportedYears`.
    public var isInSupportedYears: Bool { Self.supportedYears.contains(year) }

    /// Leap years of the Gregorian calendar: divisible by 4, centuries only when divisible by 400.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month; `month` must be 1...12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        precondition((1...12).contains(month), "Month must be 1...12")
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var weekday: Weekday {
        // 1 January 1970 (day 0) was a Thursday, ISO number 4.
        let mondayBased = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday(rawValue: mondayBased + 1)!
    }

    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// Whole months later (or earlier), with the day clamped to the length of the target month:
    /// 31 January plus one month is 28 or 29 February.
    public func adding(months: Int) -> LocalDate {
        let monthIndex = year * 12 + (month - 1) + months
        let newYear = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let newMonth = monthIndex - newYear * 12 + 1
        precondition(Self.representableYears.contains(newYear), "Date arithmetic left the years 1...9999")
        let newDay = min(day, Self.daysInMonth(year: newYear, month: newMonth))
        return LocalDate(year: newYear, month: newMonth, day: newDay)!
    }

    /// The same date `years` years later; for 29 February in a year without one, 1 March (a
    /// period of whole years from 29 February runs to the end of 28 February).
    public func anniversary(afterYears years: Int) -> LocalDate {
        let later = adding(months: years * 12)
        return later.day == day ? later : later.lastOfMonth.adding(days: 1)
    }

    public var firstOfMonth: LocalDate {
        LocalDate(year: year, month: month, day: 1)!
    }

    public var lastOfMonth: LocalDate {
        LocalDate(year: year, month: month, day: Self.daysInMonth(year: year, month: month))!
    }

    /// `other` minus `self` in days: positive when `other` is later.
    public func days(until other: LocalDate) -> Int {
        other.dayNumber - dayNumber
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
