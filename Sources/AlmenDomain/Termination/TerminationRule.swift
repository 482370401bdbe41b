/// Which opsigelsesregel (termination rule) decided the end date.
public enum TerminationRule: String, Sendable, Codable {
    /// 3 months to the first valid end day of a month, ALL § 88, stk. 1, 1. pkt.
    case family
    /// Agreed notice of at least 6 weeks in youth housing, ALL § 88, stk. 1, 3. pkt.
    case youthAgreedNotice
    /// Care housing after the tenant's death: the running month plus 30 days (policy, rules.md §2).
    case careDeath
}
