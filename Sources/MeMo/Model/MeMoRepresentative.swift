/// `Sender/Representative` (MeMo 1.2): who sends on the sender's behalf, such as the
/// administration company of a consortium. Its shape is taken from the official 1.2 example.
public struct MeMoRepresentative: Hashable, Sendable {
    public var representativeID: String
    public var idType: MeMoIDType
    public var label: String

    public init(representativeID: String, idType: MeMoIDType = .cvr, label: String) {
        self.representativeID = representativeID
        self.idType = idType
        self.label = label
    }
}
