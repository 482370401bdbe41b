import Fluent

struct CreateSandboxCitizen: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SandboxCitizen.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("registration_status", .string, .required)
            .unique(on: "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SandboxCitizen.schema).delete()
    }
}
