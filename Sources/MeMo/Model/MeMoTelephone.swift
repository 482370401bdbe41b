/// `Telephone`: a telephone number in attention data, with whom it belongs to.
public struct MeMoTelephone: Hashable, Sendable {
    public var telephoneNumber: String
    public var relatedAgent: String?

    public init(telephoneNumber: String, relatedAgent: String? = nil) {
        self.telephoneNumber = telephoneNumber
        self.relatedAgent = relatedAgent
    }
}
