/// Opsigelsesgrund: why the lease is being terminated by the tenant's side.
public enum TerminationReason: String, Sendable, CaseIterable, Codable {
    /// Almindelig opsigelse: the tenant gives notice.
    case ordinary
    /// Dødsfald: the tenant has died and no spouse or household member continues the lease; the
    /// estate (dødsboet) or an authority on its behalf gives notice.
    case death
}
