/// Opsigelse: the tenant's notice of termination as received, the input to ALL § 88.
public struct TerminationRequest: Sendable, Hashable, Codable {
    /// The day the notice arrived (kom frem) at the landlord, in Danish local time.
    public let received: LocalDate
    public let housing: HousingType
    /// A shorter notice agreed in a youth-housing lease (ALL § 88, stk. 1, 3. pkt.); `nil` when the
    /// lease has no such term.
    public let agreedNoticeWeeks: Int?
    public let reason: TerminationReason

    public init(
        received: LocalDate,
        housing: HousingType,
        agreedNoticeWeeks: Int? = nil,
        reason: TerminationReason = .ordinary
    ) {
        self.received = received
        self.housing = housing
        self.agreedNoticeWeeks = agreedNoticeWeeks
        self.reason = reason
    }
}
