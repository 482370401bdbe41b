/// `ContactPoint`: where the recipient can get in touch about the message (kontaktpunkt).
public struct MeMoContactPoint: Hashable, Sendable {
    public var contactGroup: String?
    public var contactPointID: String
    public var label: String?
    /// At most two (XSD); the examples put a child's CPR-nummer here, so treat it as personal data.
    public var contactInfo: [MeMoContactInfo]

    public init(
        contactGroup: String? = nil,
        contactPointID: String,
        label: String? = nil,
        contactInfo: [MeMoContactInfo] = []
    ) {
        self.contactGroup = contactGroup
        self.contactPointID = contactPointID
        self.label = label
        self.contactInfo = contactInfo
    }
}
