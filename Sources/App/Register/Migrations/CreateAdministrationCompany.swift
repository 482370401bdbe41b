import Fluent

struct CreateAdministrationCompany: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AdministrationCompany.schema)
            .id()
            .field("name", .string, .required)
            .field("cvr", .string, .required)
            .unique(on: "cvr")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AdministrationCompany.schema).delete()
    }
}
