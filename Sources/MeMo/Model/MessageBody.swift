/// `MessageBody`: the letter's documents (dokumenter). Absent for NemSMS.
public struct MessageBody: Hashable, Sendable {
    public var createdDateTime: MeMoDateTime
    /// The letter itself (hoveddokument).
    public var mainDocument: MeMoMainDocument
    /// Enclosures (bilag) shown to the recipient.
    public var additionalDocuments: [MeMoAdditionalDocument]
    /// Machine-readable documents not shown as letters.
    public var technicalDocuments: [MeMoTechnicalDocument]

    public init(
        createdDateTime: MeMoDateTime,
        mainDocument: MeMoMainDocument,
        additionalDocuments: [MeMoAdditionalDocument] = [],
        technicalDocuments: [MeMoTechnicalDocument] = []
    ) {
        self.createdDateTime = createdDateTime
        self.mainDocument = mainDocument
        self.additionalDocuments = additionalDocuments
        self.technicalDocuments = technicalDocuments
    }

    /// Every file of every document, main document first.
    public var allFiles: [MeMoFile] {
        mainDocument.files + additionalDocuments.flatMap(\.files) + technicalDocuments.flatMap(\.files)
    }

    /// The files NgDP counts as attachments (bilag): those of additional and technical documents.
    public var attachments: [MeMoFile] {
        additionalDocuments.flatMap(\.files) + technicalDocuments.flatMap(\.files)
    }
}
