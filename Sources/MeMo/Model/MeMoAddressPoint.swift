/// `grd:AddressPoint`: the address's coordinates (adgangspunkt). Kept as the decimal text it was
/// written with, so `0.0` stays `0.0`.
public struct MeMoAddressPoint: Hashable, Sendable {
    public var geographicEastingMeasure: String?
    public var geographicNorthingMeasure: String?
    public var geographicHeightMeasure: String?

    public init(
        geographicEastingMeasure: String? = nil,
        geographicNorthingMeasure: String? = nil,
        geographicHeightMeasure: String? = nil
    ) {
        self.geographicEastingMeasure = geographicEastingMeasure
        self.geographicNorthingMeasure = geographicNorthingMeasure
        self.geographicHeightMeasure = geographicHeightMeasure
    }
}
