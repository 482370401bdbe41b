/// A fuldmagt: a resident lets someone else act for them for a period (rules.md §9, the data
/// subject's own choice). The period starts today or later and ends at the latest 5 years after
/// it starts; a guardian (værge) registered by staff has no end until staff or the court ends it.
public enum PowerOfAttorneyRules {
    /// The longest period a resident may grant in the portal.
    public static let longestYears = 5

    public static func problem(from start: LocalDate, to end: LocalDate?, today: LocalDate) -> PowerOfAttorneyProblem? {
        if start < today { return .startsInThePast }
        guard let end else { return nil }
        if end < start { return .endsBeforeItStarts }
        if end > start.adding(months: 12 * longestYears) { return .tooLong }
        return nil
    }

    /// Whether a power of attorney for this period holds on `day`.
    public static func holds(from start: LocalDate, to end: LocalDate?, on day: LocalDate) -> Bool {
        start <= day && (end.map { day <= $0 } ?? true)
    }
}

public enum PowerOfAttorneyProblem: String, Sendable, Equatable {
    case startsInThePast = "starts_in_the_past"
    case endsBeforeItStarts = "ends_before_it_starts"
    case tooLong = "too_long"
}
