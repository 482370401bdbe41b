/// `grd:CVRdata`: a company by CVR-nummer.
public struct MeMoCVRData: Hashable, Sendable {
    public var cvrNumber: String
    public var companyName: String?

    public init(cvrNumber: String, companyName: String? = nil) {
        self.cvrNumber = cvrNumber
        self.companyName = companyName
    }
}
