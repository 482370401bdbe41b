import Fluent

struct CreateLeaseTenant: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LeaseTenant.schema)
            .id()
            .field("lease_id", .uuid, .required, .references(Lease.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("role", .string, .required)
            .unique(on: "lease_id", "person_id")
            .create()
        try await SchemaIndex.create(
            "lease_tenants_person",
            on: LeaseTenant.schema,
            columns: ["person_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LeaseTenant.schema).delete()
    }
}
