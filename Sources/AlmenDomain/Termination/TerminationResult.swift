/// Fratrædelsesdato: the outcome of an opsigelse under ALL § 88, with the working shown.
public struct TerminationResult: Sendable, Hashable {
    public let request: TerminationRequest
    public let rule: TerminationRule
    /// The day the lease ends (fratrædelsesdag); rent is owed until then or until re-let, whichever
    /// is first (ALL § 88, stk. 2).
    public let endDate: LocalDate
    /// The 1st of the month after the notice arrived, where the 3-month period starts (family rule);
    /// `nil` for the other rules.
    public let noticeStart: LocalDate?
    /// The 1st of the month the lease ends in (family and youth rules); `nil` for care after death.
    public let endMonth: LocalDate?
    /// Days of the end month passed over before `endDate`, each with why; empty for care after death.
    public let skippedDays: [SkippedDay]
    /// The legal basis, e.g. "ALL § 88, stk. 1".
    public let reference: String
}
