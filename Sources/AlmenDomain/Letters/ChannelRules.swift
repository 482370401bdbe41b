/// The channel decision (issue: Letters, "The channel decision"; rules.md §3 and §6;
/// digital-post.md "Registration / exemption lookup").
///
/// Digital Post only when all of these hold: the organisation is connected as a public sender,
/// the recipient has a CPR number, the lease has not opted out of digital communication, the
/// recipient has not withdrawn their consent to it (a lease from before 2018), and NgDP
/// says the recipient is `REGISTERED`, and the letter need not reach the lease's address itself
/// (`toTheAddress`). Anything else is a physical letter, which is always a valid
/// written notice. The same rule serves every letter kind: a påkrav (ALL § 90 with § 5, stk. 3)
/// and a termination must never go by e-mail or SMS, and a meeting notice may go digitally only to
/// residents who are not exempt (normalvedtægten), which the same conditions give.
public enum ChannelRules {
    public static func decide(_ facts: ChannelFacts) -> ChannelOutcome {
        var blockers: [ChannelReason] = []
        if !facts.organisationConnected { blockers.append(.organisationNotConnected) }
        if !facts.recipientHasCPR { blockers.append(.recipientHasNoCPR) }
        if facts.leaseOptedOut { blockers.append(.leaseOptedOut) }
        if facts.consentWithdrawn { blockers.append(.consentWithdrawn) }
        if let registration = facts.registration, registration != .registered {
            blockers.append(ChannelReason(registration))
        }
        if facts.toTheAddress { blockers.append(.toTheAddress) }
        if facts.toRepresentative { blockers.append(.toRepresentative) }
        if !blockers.isEmpty {
            return .decided(ChannelDecision(channel: .physical, reasons: blockers))
        }
        guard facts.registration == .registered else { return .lookUpRegistration }
        return .decided(ChannelDecision(channel: .digitalPost, reasons: [.recipientRegistered]))
    }
}
