/// `MessageBody`: documents, their files (base64) and actions.
extension XMLByteWriter {
    mutating func write(_ body: MessageBody) {
        open("memo:MessageBody")
        leaf("memo:createdDateTime", body.createdDateTime)
        let main = body.mainDocument
        open("memo:MainDocument")
        leaf("memo:mainDocumentID", main.mainDocumentID)
        leaf("memo:label", main.label)
        for file in main.files { write(file) }
        for action in main.actions { write(action) }
        close("memo:MainDocument")
        for document in body.additionalDocuments {
            open("memo:AdditionalDocument")
            leaf("memo:additionalDocumentID", document.additionalDocumentID)
            leaf("memo:label", document.label)
            for file in document.files { write(file) }
            for action in document.actions { write(action) }
            close("memo:AdditionalDocument")
        }
        for document in body.technicalDocuments {
            open("memo:TechnicalDocument")
            leaf("memo:technicalDocumentID", document.technicalDocumentID)
            leaf("memo:label", document.label)
            for file in document.files { write(file) }
            close("memo:TechnicalDocument")
        }
        close("memo:MessageBody")
    }

    mutating func write(_ file: MeMoFile) {
        open("memo:File")
        leaf("memo:encodingFormat", file.encodingFormat)
        leaf("memo:filename", file.filename)
        leaf("memo:language", file.language)
        base64Leaf("memo:content", file.content)
        close("memo:File")
    }

    mutating func write(_ action: MeMoAction) {
        open("memo:Action")
        leaf("memo:label", action.label)
        leaf("memo:actionCode", action.actionCode.rawValue)
        leaf("memo:startDateTime", action.startDateTime)
        leaf("memo:endDateTime", action.endDateTime)
        if let reservation = action.reservation {
            open("memo:Reservation")
            leaf("memo:description", reservation.description)
            leaf("memo:reservationUUID", reservation.reservationUUID)
            leaf("memo:abstract", reservation.abstract)
            leaf("memo:location", reservation.location)
            leaf("memo:startDateTime", reservation.startDateTime)
            leaf("memo:endDateTime", reservation.endDateTime)
            leaf("memo:organizerMail", reservation.organizerMail)
            leaf("memo:organizerName", reservation.organizerName)
            close("memo:Reservation")
        }
        if let entryPoint = action.entryPoint {
            open("memo:EntryPoint")
            leaf("memo:url", entryPoint.url)
            close("memo:EntryPoint")
        }
        close("memo:Action")
    }
}
