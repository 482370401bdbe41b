/// How NgDP has handled a message, as reported in a receipt (kvittering).
///
/// A status this version does not know is kept as `unknown` with its text rather than failing the
/// whole receipt: NgDP may add statuses, and the receipt's other fields are still worth storing.
public enum NgDPReceiptStatus: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Accepted for delivery; a later receipt may follow.
    case received
    /// Delivered to the recipient's mailbox.
    case completed
    /// Refused as not a valid message; see the receipt's `errorCode` and `errorMessage`.
    case invalid
    /// Refused because the sender may not send it (for example to this recipient).
    case notAllowed
    case unknown(String)

    public init(rawValue: String) {
        switch rawValue.uppercased() {
        case "RECEIVED": self = .received
        case "COMPLETED": self = .completed
        case "INVALID": self = .invalid
        case "NOT_ALLOWED": self = .notAllowed
        default: self = .unknown(rawValue)
        }
    }

    /// The text NgDP uses for the status.
    public var rawValue: String {
        switch self {
        case .received: "RECEIVED"
        case .completed: "COMPLETED"
        case .invalid: "INVALID"
        case .notAllowed: "NOT_ALLOWED"
        case .unknown(let text): text
        }
    }

    public var description: String { rawValue }

    /// COMPLETED, INVALID and NOT_ALLOWED end a letter's way through NgDP; RECEIVED does not.
    public var isFinal: Bool {
        switch self {
        case .completed, .invalid, .notAllowed: true
        case .received, .unknown: false
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
