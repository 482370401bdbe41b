/// Why a date is not a bankdag (bank day), rules.md §1. When several reasons hold, the most specific
/// wins: a named holiday, then Grundlovsdag, then the weekend (Påskedag is reported as Påskedag, not
/// as a Sunday).
public enum DayReason: Hashable, Sendable {
    case saturday
    case sunday
    case holiday(Holiday)
    /// Grundlovsdag (Constitution Day, 5 June): a hverdag, but banks are closed.
    case grundlovsdag
}
