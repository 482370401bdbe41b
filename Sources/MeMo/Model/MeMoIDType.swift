/// `idType` of a sender, recipient or representative: `CPR` (CPR-nummer, a person) or `CVR`
/// (CVR-nummer, a company or authority).
///
/// Kept open rather than an enum so a message with another type is still read and can be answered
/// with a field error (digital-post.md allows only these two).
public struct MeMoIDType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A person, identified by a CPR-nummer of ten digits.
    public static let cpr = MeMoIDType(rawValue: "CPR")
    /// A company or authority, identified by a CVR-nummer of eight digits.
    public static let cvr = MeMoIDType(rawValue: "CVR")

    /// The number of digits of an identifier of this type; `nil` for a type digital-post.md lacks.
    public var digitCount: Int? {
        switch self {
        case .cpr: 10
        case .cvr: 8
        default: nil
        }
    }

    public var description: String { rawValue }
}
