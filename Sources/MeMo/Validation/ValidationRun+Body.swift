/// `MessageBody`: documents, files, sizes and actions.
extension ValidationRun {
    mutating func check(_ body: MessageBody) {
        let path = "MessageBody"
        let main = body.mainDocument
        let mainPath = "\(path).MainDocument"
        text(main.mainDocumentID, "\(mainPath).mainDocumentID")
        text(main.label, "\(mainPath).label")
        check(main.files, path: mainPath)
        check(main.actions, path: mainPath)
        for (index, document) in body.additionalDocuments.enumerated() {
            let documentPath = "\(path).AdditionalDocument[\(index)]"
            text(document.additionalDocumentID, "\(documentPath).additionalDocumentID")
            text(document.label, "\(documentPath).label")
            check(document.files, path: documentPath)
            check(document.actions, path: documentPath)
        }
        for (index, document) in body.technicalDocuments.enumerated() {
            let documentPath = "\(path).TechnicalDocument[\(index)]"
            text(document.technicalDocumentID, "\(documentPath).technicalDocumentID")
            text(document.label, "\(documentPath).label")
            check(document.files, path: documentPath)
        }
        checkSizes(body, path: path)
    }

    private mutating func checkSizes(_ body: MessageBody, path: String) {
        if let limit = context.maxAttachments, body.attachments.count > limit {
            report(path, MeMoFieldError.Code.tooManyAttachments, "At most \(limit) attachments are allowed.")
        }
        if let limit = context.maxFiles, body.allFiles.count > limit {
            report(path, MeMoFieldError.Code.tooManyFiles, "At most \(limit) files are allowed.")
        }
        let total = body.allFiles.reduce(0) { $0 + $1.contentBytes }
        if total > context.maxContentBytes {
            report(
                path,
                MeMoFieldError.Code.tooLarge,
                "The files may hold at most \(context.maxContentBytes) bytes together."
            )
        }
    }

    private mutating func check(_ files: [MeMoFile], path: String) {
        if files.isEmpty {
            report("\(path).File", MeMoFieldError.Code.required, "A document must have at least one file.")
        }
        for (index, file) in files.enumerated() {
            let filePath = "\(path).File[\(index)]"
            if !FieldRules.isMIMEType(file.encodingFormat) {
                report(
                    "\(filePath).encodingFormat",
                    MeMoFieldError.Code.invalidMIMEType,
                    "Must be a MIME type such as application/pdf."
                )
            }
            if file.filename.isEmpty {
                report(
                    "\(filePath).filename",
                    MeMoFieldError.Code.required,
                    "The field is required and must not be empty."
                )
            } else if FieldRules.hasForbiddenFilenameCharacter(file.filename) {
                report(
                    "\(filePath).filename",
                    MeMoFieldError.Code.invalidFilename,
                    "A filename must not contain < > : \" / \\ | ? *, line breaks or Unicode spaces and separators."
                )
            }
            text(file.filename, "\(filePath).filename")
            if !FieldRules.isLanguage(file.language) {
                report(
                    "\(filePath).language",
                    MeMoFieldError.Code.invalidLanguage,
                    "Must be two lowercase letters (ISO 639-1), such as da."
                )
            }
        }
    }

    private mutating func check(_ actions: [MeMoAction], path: String) {
        for (index, action) in actions.enumerated() {
            let actionPath = "\(path).Action[\(index)]"
            requiredText(action.label, "\(actionPath).label")
            if !action.actionCode.isKnown {
                let known = MeMoActionCode.known.map(\.rawValue).joined(separator: ", ")
                report("\(actionPath).actionCode", MeMoFieldError.Code.unknownActionCode, "Must be one of \(known).")
            }
            period(action.startDateTime, action.endDateTime, endField: "\(actionPath).endDateTime")
            if let reservation = action.reservation {
                let reservationPath = "\(actionPath).Reservation"
                requiredText(reservation.description, "\(reservationPath).description")
                uuid(reservation.reservationUUID, "\(reservationPath).reservationUUID")
                requiredText(reservation.abstract, "\(reservationPath).abstract")
                requiredText(reservation.location, "\(reservationPath).location")
                period(reservation.startDateTime, reservation.endDateTime, endField: "\(reservationPath).endDateTime")
                text(reservation.organizerMail, "\(reservationPath).organizerMail")
                text(reservation.organizerName, "\(reservationPath).organizerName")
            }
            if let entryPoint = action.entryPoint {
                let urlPath = "\(actionPath).EntryPoint.url"
                switch FieldRules.urlProblem(entryPoint.url) {
                case MeMoFieldError.Code.notHTTPS? where context.strictSenderRules:
                    report(urlPath, MeMoFieldError.Code.notHTTPS, "Links must use https.")
                case MeMoFieldError.Code.notHTTPS?:
                    // Received mail keeps its http link (the official 1.1 Full example has them);
                    // it is shown to staff as text, never followed automatically.
                    text(entryPoint.url, urlPath)
                case let code?:
                    report(urlPath, code, "Must be an absolute https URL with a host and no user name.")
                case nil:
                    text(entryPoint.url, urlPath)
                }
            }
        }
    }
}
