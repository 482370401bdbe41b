import Fluent

struct CreatePerson: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Person.schema)
            .id()
            .field("given_name", .string, .required)
            .field("family_name", .string, .required)
            .field("cpr_ciphertext", .data)
            .field("cpr_lookup_hash", .string)
            .field("email", .string)
            .field("phone", .string)
            .unique(on: "cpr_lookup_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Person.schema).delete()
    }
}
