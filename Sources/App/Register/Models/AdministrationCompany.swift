import Fluent
import Foundation

/// The administration company (administrationsselskab) that runs this deployment and administers
/// housing organisations on their behalf.
public final class AdministrationCompany: Model, @unchecked Sendable {
    public static let schema = "administration_companies"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "cvr") public var cvr: String
    @Children(for: \.$company) public var organisations: [HousingOrganisation]

    public init() {}

    public init(id: UUID? = nil, name: String, cvr: String) {
        self.id = id
        self.name = name
        self.cvr = cvr
    }
}
