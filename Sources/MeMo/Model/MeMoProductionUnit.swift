/// `grd:ProductionUnit`: a P-enhed (production unit) of a CVR-registered company, by its ten-digit
/// P-nummer.
public struct MeMoProductionUnit: Hashable, Sendable {
    public var productionUnitNumber: String
    public var productionUnitName: String?

    public init(productionUnitNumber: String, productionUnitName: String? = nil) {
        self.productionUnitNumber = productionUnitNumber
        self.productionUnitName = productionUnitName
    }
}
