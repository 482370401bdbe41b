/// `kle:KLEdata`: the municipal subject classification (KL-emnesystematik, KLE) of the letter.
public struct MeMoKLEData: Hashable, Sendable {
    /// Emnenummer, for example `00.00.00`.
    public var subjectKey: String
    public var version: String
    /// Handlingsfacet.
    public var activityFacet: String?
    public var label: String

    public init(subjectKey: String, version: String, activityFacet: String? = nil, label: String) {
        self.subjectKey = subjectKey
        self.version = version
        self.activityFacet = activityFacet
        self.label = label
    }
}
