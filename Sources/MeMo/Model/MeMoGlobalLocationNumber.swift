/// `gln:GlobalLocationNumber`: a GS1 location number (GLN, EAN-lokationsnummer), as used for
/// electronic invoicing.
public struct MeMoGlobalLocationNumber: Hashable, Sendable {
    public var globalLocationNumber: String
    public var location: String?

    public init(globalLocationNumber: String, location: String? = nil) {
        self.globalLocationNumber = globalLocationNumber
        self.location = location
    }
}
