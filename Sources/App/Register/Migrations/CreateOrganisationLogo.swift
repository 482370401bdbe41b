import Fluent

struct CreateOrganisationLogo: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OrganisationLogo.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, .id))
            .field("png", .data, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid)
            .unique(on: "organisation_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OrganisationLogo.schema).delete()
    }
}
