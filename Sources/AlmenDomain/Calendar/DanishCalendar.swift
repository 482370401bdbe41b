/// Den danske kalender: helligdage, hverdage and bankdage as the rent rules count them (rules.md §1).
///
/// The Easter rule (anonymous Gregorian algorithm) is exact for every Gregorian year; the list of
/// holidays is the current statute applied backwards and forwards, checked for
/// `LocalDate.supportedYears`.
public struct DanishCalendar: Sendable {
    /// Store bededag was a helligdag up to and including 2023 and abolished from 1 January 2024
    /// (rules.md §1).
    public static let lastYearWithStoreBededag = 2023

    public init() {}

    /// Påskedag (Easter Sunday) in the Gregorian calendar; every movable holiday is counted from it.
    /// `year` must be in `LocalDate.representableYears`.
    public static func easterSunday(year: Int) -> LocalDate {
        precondition(LocalDate.representableYears.contains(year), "Year outside 1...9999")
        // Meeus/Jones/Butcher: a is the place in the 19-year lunar cycle, h the epact-based offset
        // of the Paschal full moon, l the days from it to the next Sunday.
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    /// The named helligdage of a year, sorted by date (rules.md §1). Ordinary Sundays are not listed;
    /// Grundlovsdag, juleaften, nytårsaften and 1 May are not helligdage.
    public func holidays(in year: Int) -> [Holiday] {
        let easter = Self.easterSunday(year: year)
        func fixed(_ month: Int, _ day: Int, _ name: String, _ english: String) -> Holiday {
            Holiday(date: LocalDate(year: year, month: month, day: day)!, name: name, englishName: english)
        }
        func movable(_ offset: Int, _ name: String, _ english: String) -> Holiday {
            Holiday(date: easter.adding(days: offset), name: name, englishName: english)
        }
        var list = [
            fixed(1, 1, "Nytårsdag", "New Year's Day"),
            movable(-3, "Skærtorsdag", "Maundy Thursday"),
            movable(-2, "Langfredag", "Good Friday"),
            movable(0, "Påskedag", "Easter Sunday"),
            movable(1, "2. påskedag", "Easter Monday"),
            movable(39, "Kristi himmelfartsdag", "Ascension Day"),
            movable(49, "Pinsedag", "Whit Sunday"),
            movable(50, "2. pinsedag", "Whit Monday"),
            fixed(12, 25, "Juledag", "Christmas Day"),
            fixed(12, 26, "2. juledag", "Boxing Day"),
        ]
        if year <= Self.lastYearWithStoreBededag {
            list.append(movable(26, "Store bededag", "General Prayer Day"))
        }
        return list.sorted { $0.date < $1.date }
    }

    /// The named holiday on a date, if any.
    public func holiday(on date: LocalDate) -> Holiday? {
        guard Self.mayBeHoliday(date) else { return nil }
        return holidays(in: date.year).first { $0.date == date }
    }

    /// Whether a date lies where a holiday can: 1 January, 25–26 December, or March to June (Easter
    /// Sunday falls 22 March–25 April, so Skærtorsdag is at the earliest 19 March and 2. pinsedag
    /// at the latest 14 June). Counting bank days over weeks asks this of every day; most days
    /// are answered without building the year's list.
    static func mayBeHoliday(_ date: LocalDate) -> Bool {
        switch date.month {
        case 1: date.day == 1
        case 3...6: true
        case 12: date.day == 25 || date.day == 26
        default: false
        }
    }

    /// Every Sunday and every named holiday.
    public func isHelligdag(_ date: LocalDate) -> Bool {
        date.weekday == .sunday || holiday(on: date) != nil
    }

    /// Hverdag as counted under the rent rules: Saturdays and Grundlovsdag count (rules.md §1).
    public func isHverdag(_ date: LocalDate) -> Bool {
        !isHelligdag(date)
    }

    /// Grundlovsdag, 5 June: not a helligdag, but not a bank day either.
    public func isGrundlovsdag(_ date: LocalDate) -> Bool {
        date.month == 6 && date.day == 5
    }

    /// Bankdag: Monday to Friday, not a helligdag, not Grundlovsdag (rules.md §1).
    public func isBankDay(_ date: LocalDate) -> Bool {
        nonBankDayReason(date) == nil
    }

    /// `date` itself when it is a bank day, otherwise the next one.
    public func nextBankDay(onOrAfter date: LocalDate) -> LocalDate {
        var candidate = date
        while !isBankDay(candidate) {
            candidate = candidate.adding(days: 1)
        }
        return candidate
    }

    /// The first bank day strictly after `date`.
    public func nextBankDay(after date: LocalDate) -> LocalDate {
        nextBankDay(onOrAfter: date.adding(days: 1))
    }

    /// `count` bank days after `date`: the first bank day after it for 1, and so on; `date` itself
    /// when it is a bank day for 0, otherwise the next one.
    public func adding(bankDays count: Int, to date: LocalDate) -> LocalDate {
        precondition(count >= 0, "Count bank days forward only")
        var day = nextBankDay(onOrAfter: date)
        if count > 0 {
            day = date
            for _ in 0..<count { day = nextBankDay(after: day) }
        }
        return day
    }

    /// The bank days after `start` up to and including `end`: 0 when `end` is not after `start`.
    public func bankDays(after start: LocalDate, through end: LocalDate) -> Int {
        var count = 0
        var day = start.adding(days: 1)
        while day <= end {
            if isBankDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// `nil` for a bank day; otherwise the most specific reason it is not one (see `DayReason`).
    public func nonBankDayReason(_ date: LocalDate) -> DayReason? {
        if let holiday = holiday(on: date) { return .holiday(holiday) }
        if isGrundlovsdag(date) { return .grundlovsdag }
        switch date.weekday {
        case .saturday: return .saturday
        case .sunday: return .sunday
        default: return nil
        }
    }
}
