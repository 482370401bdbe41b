/// `MessageHeader` in XSD order.
extension XMLByteWriter {
    mutating func write(_ header: MessageHeader) {
        open("memo:MessageHeader")
        leaf("memo:messageType", header.messageType.rawValue)
        leaf("memo:messageUUID", header.messageUUID)
        leaf("memo:messageID", header.messageID)
        leaf("memo:messageCode", header.messageCode)
        leaf("memo:label", header.label)
        leaf("memo:notification", header.notification)
        leaf("memo:additionalNotification", header.additionalNotification)
        leaf("memo:reply", header.reply)
        leaf("memo:replyByDateTime", header.replyByDateTime)
        leaf("memo:doNotDeliverUntilDate", header.doNotDeliverUntilDate?.text)
        leaf("memo:mandatory", header.mandatory)
        leaf("memo:legalNotification", header.legalNotification)
        leaf("memo:postType", header.postType)
        write(header.sender)
        write(header.recipient)
        if let contentData = header.contentData { write(contentData) }
        if let forwardData = header.forwardData { write(forwardData) }
        for replyData in header.replyData { write(replyData) }
        close("memo:MessageHeader")
    }

    mutating func write(_ forward: MeMoForwardData) {
        open("memo:ForwardData")
        leaf("memo:messageUUID", forward.messageUUID)
        leaf("memo:originalMessageDateTime", forward.originalMessageDateTime)
        leaf("memo:originalSender", forward.originalSender)
        leaf("memo:originalContentResponsible", forward.originalContentResponsible)
        leaf("memo:originalRepresentative", forward.originalRepresentative)
        leaf("memo:contactPointID", forward.contactPointID)
        leaf("memo:comment", forward.comment)
        close("memo:ForwardData")
    }

    mutating func write(_ reply: MeMoReplyData) {
        open("memo:ReplyData")
        leaf("memo:messageID", reply.messageID)
        leaf("memo:messageUUID", reply.messageUUID)
        leaf("memo:replyUUID", reply.replyUUID)
        leaf("memo:senderID", reply.senderID)
        leaf("memo:recipientID", reply.recipientID)
        leaf("memo:caseID", reply.caseID)
        leaf("memo:contactPointID", reply.contactPointID)
        leaf("memo:generatingSystemID", reply.generatingSystemID)
        leaf("memo:comment", reply.comment)
        for additional in reply.additionalReplyData {
            open("memo:AdditionalReplyData")
            leaf("memo:label", additional.label)
            leaf("memo:value", additional.value)
            close("memo:AdditionalReplyData")
        }
        close("memo:ReplyData")
    }
}
