import AlmenDomain
import Foundation
import Testing

@Suite("LocalDate text, JSON and timestamps")
struct LocalDateISOTests {
    @Test(
        "Strict YYYY-MM-DD parsing",
        arguments: [
            ("2026-04-07", LocalDate(year: 2026, month: 4, day: 7)),
            ("0001-01-01", LocalDate(year: 1, month: 1, day: 1)),
            ("2024-02-29", LocalDate(year: 2024, month: 2, day: 29)),
            ("2023-02-29", nil),
            ("2026-02-31", nil),
            ("0000-01-01", nil),
            ("2026-4-7", nil),
            ("2026-04-7", nil),
            ("26-04-07", nil),
            ("2026/04/07", nil),
            (" 2026-04-07", nil),
            ("2026-04-07 ", nil),
            ("+026-04-07", nil),
            ("2026-04-07T00:00", nil),
            ("２０２６-04-07", nil),
            ("", nil),
        ]
    )
    func parsesISO(text: String, expected: LocalDate?) {
        #expect(LocalDate(iso: text) == expected)
    }

    @Test(
        "A date as typed in a form: ISO, or day, month and year the Danish way",
        arguments: [
            ("2026-11-25", LocalDate(year: 2026, month: 11, day: 25)),
            ("25.11.2026", LocalDate(year: 2026, month: 11, day: 25)),
            ("5.1.2027", LocalDate(year: 2027, month: 1, day: 5)),
            (" 05-01-2027 ", LocalDate(year: 2027, month: 1, day: 5)),
            ("5/1/2027", LocalDate(year: 2027, month: 1, day: 5)),
            ("31.2.2026", nil),
            ("25.11.26", nil),
            ("25.11", nil),
            ("25..2026", nil),
            ("7..4.2026", nil),
            ("7.4/2026", nil),
            ("7.4.2026.", nil),
            ("1.2.3.2026", nil),
            ("+5.1.2027", nil),
            ("25. november 2026", nil),
            ("", nil),
        ]
    )
    func parsesTyped(text: String, expected: LocalDate?) {
        #expect(LocalDate(typed: text) == expected)
    }

    @Test(
        "ISO output pads year, month and day",
        arguments: [
            (2026, 4, 7, "2026-04-07"),
            (1, 1, 1, "0001-01-01"),
            (1999, 12, 31, "1999-12-31"),
        ]
    )
    func formatsISO(year: Int, month: Int, dayOfMonth: Int, expected: String) throws {
        let date = try #require(LocalDate(year: year, month: month, day: dayOfMonth))

        #expect(date.iso == expected)
        #expect("\(date)" == expected)
    }

    @Test("JSON holds a date as one ISO string")
    func encodesAsString() throws {
        let json = try JSONEncoder().encode([day("2026-04-07")])

        #expect(String(decoding: json, as: UTF8.self) == #"["2026-04-07"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: json) == [day("2026-04-07")])
    }

    @Test("JSON with an impossible date is rejected", arguments: [#"["2026-02-31"]"#, #"["7 April"]"#, "[20260407]"])
    func rejectsBadJSON(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(json.utf8))
        }
    }

    @Test(
        "A timestamp becomes the Copenhagen date, not the UTC date",
        arguments: [
            // 2026-03-31 22:30 UTC is 00:30 on 1 April in Danish summer time (UTC+2).
            (1_774_996_200, "2026-04-01", "2026-03-31"),
            // 2026-03-31 21:59 UTC is 23:59 on 31 March in Danish summer time.
            (1_774_994_340, "2026-03-31", "2026-03-31"),
            // 2026-01-01 23:30 UTC is 00:30 on 2 January in Danish winter time (UTC+1).
            (1_767_310_200, "2026-01-02", "2026-01-01"),
        ]
    )
    func timestampToLocalDate(seconds: Int, copenhagen: String, utc: String) throws {
        let copenhagenZone = try #require(TimeZone(identifier: "Europe/Copenhagen"))
        let utcZone = try #require(TimeZone(identifier: "UTC"))
        let instant = Date(timeIntervalSince1970: TimeInterval(seconds))

        #expect(LocalDate(instant, timeZone: copenhagenZone) == day(copenhagen))
        #expect(LocalDate(instant, timeZone: utcZone) == day(utc))
    }

    @Test(
        "A day begins at midnight on Copenhagen's clocks",
        arguments: [
            // Summer time (UTC+2): 1 April 2026 begins 31 March 22:00 UTC.
            ("2026-04-01", 1_774_994_400),
            // Winter time (UTC+1): 2 January 2026 begins 1 January 23:00 UTC.
            ("2026-01-02", 1_767_308_400),
            // The days the clocks change begin before the change: 29 March 2026 (to summer time at
            // 02.00) at 28 March 23:00 UTC; 25 October 2026 (back at 03.00) at 24 October 22:00 UTC.
            ("2026-03-29", 1_774_738_800),
            ("2026-10-25", 1_792_879_200),
        ]
    )
    func dayStart(date: String, seconds: Int) throws {
        let copenhagenZone = try #require(TimeZone(identifier: "Europe/Copenhagen"))
        let start = day(date).start(in: copenhagenZone)
        #expect(start == Date(timeIntervalSince1970: TimeInterval(seconds)))
        #expect(LocalDate(start, timeZone: copenhagenZone) == day(date))
        #expect(LocalDate(start.addingTimeInterval(-1), timeZone: copenhagenZone) != day(date))
    }
}

@Suite("Wall-clock time")
struct LocalTimeTests {
    @Test(
        "A timestamp shows the Copenhagen date and time, across the changes of summer time",
        arguments: [
            // 2026-03-31 22:30 UTC is 00:30 on 1 April in Danish summer time (UTC+2).
            (1_774_996_200, "2026-04-01", 0, 30),
            // 2026-03-29 00:59:59 UTC is 01:59 winter time; a second later it is 03:00 summer time.
            (1_774_745_999, "2026-03-29", 1, 59),
            (1_774_746_000, "2026-03-29", 3, 0),
            // 2026-10-25 00:59 UTC is 02:59 summer time; at 01:00 UTC it is 02:00 winter time.
            (1_792_889_940, "2026-10-25", 2, 59),
            (1_792_890_000, "2026-10-25", 2, 0),
            // 2026-12-31 23:30 UTC is 00:30 on New Year's Day.
            (1_798_759_800, "2027-01-01", 0, 30),
            // Before 1970: 1969-12-31 22:59:30 UTC is 23:59 in Copenhagen (UTC+1).
            (-3_630, "1969-12-31", 23, 59),
        ]
    )
    func wallClock(seconds: Int, date: String, hour: Int, minute: Int) throws {
        let zone = try #require(TimeZone(identifier: "Europe/Copenhagen"))

        let time = LocalTime(Date(timeIntervalSince1970: TimeInterval(seconds)), timeZone: zone)

        #expect(time.date == day(date))
        #expect(time.hour == hour)
        #expect(time.minute == minute)
    }
}
