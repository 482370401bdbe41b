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
    /// The recipient withdrew their consent to Digital Post for a lease from before 2018, whose
    /// lease did not provide for it (rules.md §9): the letter goes by post.
    public var consentWithdrawn: Bool
    /// The letter is about the recipient but goes to someone else's postal address: the estate
    /// of a tenant who died, at its representative's. It never goes to the recipient's mailbox.
    public var toRepresentative: Bool

    public init(
        kind: LetterKind,
        organisationConnected: Bool,
        recipientHasCPR: Bool,
        leaseOptedOut: Bool,
        registration: RecipientRegistration? = nil,
        toTheAddress: Bool = false,
        consentWithdrawn: Bool = false,
        toRepresentative: Bool = false
    ) {
        self.kind = kind
        self.organisationConnected = organisationConnected
        self.recipientHasCPR = recipientHasCPR
        self.leaseOptedOut = leaseOptedOut
        self.registration = registration
        self.toTheAddress = toTheAddress
        self.consentWithdrawn = consentWithdrawn
        self.toRepresentative = toRepresentative
    }

    private enum CodingKeys: String, CodingKey {
        case kind, organisationConnected, recipientHasCPR, leaseOptedOut, registration, toTheAddress, consentWithdrawn
        case toRepresentative
    }

    /// Facts stored with a letter before the consent was among them decode with it not withdrawn.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(LetterKind.self, forKey: .kind)
        organisationConnected = try container.decode(Bool.self, forKey: .organisationConnected)
        recipientHasCPR = try container.decode(Bool.self, forKey: .recipientHasCPR)
        leaseOptedOut = try container.decode(Bool.self, forKey: .leaseOptedOut)
        registration = try container.decodeIfPresent(RecipientRegistration.self, forKey: .registration)
        toTheAddress = try container.decodeIfPresent(Bool.self, forKey: .toTheAddress) ?? false
        consentWithdrawn = try container.decodeIfPresent(Bool.self, forKey: .consentWithdrawn) ?? false
        toRepresentative = try container.decodeIfPresent(Bool.self, forKey: .toRepresentative) ?? false
    }
}
