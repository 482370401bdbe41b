/// `Sender` (afsender). For our letters the boligorganisation, by CVR-nummer; for mail we receive,
/// the resident or company writing to us.
public struct MeMoSender: Hashable, Sendable {
    public var senderID: String
    public var idType: MeMoIDType
    public var idTypeLabel: String?
    /// The sender's name as the recipient sees it.
    public var label: String
    public var attentionData: MeMoAttentionData?
    public var contactPoint: MeMoContactPoint?
    /// MeMo 1.2 only: the administration company (administrationsselskab) sending on the
    /// organisation's behalf.
    public var representative: MeMoRepresentative?

    public init(
        senderID: String,
        idType: MeMoIDType = .cvr,
        idTypeLabel: String? = nil,
        label: String,
        attentionData: MeMoAttentionData? = nil,
        contactPoint: MeMoContactPoint? = nil,
        representative: MeMoRepresentative? = nil
    ) {
        self.senderID = senderID
        self.idType = idType
        self.idTypeLabel = idTypeLabel
        self.label = label
        self.attentionData = attentionData
        self.contactPoint = contactPoint
        self.representative = representative
    }
}
