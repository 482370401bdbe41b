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
