/// `MessageHeader`: who sends what to whom, with the notification texts and reply references.
/// The properties follow the XSD sequence, which is also the order they are written in.
public struct MessageHeader: Hashable, Sendable {
    public var messageType: MeMoMessageType
    /// Generated once per letter and reused on every retry (digital-post.md, "Idempotency");
    /// kept as text so a wrong value can be read and reported instead of lost.
    public var messageUUID: String
    /// Our own reference (<= 256).
    public var messageID: String?
    public var messageCode: String?
    /// The subject the recipient sees (emne, <= 256).
    public var label: String
    /// The notification text (<= 150); the text itself for NemSMS.
    public var notification: String?
    public var additionalNotification: String?
    public var reply: Bool?
    /// Only meaningful with `reply == true`.
    public var replyByDateTime: MeMoDateTime?
    public var doNotDeliverUntilDate: MeMoDate?
    /// Required by digital-post.md, yet the official 1.2 minimum example leaves it out, so it is
    /// optional here and the validator reports its absence. Its legal meaning is an open question.
    public var mandatory: Bool?
    /// As `mandatory`. Default per letter type: true for påkrav and the landlord's opsigelse.
    public var legalNotification: Bool?
    /// For example `MYNDIGHEDSPOST`.
    public var postType: String?
    public var sender: MeMoSender
    public var recipient: MeMoRecipient
    public var contentData: MeMoContentData?
    public var forwardData: MeMoForwardData?
    /// References to earlier messages; a resident's reply carries our letter's `messageUUID` here.
    public var replyData: [MeMoReplyData]

    public init(
        messageType: MeMoMessageType = .digitalPost,
        messageUUID: String,
        messageID: String? = nil,
        messageCode: String? = nil,
        label: String,
        notification: String? = nil,
        additionalNotification: String? = nil,
        reply: Bool? = nil,
        replyByDateTime: MeMoDateTime? = nil,
        doNotDeliverUntilDate: MeMoDate? = nil,
        mandatory: Bool?,
        legalNotification: Bool?,
        postType: String? = nil,
        sender: MeMoSender,
        recipient: MeMoRecipient,
        contentData: MeMoContentData? = nil,
        forwardData: MeMoForwardData? = nil,
        replyData: [MeMoReplyData] = []
    ) {
        self.messageType = messageType
        self.messageUUID = messageUUID
        self.messageID = messageID
        self.messageCode = messageCode
        self.label = label
        self.notification = notification
        self.additionalNotification = additionalNotification
        self.reply = reply
        self.replyByDateTime = replyByDateTime
        self.doNotDeliverUntilDate = doNotDeliverUntilDate
        self.mandatory = mandatory
        self.legalNotification = legalNotification
        self.postType = postType
        self.sender = sender
        self.recipient = recipient
        self.contentData = contentData
        self.forwardData = forwardData
        self.replyData = replyData
    }
}
