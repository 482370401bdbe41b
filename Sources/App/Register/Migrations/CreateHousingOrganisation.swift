import Fluent

struct CreateHousingOrganisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HousingOrganisation.schema)
            .id()
            .field("company_id", .uuid, .required, .references(AdministrationCompany.schema, .id))
            .field("cvr", .string, .required)
            .field("name", .string, .required)
            .field("eligible_public_sender", .bool, .required)
            .field("digital_post_connection", .string, .required)
            .unique(on: "cvr")
            .create()
        try await SchemaIndex.create(
            "housing_organisations_company",
            on: HousingOrganisation.schema,
            columns: ["company_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HousingOrganisation.schema).delete()
    }
}
