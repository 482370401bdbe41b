/// What the channel decision is made from, for one letter to one recipient.
public struct ChannelFacts: Sendable, Equatable, Codable {
    public var kind: LetterKind
    /// The organisation is an eligible public sender with an active Digital Post connection.
    public var organisationConnected: Bool
    /// The register holds the recipient's CPR number (needed to address Digital Post).
    public var recipientHasCPR: Bool
    /// The lease's opt-out of digital communication (`Lease.digitalOptOut`).
    public var leaseOptedOut: Bool
    /// NgDP's answer to the look-up made shortly before sending; nil when not looked up yet.
    public var registration: RecipientRegistration?
    /// The letter must reach the lease's address, whoever holds the Digital Post mailbox: the
    /// notice that a CPR number was linked to the tenant's record, so that a wrong link is seen
    /// by the person who lives there.
    public var toTheAddress: Bool

    public init(
        kind: LetterKind,
        organisationConnected: Bool,
        recipientHasCPR: Bool,
        leaseOptedOut: Bool,
        registration: RecipientRegistration? = nil,
        toTheAddress: Bool = false
    ) {
        self.kind = kind
        self.organisationConnected = organisationConnected
        self.recipientHasCPR = recipientHasCPR
        self.leaseOptedOut = leaseOptedOut
        self.registration = registration
        self.toTheAddress = toTheAddress
    }
}
