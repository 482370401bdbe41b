/// `grd:PropertyNumber`: an ejendomsnummer (property number).
public struct MeMoPropertyNumber: Hashable, Sendable {
    public var propertyNumber: String

    public init(propertyNumber: String) {
        self.propertyNumber = propertyNumber
    }
}
