/// What the channel decision is made from, for one letter to one recipient.
public struct ChannelFacts: Sendable, Equatable {
    public var kind: LetterKind
    /// The organisation is an eligible public sender with an active Digital Post connection.
    public var organisationConnected: Bool
    /// The register holds the recipient's CPR number (needed to address Digital Post).
    public var recipientHasCPR: Bool
    /// The lease's opt-out of digital communication (`Lease.digitalOptOut`).
    public var leaseOptedOut: Bool
    /// NgDP's answer to the look-up made shortly before sending; nil when not looked up yet.
    public var registration: RecipientRegistration?

    public init(
        kind: LetterKind, organisationConnected: Bool, recipientHasCPR: Bool, leaseOptedOut: Bool,
        registration: RecipientRegistration? = nil
    ) {
        self.kind = kind
        self.organisationConnected = organisationConnected
        self.recipientHasCPR = recipientHasCPR
        self.leaseOptedOut = leaseOptedOut
        self.registration = registration
    }
}
