/// `TechnicalDocument`: a machine-readable document carried with the letter but not shown as one.
/// It has no actions. Its files count as attachments.
public struct MeMoTechnicalDocument: Hashable, Sendable {
    public var technicalDocumentID: String?
    public var label: String?
    /// At least one.
    public var files: [MeMoFile]

    public init(technicalDocumentID: String? = nil, label: String? = nil, files: [MeMoFile]) {
        self.technicalDocumentID = technicalDocumentID
        self.label = label
        self.files = files
    }
}
