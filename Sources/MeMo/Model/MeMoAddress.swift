/// `grd:Address`: a structured Danish address (adresse) from the common data model, every part
/// optional. Kept as text: house numbers such as `7A` and floors such as `st` are not numbers.
public struct MeMoAddress: Hashable, Sendable {
    /// The address's identifier (DAR UUID).
    public var id: String?
    /// The street name (vejnavn).
    public var addressLabel: String?
    public var houseNumber: String?
    /// Door (dør), for example `th`.
    public var door: String?
    /// Floor (etage).
    public var floor: String?
    /// c/o name.
    public var co: String?
    public var zipCode: String?
    public var city: String?
    /// Country code, for example `DK`.
    public var country: String?
    public var addressPoint: MeMoAddressPoint?

    public init(
        id: String? = nil,
        addressLabel: String? = nil,
        houseNumber: String? = nil,
        door: String? = nil,
        floor: String? = nil,
        co: String? = nil,
        zipCode: String? = nil,
        city: String? = nil,
        country: String? = nil,
        addressPoint: MeMoAddressPoint? = nil
    ) {
        self.id = id
        self.addressLabel = addressLabel
        self.houseNumber = houseNumber
        self.door = door
        self.floor = floor
        self.co = co
        self.zipCode = zipCode
        self.city = city
        self.country = country
        self.addressPoint = addressPoint
    }
}
