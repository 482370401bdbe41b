/// `Recipient` (modtager): a resident by CPR-nummer or a company by CVR-nummer.
public struct MeMoRecipient: Hashable, Sendable {
    public var recipientID: String
    public var idType: MeMoIDType
    public var idTypeLabel: String?
    public var label: String?
    public var attentionData: MeMoAttentionData?
    public var contactPoint: MeMoContactPoint?

    public init(
        recipientID: String,
        idType: MeMoIDType,
        idTypeLabel: String? = nil,
        label: String? = nil,
        attentionData: MeMoAttentionData? = nil,
        contactPoint: MeMoContactPoint? = nil
    ) {
        self.recipientID = recipientID
        self.idType = idType
        self.idTypeLabel = idTypeLabel
        self.label = label
        self.attentionData = attentionData
        self.contactPoint = contactPoint
    }
}
