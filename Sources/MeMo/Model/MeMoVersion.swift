/// The MeMo format version of a message: the root's `memoVersion` attribute.
///
/// Both are read; 1.2 is sent by default (digital-post.md). 1.2 adds `Sender/Representative`
/// and `ForwardData/originalRepresentative`.
public enum MeMoVersion: String, CaseIterable, Hashable, Sendable, Codable {
    case v1_1 = "1.1"
    case v1_2 = "1.2"

    /// The version new letters are sent in.
    public static let sending: MeMoVersion = .v1_2

    /// The root's `memoSchVersion` attribute: required for 1.1, absent in 1.2.
    public var schemaVersion: String? {
        switch self {
        case .v1_1: "1.1.0"
        case .v1_2: nil
        }
    }

    /// Whether the version has `Sender/Representative` (sending on behalf of an organisation).
    public var hasRepresentative: Bool { self == .v1_2 }
}
