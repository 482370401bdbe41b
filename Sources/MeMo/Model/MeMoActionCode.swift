/// `actionCode`: the kind of action. Kept open (not an enum) so a message with an unknown code is
/// still read and answered with a field error.
public struct MeMoActionCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Book an appointment (aftale).
    public static let appointment = MeMoActionCode(rawValue: "AFTALE")
    /// Confirm (bekræft).
    public static let confirm = MeMoActionCode(rawValue: "BEKRAEFT")
    /// Pay (betaling).
    public static let payment = MeMoActionCode(rawValue: "BETALING")
    /// Prepare (forberedelse).
    public static let preparation = MeMoActionCode(rawValue: "FORBEREDELSE")
    /// Read more (information).
    public static let information = MeMoActionCode(rawValue: "INFORMATION")
    /// Self-service (selvbetjening).
    public static let selfService = MeMoActionCode(rawValue: "SELVBETJENING")
    /// Sign up (tilmelding).
    public static let signUp = MeMoActionCode(rawValue: "TILMELDING")
    /// Sign (underskriv).
    public static let sign = MeMoActionCode(rawValue: "UNDERSKRIV")

    /// The codes digital-post.md lists.
    public static let known: [MeMoActionCode] = [
        .appointment, .confirm, .payment, .preparation, .information, .selfService, .signUp, .sign,
    ]

    public var isKnown: Bool { Self.known.contains(self) }

    public var description: String { rawValue }
}
