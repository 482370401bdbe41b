/// The recipient's Digital Post registration as NgDP's contact look-up reports it
/// (`publicRegistrationStatus`, digital-post.md "Registration / exemption lookup").
public enum RecipientRegistration: String, Sendable, CaseIterable, Codable {
    /// Tilmeldt: receives Digital Post from public senders.
    case registered = "REGISTERED"
    /// Fritaget: exempt from Digital Post; letters go on paper.
    case exempt = "EXEMPT"
    /// The mailbox is closed (for example the person has died or left the country).
    case closed = "CLOSED"
    /// NgDP does not know the person.
    case unknown = "UNKNOWN"
}
