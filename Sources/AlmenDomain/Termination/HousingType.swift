/// Boligtype: the kind of almen bolig, which decides the notice rules (ALL § 88).
public enum HousingType: String, Sendable, CaseIterable, Codable {
    /// Familiebolig (family housing).
    case family
    /// Ungdomsbolig (youth housing); the lease may agree a notice of at least 6 weeks.
    case youth
    /// Ældrebolig (housing for the elderly); family rule.
    case elderly
    /// Plejebolig (care housing); own rule when the tenant has died.
    case care
}
