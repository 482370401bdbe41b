/// `ContactInfo`: one labelled value shown with a contact point.
public struct MeMoContactInfo: Hashable, Sendable {
    public var label: String
    public var value: String

    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}
