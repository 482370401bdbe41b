/// `MessageHeader`, `ForwardData` and `ReplyData`.
extension MeMoTreeDecoder {
    func header(_ node: XMLNode, path: String) throws(MeMoParseError) -> MessageHeader {
        var cursor = try ChildCursor(node, path: path)
        let messageType = try cursor.required(.memo("messageType"), LeafReader.messageType)
        let messageUUID = try cursor.text("messageUUID")
        let messageID = try cursor.optionalText("messageID")
        let messageCode = try cursor.optionalText("messageCode")
        let label = try cursor.text("label")
        let notification = try cursor.optionalText("notification")
        let additionalNotification = try cursor.optionalText("additionalNotification")
        let reply = try cursor.optional(.memo("reply"), LeafReader.bool)
        let replyByDateTime = try cursor.optional(.memo("replyByDateTime"), LeafReader.dateTime)
        let doNotDeliverUntilDate = try cursor.optional(.memo("doNotDeliverUntilDate"), LeafReader.date)
        let mandatory = try cursor.optional(.memo("mandatory"), LeafReader.bool)
        let legalNotification = try cursor.optional(.memo("legalNotification"), LeafReader.bool)
        let postType = try cursor.optionalText("postType")
        let sender = try cursor.required(.memo("Sender"), sender)
        let recipient = try cursor.required(.memo("Recipient"), recipient)
        let contentData = try cursor.optional(.memo("ContentData"), contentData)
        let forwardData = try cursor.optional(.memo("ForwardData"), forwardData)
        let replyData = try cursor.repeated(.memo("ReplyData"), replyData)
        try cursor.finish()
        return MessageHeader(
            messageType: messageType,
            messageUUID: messageUUID,
            messageID: messageID,
            messageCode: messageCode,
            label: label,
            notification: notification,
            additionalNotification: additionalNotification,
            reply: reply,
            replyByDateTime: replyByDateTime,
            doNotDeliverUntilDate: doNotDeliverUntilDate,
            mandatory: mandatory,
            legalNotification: legalNotification,
            postType: postType,
            sender: sender,
            recipient: recipient,
            contentData: contentData,
            forwardData: forwardData,
            replyData: replyData
        )
    }

    func forwardData(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoForwardData {
        var cursor = try ChildCursor(node, path: path)
        let messageUUID = try cursor.text("messageUUID")
        let originalMessageDateTime = try cursor.required(.memo("originalMessageDateTime"), LeafReader.dateTime)
        let originalSender = try cursor.text("originalSender")
        let originalContentResponsible = try cursor.optionalText("originalContentResponsible")
        let originalRepresentative = version.hasRepresentative ? try cursor.optionalText("originalRepresentative") : nil
        let contactPointID = try cursor.optionalText("contactPointID")
        let comment = try cursor.optionalText("comment")
        try cursor.finish()
        return MeMoForwardData(
            messageUUID: messageUUID,
            originalMessageDateTime: originalMessageDateTime,
            originalSender: originalSender,
            originalContentResponsible: originalContentResponsible,
            originalRepresentative: originalRepresentative,
            contactPointID: contactPointID,
            comment: comment
        )
    }

    func replyData(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoReplyData {
        var cursor = try ChildCursor(node, path: path)
        let messageID = try cursor.optionalText("messageID")
        let messageUUID = try cursor.text("messageUUID")
        let replyUUID = try cursor.optionalText("replyUUID")
        let senderID = try cursor.optionalText("senderID")
        let recipientID = try cursor.optionalText("recipientID")
        let caseID = try cursor.optionalText("caseID")
        let contactPointID = try cursor.optionalText("contactPointID")
        let generatingSystemID = try cursor.optionalText("generatingSystemID")
        let comment = try cursor.optionalText("comment")
        let additional = try cursor.repeated(.memo("AdditionalReplyData")) { node, path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            let label = try cursor.text("label")
            let value = try cursor.text("value")
            try cursor.finish()
            return MeMoAdditionalReplyData(label: label, value: value)
        }
        try cursor.finish()
        return MeMoReplyData(
            messageID: messageID,
            messageUUID: messageUUID,
            replyUUID: replyUUID,
            senderID: senderID,
            recipientID: recipientID,
            caseID: caseID,
            contactPointID: contactPointID,
            generatingSystemID: generatingSystemID,
            comment: comment,
            additionalReplyData: additional
        )
    }
}
