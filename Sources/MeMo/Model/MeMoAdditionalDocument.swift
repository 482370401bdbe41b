/// `AdditionalDocument`: an enclosure (bilag) shown with the letter. Its files count as
/// attachments towards NgDP's limit of ten.
public struct MeMoAdditionalDocument: Hashable, Sendable {
    public var additionalDocumentID: String?
    public var label: String?
    /// At least one.
    public var files: [MeMoFile]
    public var actions: [MeMoAction]

    public init(
        additionalDocumentID: String? = nil,
        label: String? = nil,
        files: [MeMoFile],
        actions: [MeMoAction] = []
    ) {
        self.additionalDocumentID = additionalDocumentID
        self.label = label
        self.files = files
        self.actions = actions
    }
}
