/// `grd:SEnumber`: an SE-nummer (the tax registration number of a company unit).
public struct MeMoSENumber: Hashable, Sendable {
    public var seNumber: String
    public var companyName: String?

    public init(seNumber: String, companyName: String? = nil) {
        self.seNumber = seNumber
        self.companyName = companyName
    }
}
