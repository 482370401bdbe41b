/// `sor:SORdata`: an entry of the health sector's organisation register (Sundhedsvæsenets
/// Organisationsregister).
public struct MeMoSORData: Hashable, Sendable {
    public var sorIdentifier: String
    public var entryName: String?

    public init(sorIdentifier: String, entryName: String? = nil) {
        self.sorIdentifier = sorIdentifier
        self.entryName = entryName
    }
}
