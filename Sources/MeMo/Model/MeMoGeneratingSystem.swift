/// `GeneratingSystem`: the system that produced the message (here: Almen).
public struct MeMoGeneratingSystem: Hashable, Sendable {
    public var generatingSystemID: String
    public var label: String?

    public init(generatingSystemID: String, label: String? = nil) {
        self.generatingSystemID = generatingSystemID
        self.label = label
    }
}
