/// `grd:EID`: an electronic identity (for example a certificate's `CVR:...-RID:...` subject).
public struct MeMoEID: Hashable, Sendable {
    public var eID: String
    public var label: String?

    public init(eID: String, label: String? = nil) {
        self.eID = eID
        self.label = label
    }
}
