/// `MainDocument`: the letter itself (hoveddokument), as one or more files (for example a PDF and
/// a text version), with actions the recipient can take.
public struct MeMoMainDocument: Hashable, Sendable {
    public var mainDocumentID: String?
    public var label: String?
    /// At least one.
    public var files: [MeMoFile]
    public var actions: [MeMoAction]

    public init(mainDocumentID: String? = nil, label: String? = nil, files: [MeMoFile], actions: [MeMoAction] = []) {
        self.mainDocumentID = mainDocumentID
        self.label = label
        self.files = files
        self.actions = actions
    }
}
