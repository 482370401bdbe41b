/// What a case (sag) is about. The workflows of rules.md each get their own kind; "general" is
/// everything else, including mail from a resident that is not a reply to one of our letters.
public enum CaseKind: String, Codable, Sendable, CaseIterable {
    case general
    /// Opsigelse.
    case termination
    /// Fremleje (rules.md §4).
    case subletting
    /// Bytte (rules.md §4).
    case swap
    /// Fejlmelding.
    case faultReport = "fault_report"
    /// Naboklage (rules.md §5).
    case neighbourComplaint = "neighbour_complaint"
    /// Restance og påkrav (rules.md §3).
    case arrears
    /// Flytteopgørelse (rules.md §7).
    case moveOut = "move_out"
    /// A resident's request about their personal data (rules.md §9): rectification, erasure,
    /// restriction or objection, answered within a month.
    case dataRequest = "data_request"
    /// Bytte, udlejers svar: a tenant of another organisation in Almen wants to swap into one of
    /// this organisation's homes; this organisation answers as the other landlord (ALL § 69).
    case swapLandlord = "swap_landlord"
}

extension CaseKind {
    /// Whether a caseworker's own letter in the case (the case page's letter form) answers it,
    /// meeting its answer deadline. Only where the answer is a reply in words: a general case, a
    /// fault report's first answer ("we send a plumber on Wednesday"; its decision comes when it is
    /// mended) and a request about personal data. Every other kind is answered by its workflow (a
    /// decision, a confirmation, a complaint's step, the move-out settlement), so a letter written
    /// on the way (a question to a sub-tenant, say) leaves the promised answer date standing.
    public var answeredByCaseworkerLetter: Bool {
        switch self {
        case .general, .faultReport, .dataRequest: true
        case .termination, .subletting, .swap, .neighbourComplaint, .arrears, .moveOut, .swapLandlord:
            false
        }
    }

    /// Whether a caseworker may open a case of this kind from a resident's message alone: a
    /// general case or a fault report, answered by a letter in words. Every other kind is a
    /// workflow on records a message does not make (the notice, the application, the complaint,
    /// the påkrav), and a case of it without them could be neither followed nor decided; a
    /// request about personal data is the requester's alone (never their co-tenants') with its
    /// month, which the portal's form records.
    public var opensFromMessage: Bool { self == .general || self == .faultReport }
}

/// How a person is party to a case (sagspart).
public enum CasePartyRole: String, Codable, Sendable, CaseIterable {
    /// A tenant of the case's lease.
    case tenant
    /// Anyone else the case concerns and who may read and answer it: a sub-tenant, a swap
    /// partner, an applicant (anden part). They see this case and nothing else of the lease.
    case otherParty = "other_party"
}
