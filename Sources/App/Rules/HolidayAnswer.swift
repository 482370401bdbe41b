import AlmenDomain

/// One public holiday (helligdag) of a year, as `GET /api/v1/rules/holidays` lists them.
public struct HolidayAnswer: Encodable, Sendable, Equatable {
    public let date: String
    public let name: String
    public let englishName: String
    public let weekday: String

    public static func list(
        year: String?,
        calendar: DanishCalendar = DanishCalendar()
    ) throws(RulesInputError) -> [HolidayAnswer] {
        let year = try RulesInput.year(year)
        return calendar.holidays(in: year).map { holiday in
            HolidayAnswer(
                date: holiday.date.iso,
                name: holiday.name,
                englishName: holiday.englishName,
                weekday: DateText.weekday(holiday.date, .da)
            )
        }
    }
}
