import AlmenDomain
import Fluent
import Foundation

/// A dwelling (bolig / lejemål as a physical unit) in a department.
public final class Dwelling: Model, @unchecked Sendable {
    public static let schema = "dwellings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "department_id") public var department: Department
    @Field(key: "street") public var street: String
    @Field(key: "house_number") public var houseNumber: String
    /// Floor and door (etage, dør), e.g. "2" and "th"; nil for a house.
    @OptionalField(key: "floor") public var floor: String?
    @OptionalField(key: "door") public var door: String?
    @Field(key: "postal_code") public var postalCode: String
    @Field(key: "city") public var city: String
    /// Habitable rooms (beboelsesrum): the unit of the sub-letting and swap limits.
    @Field(key: "habitable_rooms") public var habitableRooms: Int
    @Field(key: "floor_area_m2") public var floorAreaM2: Int
    @Field(key: "housing_type") public var housingType: HousingType
    /// Kommunalt anvist: the municipality assigned the tenant, and must hear of arrears.
    @Field(key: "municipally_assigned") public var municipallyAssigned: Bool
    @Children(for: \.$dwelling) public var leases: [Lease]

    public init() {}

    public init(
        id: UUID? = nil,
        departmentID: UUID,
        street: String,
        houseNumber: String,
        floor: String?,
        door: String?,
        postalCode: String,
        city: String,
        habitableRooms: Int,
        floorAreaM2: Int,
        housingType: HousingType,
        municipallyAssigned: Bool
    ) {
        self.id = id
        self.$department.id = departmentID
        self.street = street
        self.houseNumber = houseNumber
        self.floor = floor
        self.door = door
        self.postalCode = postalCode
        self.city = city
        self.habitableRooms = habitableRooms
        self.floorAreaM2 = floorAreaM2
        self.housingType = housingType
        self.municipallyAssigned = municipallyAssigned
    }

    /// The address as written on a letter's first line, e.g. "Engvej 12, 2. th".
    public var addressLine: String {
        Self.addressLine(street: street, houseNumber: houseNumber, floor: floor, door: door)
    }

    /// The address line from its parts, for queries that read them without a model.
    public static func addressLine(street: String, houseNumber: String, floor: String?, door: String?) -> String {
        var line = "\(street) \(houseNumber)"
        if let floor {
            line += ", \(floor)."
            if let door { line += " \(door)" }
        }
        return line
    }
}

/// A row of a page query that reads a dwelling's address columns, written the way letters and
/// pages write an address.
protocol AddressRow {
    var street: String { get }
    var house_number: String { get }
    var floor: String? { get }
    var door: String? { get }
    var postal_code: String { get }
    var city: String { get }
}

extension AddressRow {
    /// "Engvej 12, 2. th".
    var addressLine: String {
        Dwelling.addressLine(street: street, houseNumber: house_number, floor: floor, door: door)
    }
    /// "8000 Aarhus C".
    var postalCity: String { "\(postal_code) \(city)" }
}
