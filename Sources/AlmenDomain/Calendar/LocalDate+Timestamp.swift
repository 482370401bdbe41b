import Foundation

extension LocalDate {
    /// The date a timestamp falls on in `timeZone`. Callers pass Europe/Copenhagen (rules.md §1), so a
    /// Digital Post receipt at 00:30 Danish summer time is that day, not the UTC day before.
    public init(_ date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let local = LocalDate(year: year, month: month, day: day)
        else { preconditionFailure("Timestamp outside the years 1...9999") }
        self = local
    }
}
