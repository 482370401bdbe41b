import Fluent
import Foundation

/// The administration company (administrationsselskab) that runs this deployment and administers
/// housing organisations on their behalf.
public final class AdministrationCompany: Model, @unchecked Sendable {
    public static let schema = "administration_companies"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "cvr") public var cvr: String
    /// Contact details printed in the sender block of every letter (nil until configured).
    @OptionalField(key: "address_line") public var addressLine: String?
    @OptionalField(key: "postal_city") public var postalCity: String?
    @OptionalField(key: "phone") public var phone: String?
    @OptionalField(key: "email") public var email: String?
    @Children(for: \.$company) public var organisations: [HousingOrganisation]

    public init() {}

    public init(
        id: UUID? = nil,
        name: String,
        cvr: String,
        addressLine: String? = nil,
        postalCity: String? = nil,
        phone: String? = nil,
        email: String? = nil
    ) {
        self.id = id
        self.name = name
        self.cvr = cvr
        self.addressLine = addressLine
        self.postalCity = postalCity
        self.phone = phone
        self.email = email
    }
}
