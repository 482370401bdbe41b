import AlmenDomain
import Foundation
import Testing

@Suite("Recurring schedules")
struct RecurringScheduleTests {
    static let copenhagen = TimeZone(identifier: "Europe/Copenhagen")!

    @Test(
        "Daily at 02:00 Danish time: the latest day whose 02:00 has come",
        arguments: [
            // 3 December 2026, 02:00 exactly: that day's run is due.
            (1_796_259_600, "2026-12-03"),
            // One minute earlier it is still the day before's.
            (1_796_259_540, "2026-12-02"),
            // 29 March 2026: the clock jumps from 01:59 to 03:00, so the run comes at 03:00.
            (1_774_745_940, "2026-03-28"),
            (1_774_746_000, "2026-03-29"),
            // 25 October 2026: 02:30 comes twice (summer time, then winter time); one period.
            (1_792_888_200, "2026-10-25"),
            (1_792_891_800, "2026-10-25"),
            // 00:30 on New Year's Day: still the old year's run.
            (1_798_759_800, "2026-12-31"),
        ]
    )
    func daily(seconds: Int, period: String) {
        let schedule = RecurringSchedule.daily(hour: 2, minute: 0)

        #expect(
            schedule.period(at: Date(timeIntervalSince1970: TimeInterval(seconds)), timeZone: Self.copenhagen) == period
        )
    }

    @Test("Every minute: one period per minute, the same in every zone")
    func everyMinute() {
        let start = Date(timeIntervalSince1970: 1_796_259_600)

        let periods = [0, 59, 60, 61].map {
            RecurringSchedule.everyMinute.period(at: start.addingTimeInterval($0), timeZone: Self.copenhagen)
        }

        #expect(periods == ["m29937660", "m29937660", "m29937661", "m29937661"])
        #expect(RecurringSchedule.everyMinute.period(at: start, timeZone: TimeZone(identifier: "UTC")!) == "m29937660")
    }
}
