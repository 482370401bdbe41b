/// `AdditionalReplyData`: one labelled value carried with a reply reference.
public struct MeMoAdditionalReplyData: Hashable, Sendable {
    public var label: String
    public var value: String

    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}
