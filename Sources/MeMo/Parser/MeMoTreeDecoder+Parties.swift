/// `Sender`, `Recipient`, `Representative`, `ContactPoint`.
extension MeMoTreeDecoder {
    func sender(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoSender {
        var cursor = try ChildCursor(node, path: path)
        let senderID = try cursor.text("senderID")
        let idType = try cursor.required(.memo("idType"), LeafReader.idType)
        let idTypeLabel = try cursor.optionalText("idTypeLabel")
        let label = try cursor.text("label")
        let attentionData = try cursor.optional(.memo("AttentionData"), attentionData)
        let contactPoint = try cursor.optional(.memo("ContactPoint"), contactPoint)
        let representative =
            version.hasRepresentative ? try cursor.optional(.memo("Representative"), representative) : nil
        try cursor.finish()
        return MeMoSender(
            senderID: senderID,
            idType: idType,
            idTypeLabel: idTypeLabel,
            label: label,
            attentionData: attentionData,
            contactPoint: contactPoint,
            representative: representative
        )
    }

    func recipient(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoRecipient {
        var cursor = try ChildCursor(node, path: path)
        let recipientID = try cursor.text("recipientID")
        let idType = try cursor.required(.memo("idType"), LeafReader.idType)
        let idTypeLabel = try cursor.optionalText("idTypeLabel")
        let label = try cursor.optionalText("label")
        let attentionData = try cursor.optional(.memo("AttentionData"), attentionData)
        let contactPoint = try cursor.optional(.memo("ContactPoint"), contactPoint)
        try cursor.finish()
        return MeMoRecipient(
            recipientID: recipientID,
            idType: idType,
            idTypeLabel: idTypeLabel,
            label: label,
            attentionData: attentionData,
            contactPoint: contactPoint
        )
    }

    func representative(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoRepresentative {
        var cursor = try ChildCursor(node, path: path)
        let representativeID = try cursor.text("representativeID")
        let idType = try cursor.required(.memo("idType"), LeafReader.idType)
        let label = try cursor.text("label")
        try cursor.finish()
        return MeMoRepresentative(representativeID: representativeID, idType: idType, label: label)
    }

    func contactPoint(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoContactPoint {
        var cursor = try ChildCursor(node, path: path)
        let contactGroup = try cursor.optionalText("contactGroup")
        let contactPointID = try cursor.text("contactPointID")
        let label = try cursor.optionalText("label")
        let contactInfo = try cursor.repeated(.memo("ContactInfo")) { node, path throws(MeMoParseError) in
            let (label, value) = try Self.pair(node, path, .memo("label"), .memo("value"))
            return MeMoContactInfo(label: label, value: value)
        }
        try cursor.finish()
        return MeMoContactPoint(
            contactGroup: contactGroup,
            contactPointID: contactPointID,
            label: label,
            contactInfo: contactInfo
        )
    }

    /// An element of two required text children, in order.
    static func pair(
        _ node: XMLNode,
        _ path: String,
        _ first: XMLName,
        _ second: XMLName
    ) throws(MeMoParseError) -> (String, String) {
        var cursor = try ChildCursor(node, path: path)
        let firstValue = try cursor.text(first)
        let secondValue = try cursor.text(second)
        try cursor.finish()
        return (firstValue, secondValue)
    }

    /// An element of a required text child and an optional one, in order; most of the elements
    /// borrowed from the shared data models have this shape.
    static func requiredAndOptional(
        _ node: XMLNode,
        _ path: String,
        _ first: XMLName,
        _ second: XMLName
    ) throws(MeMoParseError) -> (String, String?) {
        var cursor = try ChildCursor(node, path: path)
        let firstValue = try cursor.text(first)
        let secondValue = try cursor.optionalText(second)
        try cursor.finish()
        return (firstValue, secondValue)
    }

    /// An element of two optional text children, in order.
    static func twoOptional(
        _ node: XMLNode,
        _ path: String,
        _ first: XMLName,
        _ second: XMLName
    ) throws(MeMoParseError) -> (String?, String?) {
        var cursor = try ChildCursor(node, path: path)
        let firstValue = try cursor.optionalText(first)
        let secondValue = try cursor.optionalText(second)
        try cursor.finish()
        return (firstValue, secondValue)
    }
}
