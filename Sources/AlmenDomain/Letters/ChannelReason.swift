/// One reason behind a channel decision, stored with the letter and shown to staff.
public enum ChannelReason: String, Sendable, CaseIterable, Codable {
    /// The organisation is not connected to Digital Post as a public sender (or not eligible).
    case organisationNotConnected = "organisation_not_connected"
    /// The register has no CPR number for the recipient, so Digital Post cannot address them.
    case recipientHasNoCPR = "recipient_has_no_cpr"
    /// The lease records that the tenant is exempt from digital communication.
    case leaseOptedOut = "lease_opted_out"
    /// The recipient withdrew their consent to Digital Post for a lease from before 2018.
    case consentWithdrawn = "consent_withdrawn"
    /// NgDP: the recipient is exempt (fritaget).
    case recipientExempt = "recipient_exempt"
    /// NgDP: the recipient's mailbox is closed.
    case mailboxClosed = "mailbox_closed"
    /// NgDP does not know the recipient.
    case recipientUnknown = "recipient_unknown"
    /// The letter must reach the lease's address (a CPR number was linked to the record).
    case toTheAddress = "to_the_address"
    /// The letter goes to someone acting for the recipient (a dead tenant's estate), on paper.
    case toRepresentative = "to_representative"
    /// Every condition for Digital Post holds: connected sender, CPR, no opt-out, REGISTERED.
    case recipientRegistered = "recipient_registered"
    /// NgDP refused the letter for good and a caseworker sent it on paper instead (never
    /// produced by `ChannelRules`; a person's decision, recorded with the letter).
    case digitalPostRefused = "digital_post_refused"

    /// The reason a registration status gives.
    public init(_ registration: RecipientRegistration) {
        switch registration {
        case .registered: self = .recipientRegistered
        case .exempt: self = .recipientExempt
        case .closed: self = .mailboxClosed
        case .unknown: self = .recipientUnknown
        }
    }
}
