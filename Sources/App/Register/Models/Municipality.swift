import Fluent
import Foundation
import Letters

/// A municipality (kommune) as the recipient of the administration's notices (underretninger,
/// rules.md §3): its CVR number, to which Digital Post sends them, and its postal address, for
/// when they go on paper. Administrators keep the register at `/admin/kommuner`. A department
/// names its municipality by `name` ("Aarhus"), so the register is matched on it.
final class Municipality: Model, @unchecked Sendable {
    static let schema = "municipalities"

    @ID(key: .id) var id: UUID?
    /// As departments name it, without "Kommune": "Aarhus", "Høje-Taastrup".
    @Field(key: "name") var name: String
    /// Eight digits.
    @Field(key: "cvr") var cvr: String
    /// The unit that handles the notices ("Borgerservice", "Boliganvisningen"): the first line of
    /// the envelope under the municipality's name.
    @Field(key: "attention") var attention: String
    @Field(key: "street") var street: String
    @Field(key: "postal_code") var postalCode: String
    @Field(key: "city") var city: String
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(
        id: UUID,
        name: String,
        cvr: String,
        attention: String,
        street: String,
        postalCode: String,
        city: String,
        updatedBy: UUID?,
        at: Date
    ) {
        self.id = id
        self.name = name
        self.cvr = cvr
        self.attention = attention
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.updatedBy = updatedBy
        self.updatedAt = at
    }

    /// "Aarhus Kommune", as the envelope and the Digital Post message name it.
    /// "Aarhus Kommune"; a name that says what it is already stays as it is ("Bornholms
    /// Regionskommune").
    static func title(_ name: String) -> String {
        name.lowercased().hasSuffix("kommune") ? name : "\(name) Kommune"
    }

    /// The envelope: the municipality, the unit, the street, the postcode and town.
    var envelope: PostalAddress {
        PostalAddress(
            name: Self.title(name),
            lines: [attention, street, "\(postalCode) \(city)"].filter { !$0.isEmpty }
        )
    }
}

struct CreateMunicipalities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Municipality.schema)
            .id()
            .field("name", .string, .required)
            .field("cvr", .string, .required)
            .field("attention", .string, .required)
            .field("street", .string, .required)
            .field("postal_code", .string, .required)
            .field("city", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .references(StaffUser.schema, "id"))
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Municipality.schema).delete()
    }
}
