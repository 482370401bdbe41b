/// `ContentResponsible`: the unit responsible for the content (indholdsansvarlig), when it is not
/// the sender itself.
public struct MeMoContentResponsible: Hashable, Sendable {
    public var contentResponsibleID: String?
    public var label: String?

    public init(contentResponsibleID: String? = nil, label: String? = nil) {
        self.contentResponsibleID = contentResponsibleID
        self.label = label
    }
}
