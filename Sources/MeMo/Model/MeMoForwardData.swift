/// `ForwardData`: set when a message is forwarded (videresendt): which message, from whom, when.
public struct MeMoForwardData: Hashable, Sendable {
    public var messageUUID: String
    public var originalMessageDateTime: MeMoDateTime
    public var originalSender: String
    public var originalContentResponsible: String?
    /// MeMo 1.2 only.
    public var originalRepresentative: String?
    public var contactPointID: String?
    /// At most 512 characters (XSD).
    public var comment: String?

    public init(
        messageUUID: String,
        originalMessageDateTime: MeMoDateTime,
        originalSender: String,
        originalContentResponsible: String? = nil,
        originalRepresentative: String? = nil,
        contactPointID: String? = nil,
        comment: String? = nil
    ) {
        self.messageUUID = messageUUID
        self.originalMessageDateTime = originalMessageDateTime
        self.originalSender = originalSender
        self.originalContentResponsible = originalContentResponsible
        self.originalRepresentative = originalRepresentative
        self.contactPointID = contactPointID
        self.comment = comment
    }
}
