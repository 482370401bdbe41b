import Foundation

/// When a recurring job runs, on the wall clock of a time zone (Europe/Copenhagen for every job of
/// ours, so "daily at 02:00" stays at 02:00 across summer time).
///
/// A schedule names periods; a job runs once per period however many workers ask, because the
/// period is part of the job's unique key. `period(at:)` is the latest period that has begun by
/// `now`: a worker that was down at 02:00 runs the day's job when it comes back, and never runs a
/// period twice.
public enum RecurringSchedule: Equatable, Sendable {
    /// Every minute (periods are minutes since 1970, the same in every zone).
    case everyMinute
    /// Once a day from `hour`:`minute` local time. On the night summer time begins, a time in the
    /// skipped hour (02:00–02:59) comes at 03:00; on the night it ends, the doubled hour runs once.
    case daily(hour: Int, minute: Int)

    /// The key of the latest period that has begun at `now`, e.g. `2026-12-03` or `m29613600`.
    public func period(at now: Date, timeZone: TimeZone) -> String {
        switch self {
        case .everyMinute:
            return "m\(Int((now.timeIntervalSince1970 / 60).rounded(.down)))"
        case .daily(let hour, let minute):
            let local = LocalTime(now, timeZone: timeZone)
            let begun = local.hour * 60 + local.minute >= hour * 60 + minute
            return (begun ? local.date : local.date.adding(days: -1)).iso
        }
    }
}
