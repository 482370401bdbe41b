/// Why a day of the end month is not a valid fratrædelsesdag (end day) under ALL § 88, stk. 1.
/// A day that is itself a named holiday is reported as that holiday, even when it is also a Sunday.
public enum SkipReason: Hashable, Sendable {
    case weekend(Weekday)
    case holiday(Holiday)
    /// "Dagen før en helligdag": the next day is a named holiday. (The day before an ordinary Sunday
    /// is a Saturday, already skipped as `.weekend`.)
    case dayBeforeHoliday(Holiday)
}
