/// Brevtype: the kinds of letter the organisation sends (issue: Letters). The kind decides the
/// template, the MeMo flags and, with the recipient, the channel (`ChannelRules`).
public enum LetterKind: String, Sendable, CaseIterable, Codable {
    /// Påkrav: demand for overdue rent with the warning of ophævelse (ALL § 90, rules.md §3).
    case paakrav
    /// Bekræftelse af opsigelse: confirms the tenant's termination with the end date (ALL § 88).
    case terminationConfirmation = "termination_confirmation"
    /// Bekræftelse af opsigelse fra dødsbo: confirms the notice an estate (dødsboet) or an
    /// authority gave after the tenant's death, with the end date, to whoever gave it (rules.md §2).
    case estateTerminationConfirmation = "estate_termination_confirmation"
    /// Udlejers opsigelse: the landlord's termination, with reason and right to object (ALL §§ 85, 89).
    case landlordTermination = "landlord_termination"
    /// Henstilling: request to comply with the house rules (rules.md §5, step 4).
    case henstilling
    /// Påmindelse med advarsel: reminder warning that a new breach can lead to termination (ALL § 82, stk. 2).
    case reminderWithWarning = "reminder_with_warning"
    /// Indkaldelse til afdelingsmøde: notice of a department meeting (rules.md §6).
    case meetingNotice = "meeting_notice"
    /// Flytteopgørelse: the final settlement after move-out (rules.md §7).
    case moveOutSettlement = "move_out_settlement"
    /// Ophævelse: the landlord ends the lease at once because a påkrav was not paid in time
    /// (ALL § 90, stk. 1, nr. 1); effective when it arrives.
    case ophaevelse
    /// Any other letter from a caseworker.
    case general

    /// Letters whose legal effect runs from the day they arrive (kommet frem): the arrival evidence
    /// (Digital Post receipt or the physical dispatch record) decides a deadline.
    public var isLegalNotice: Bool {
        switch self {
        case .paakrav, .landlordTermination, .reminderWithWarning, .ophaevelse: true
        default: false
        }
    }

    /// The MeMo `legalNotification` flag by default: true for påkrav and the landlord's termination
    /// (digital-post.md; the flag's legal meaning is an open question, so it is configurable).
    public var defaultLegalNotification: Bool {
        self == .paakrav || self == .landlordTermination || self == .ophaevelse
    }

    /// The MeMo `mandatory` flag by default: letters the resident must act on.
    public var defaultMandatory: Bool {
        switch self {
        case .paakrav, .landlordTermination, .reminderWithWarning, .moveOutSettlement, .ophaevelse: true
        default: false
        }
    }
}
