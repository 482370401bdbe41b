import Foundation

extension LocalDate {
    /// The date a timestamp falls on in `timeZone`. Callers pass Europe/Copenhagen (rules.md §1), so a
    /// Digital Post receipt at 00:30 Danish summer time is that day, not the UTC day before.
    public init(_ date: Date, timeZone: TimeZone) {
        self = LocalTime(date, timeZone: timeZone).date
    }

    /// The moment the day begins in `timeZone`: midnight on its clocks (Danish clocks change at
    /// 02.00 and 03.00, never at midnight). A list of one day's events asks from this moment to
    /// the next day's start.
    public func start(in timeZone: TimeZone) -> Date {
        let utcMidnight = Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400)
        let offset = timeZone.secondsFromGMT(for: utcMidnight.addingTimeInterval(-14_400))
        return utcMidnight.addingTimeInterval(-TimeInterval(offset))
    }
}

/// A moment as a clock on the wall shows it in a time zone: the date, hour and minute. Pages show
/// times this way ("3. december 2026 kl. 09.41"); the arithmetic is on whole seconds with the zone's
/// offset at that moment, without `Calendar` (which costs more than a page's query).
public struct LocalTime: Equatable, Sendable {
    public let date: LocalDate
    public let hour: Int
    public let minute: Int

    public init(_ instant: Date, timeZone: TimeZone) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (dayNumber, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        date = LocalDate(dayNumber: dayNumber)
        hour = second / 3600
        minute = second % 3600 / 60
    }
}
