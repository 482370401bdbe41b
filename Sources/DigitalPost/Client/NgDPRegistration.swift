/// The answer to a registration look-up (opslag) for one person: the evidence for choosing Digital
/// Post or a physical letter. The caller stores it with the letter together with the time of the
/// look-up. It holds no CPR number.
public struct NgDPRegistration: Hashable, Sendable {
    public var status: NgDPRegistrationStatus
    /// `publicRegistrationStatus` exactly as NgDP sent it (nil when no contact was found), so an
    /// unrecognised text is not lost from the evidence.
    public var reportedStatus: String?
    /// `registrationStatus`, the detail NgDP gives, such as `AUTOMATIC_REGISTRATION` or
    /// `EXEMPT_LEFT_THE_COUNTRY`.
    public var registrationStatus: String?

    public init(status: NgDPRegistrationStatus, reportedStatus: String? = nil, registrationStatus: String? = nil) {
        self.status = status
        self.reportedStatus = reportedStatus
        self.registrationStatus = registrationStatus
    }

    /// Whether the letter may go by Digital Post, as far as the recipient is concerned.
    public var receivesDigitalPost: Bool { status == .registered }
}
