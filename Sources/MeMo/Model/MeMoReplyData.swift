/// `ReplyData`: a reference to an earlier message in the same conversation (svar). A resident's
/// reply carries our letter's `messageUUID` here, which threads it into that letter's case.
public struct MeMoReplyData: Hashable, Sendable {
    public var messageID: String?
    public var messageUUID: String
    public var replyUUID: String?
    public var senderID: String?
    public var recipientID: String?
    public var caseID: String?
    public var contactPointID: String?
    public var generatingSystemID: String?
    /// At most 512 characters (XSD).
    public var comment: String?
    /// At most four (XSD).
    public var additionalReplyData: [MeMoAdditionalReplyData]

    public init(
        messageID: String? = nil,
        messageUUID: String,
        replyUUID: String? = nil,
        senderID: String? = nil,
        recipientID: String? = nil,
        caseID: String? = nil,
        contactPointID: String? = nil,
        generatingSystemID: String? = nil,
        comment: String? = nil,
        additionalReplyData: [MeMoAdditionalReplyData] = []
    ) {
        self.messageID = messageID
        self.messageUUID = messageUUID
        self.replyUUID = replyUUID
        self.senderID = senderID
        self.recipientID = recipientID
        self.caseID = caseID
        self.contactPointID = contactPointID
        self.generatingSystemID = generatingSystemID
        self.comment = comment
        self.additionalReplyData = additionalReplyData
    }
}
