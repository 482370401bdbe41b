/// `MessageBody`: documents, files and actions.
extension MeMoTreeDecoder {
    func body(_ node: XMLNode, path: String) throws(MeMoParseError) -> MessageBody {
        var cursor = try ChildCursor(node, path: path)
        let created = try cursor.required(.memo("createdDateTime"), LeafReader.dateTime)
        let main = try cursor.required(.memo("MainDocument")) { node, path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            let id = try cursor.optionalText("mainDocumentID")
            let label = try cursor.optionalText("label")
            let files = try cursor.oneOrMore(.memo("File"), Self.file)
            let actions = try cursor.repeated(.memo("Action"), Self.action)
            try cursor.finish()
            return MeMoMainDocument(mainDocumentID: id, label: label, files: files, actions: actions)
        }
        let additional = try cursor.repeated(.memo("AdditionalDocument")) { node, path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            let id = try cursor.optionalText("additionalDocumentID")
            let label = try cursor.optionalText("label")
            let files = try cursor.oneOrMore(.memo("File"), Self.file)
            let actions = try cursor.repeated(.memo("Action"), Self.action)
            try cursor.finish()
            return MeMoAdditionalDocument(additionalDocumentID: id, label: label, files: files, actions: actions)
        }
        let technical = try cursor.repeated(.memo("TechnicalDocument")) { node, path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            let id = try cursor.optionalText("technicalDocumentID")
            let label = try cursor.optionalText("label")
            let files = try cursor.oneOrMore(.memo("File"), Self.file)
            try cursor.finish()
            return MeMoTechnicalDocument(technicalDocumentID: id, label: label, files: files)
        }
        try cursor.finish()
        return MessageBody(
            createdDateTime: created,
            mainDocument: main,
            additionalDocuments: additional,
            technicalDocuments: technical
        )
    }

    static func file(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoFile {
        var cursor = try ChildCursor(node, path: path)
        let encodingFormat = try cursor.text("encodingFormat")
        let filename = try cursor.text("filename")
        let language = try cursor.text("language")
        let content = try cursor.required(.memo("content"), LeafReader.content)
        try cursor.finish()
        var file = MeMoFile(
            encodingFormat: encodingFormat,
            filename: filename,
            language: language,
            content: content.data
        )
        file.skippedContentBytes = content.skippedBytes
        return file
    }

    static func action(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoAction {
        var cursor = try ChildCursor(node, path: path)
        let label = try cursor.text("label")
        let actionCode = try cursor.required(.memo("actionCode"), LeafReader.actionCode)
        let start = try cursor.optional(.memo("startDateTime"), LeafReader.dateTime)
        let end = try cursor.optional(.memo("endDateTime"), LeafReader.dateTime)
        let reservation = try cursor.optional(.memo("Reservation")) { node, path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            let description = try cursor.text("description")
            let uuid = try cursor.text("reservationUUID")
            let abstract = try cursor.text("abstract")
            let location = try cursor.text("location")
            let start = try cursor.required(.memo("startDateTime"), LeafReader.dateTime)
            let end = try cursor.required(.memo("endDateTime"), LeafReader.dateTime)
            let mail = try cursor.optionalText("organizerMail")
            let name = try cursor.optionalText("organizerName")
            try cursor.finish()
            return MeMoReservation(
                description: description,
                reservationUUID: uuid,
                abstract: abstract,
                location: location,
                startDateTime: start,
                endDateTime: end,
                organizerMail: mail,
                organizerName: name
            )
        }
        let entryPoint = try cursor.optional(.memo("EntryPoint")) { node, path throws(MeMoParseError) in
            var cursor = try ChildCursor(node, path: path)
            let url = try cursor.text("url")
            try cursor.finish()
            return MeMoEntryPoint(url: url)
        }
        try cursor.finish()
        return MeMoAction(
            label: label,
            actionCode: actionCode,
            startDateTime: start,
            endDateTime: end,
            reservation: reservation,
            entryPoint: entryPoint
        )
    }
}
