import Fluent
import Foundation

/// A department (afdeling): one estate of an organisation, with its own budget, rent and board.
public final class Department: Model, @unchecked Sendable {
    public static let schema = "departments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "organisation_id") public var organisation: HousingOrganisation
    /// The department number (afdelingsnummer), unique within the organisation.
    @Field(key: "number") public var number: Int
    @Field(key: "name") public var name: String
    /// The municipality (kommune) the estate lies in; it assigns dwellings and is notified of arrears.
    @Field(key: "municipality") public var municipality: String
    /// The service centre (ejendomskontor) residents of the department contact, and its hours:
    /// one line per period, e.g. "Mandag–torsdag 8–15".
    @OptionalField(key: "service_name") public var serviceName: String?
    @OptionalField(key: "service_phone") public var servicePhone: String?
    @OptionalField(key: "service_email") public var serviceEmail: String?
    @OptionalField(key: "service_hours") public var serviceHours: String?
    /// The department's share of normal repairs at a move-out per month the tenant lived there,
    /// in basis points (its vedligeholdelsesreglement); nil for the standard 1 %.
    @OptionalField(key: "repair_share_bp") public var repairShareBasisPoints: Int?
    @Children(for: \.$department) public var dwellings: [Dwelling]

    public init() {}

    public init(id: UUID? = nil, organisationID: UUID, number: Int, name: String, municipality: String) {
        self.id = id
        self.$organisation.id = organisationID
        self.number = number
        self.name = name
        self.municipality = municipality
    }
}
