import Fluent

struct CreateDigitalPostConnection: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DigitalPostConnection.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, .id))
            .field("base_url", .string, .required)
            .field("system_id", .string, .required)
            .field("token_sealed", .data, .required)
            .field("certificate_path", .string)
            .field("key_path", .string)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid)
            .unique(on: "organisation_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DigitalPostConnection.schema).delete()
    }
}
