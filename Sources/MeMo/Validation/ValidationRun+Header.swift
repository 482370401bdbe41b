/// `MessageHeader`, `ContentData`, `ForwardData`, `ReplyData`.
extension ValidationRun {
    mutating func check(_ header: MessageHeader) {
        let path = "MessageHeader"
        uuid(header.messageUUID, "\(path).messageUUID")
        text(header.messageID, "\(path).messageID")
        text(header.messageCode, "\(path).messageCode")
        requiredText(header.label, "\(path).label")
        text(header.notification, "\(path).notification", maxLength: 150)
        text(header.additionalNotification, "\(path).additionalNotification")
        if header.replyByDateTime != nil, header.reply != true {
            report(
                "\(path).replyByDateTime",
                MeMoFieldError.Code.notAllowed,
                "A reply deadline is only allowed when reply is true."
            )
        }
        // Required in what we send (digital-post.md). Reading, they may be missing: the official
        // 1.2 Minimum example leaves both out, so NgDP delivers such messages.
        if context.strictSenderRules, header.mandatory == nil {
            report("\(path).mandatory", MeMoFieldError.Code.required, "The field is required.")
        }
        if context.strictSenderRules, header.legalNotification == nil {
            report("\(path).legalNotification", MeMoFieldError.Code.required, "The field is required.")
        }
        text(header.postType, "\(path).postType")
        check(header.sender, path: "\(path).Sender")
        check(header.recipient, path: "\(path).Recipient")
        if let content = header.contentData { check(content, path: "\(path).ContentData") }
        if let forward = header.forwardData { check(forward, path: "\(path).ForwardData") }
        for (index, reply) in header.replyData.enumerated() {
            check(reply, path: "\(path).ReplyData[\(index)]")
        }
    }

    mutating func check(_ content: MeMoContentData, path: String) {
        if let cpr = content.cprData {
            requiredText(cpr.cprNumber, "\(path).grd:CPRdata.grd:cprNumber")
            text(cpr.name, "\(path).grd:CPRdata.grd:name")
        }
        if let cvr = content.cvrData {
            requiredText(cvr.cvrNumber, "\(path).grd:CVRdata.grd:cvrNumber")
            text(cvr.companyName, "\(path).grd:CVRdata.grd:companyName")
        }
        if let vehicle = content.motorVehicle {
            requiredText(vehicle.licenseNumber, "\(path).dmv:MotorVehicle.dmv:licenseNumber", maxLength: 7)
            text(vehicle.chassisNumber, "\(path).dmv:MotorVehicle.dmv:chassisNumber")
        }
        if let property = content.propertyNumber {
            requiredText(property.propertyNumber, "\(path).grd:PropertyNumber.grd:propertyNumber")
        }
        if let caseID = content.caseID {
            requiredText(caseID.caseID, "\(path).CaseID.caseID")
            requiredText(caseID.caseSystem, "\(path).CaseID.caseSystem")
        }
        if let kle = content.kleData {
            requiredText(kle.subjectKey, "\(path).kle:KLEdata.kle:subjectKey")
            requiredText(kle.version, "\(path).kle:KLEdata.kle:version")
            text(kle.activityFacet, "\(path).kle:KLEdata.kle:activityFacet")
            requiredText(kle.label, "\(path).kle:KLEdata.kle:label")
        }
        if let form = content.formData {
            requiredText(form.taskKey, "\(path).form:FORMdata.form:taskKey")
            requiredText(form.version, "\(path).form:FORMdata.form:version")
            text(form.activityFacet, "\(path).form:FORMdata.form:activityFacet")
            requiredText(form.label, "\(path).form:FORMdata.form:label")
        }
        if let unit = content.productionUnit { check(unit, path: "\(path).grd:ProductionUnit") }
        if let education = content.education {
            requiredText(education.educationCode, "\(path).udd:Education.udd:educationCode")
            text(education.educationName, "\(path).udd:Education.udd:educationName")
        }
        if let address = content.address { check(address, path: "\(path).grd:Address") }
        if let address = content.unstructuredAddress {
            requiredText(address.unstructured, "\(path).grd:UnstructuredAddress.grd:unstructured")
        }
        maxCount(content.additionalContentData.count, 10, "\(path).AdditionalContentData")
        for (index, additional) in content.additionalContentData.enumerated() {
            let itemPath = "\(path).AdditionalContentData[\(index)]"
            text(additional.contentDataType, "\(itemPath).contentDataType")
            requiredText(additional.contentDataName, "\(itemPath).contentDataName")
            requiredText(additional.contentDataValue, "\(itemPath).contentDataValue")
        }
    }

    mutating func check(_ forward: MeMoForwardData, path: String) {
        uuid(forward.messageUUID, "\(path).messageUUID")
        requiredText(forward.originalSender, "\(path).originalSender")
        text(forward.originalContentResponsible, "\(path).originalContentResponsible")
        if forward.originalRepresentative != nil, !version.hasRepresentative {
            report(
                "\(path).originalRepresentative",
                MeMoFieldError.Code.notAllowedInVersion,
                "originalRepresentative requires MeMo 1.2."
            )
        }
        text(forward.originalRepresentative, "\(path).originalRepresentative")
        text(forward.contactPointID, "\(path).contactPointID")
        text(forward.comment, "\(path).comment", maxLength: 512)
    }

    mutating func check(_ reply: MeMoReplyData, path: String) {
        text(reply.messageID, "\(path).messageID")
        uuid(reply.messageUUID, "\(path).messageUUID")
        uuid(reply.replyUUID, "\(path).replyUUID")
        text(reply.senderID, "\(path).senderID")
        text(reply.recipientID, "\(path).recipientID")
        text(reply.caseID, "\(path).caseID")
        text(reply.contactPointID, "\(path).contactPointID")
        text(reply.generatingSystemID, "\(path).generatingSystemID")
        text(reply.comment, "\(path).comment", maxLength: 512)
        maxCount(reply.additionalReplyData.count, 4, "\(path).AdditionalReplyData")
        for (index, additional) in reply.additionalReplyData.enumerated() {
            requiredText(additional.label, "\(path).AdditionalReplyData[\(index)].label")
            requiredText(additional.value, "\(path).AdditionalReplyData[\(index)].value")
        }
    }
}
