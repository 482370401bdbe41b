/// Whether a person receives Digital Post, as NgDP's `publicRegistrationStatus` says
/// (tilmeldt, fritaget, lukket). Only `registered` allows sending by Digital Post; anything else
/// means a physical letter (digital-post.md, "Registration / exemption lookup").
public enum NgDPRegistrationStatus: String, Hashable, Sendable, CaseIterable {
    /// Tilmeldt: has a Digital Post mailbox, by automatic or voluntary registration.
    case registered = "REGISTERED"
    /// Fritaget: exempt from Digital Post.
    case exempt = "EXEMPT"
    /// The mailbox is closed (for example after death).
    case closed = "CLOSED"
    /// NgDP does not know, no contact was found, or the status text is new to this version.
    case unknown = "UNKNOWN"

    /// Maps NgDP's text; a missing or unrecognised one is `unknown`, so it never allows Digital Post.
    public init(reported text: String?) {
        self = text.flatMap { Self(rawValue: $0.uppercased()) } ?? .unknown
    }
}
