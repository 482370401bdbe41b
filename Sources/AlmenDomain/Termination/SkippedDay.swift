/// A day of the end month passed over before the fratrædelsesdag, with why; shown to the tenant so
/// the end date can be checked by hand.
public struct SkippedDay: Sendable, Hashable {
    public let date: LocalDate
    public let reason: SkipReason

    public init(date: LocalDate, reason: SkipReason) {
        self.date = date
        self.reason = reason
    }
}
