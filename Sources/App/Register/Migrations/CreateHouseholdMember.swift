import Fluent

struct CreateHouseholdMember: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HouseholdMember.schema)
            .id()
            .field("lease_id", .uuid, .required, .references(Lease.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("adult", .bool, .required)
            .unique(on: "lease_id", "person_id")
            .create()
        try await SchemaIndex.create(
            "household_members_person",
            on: HouseholdMember.schema,
            columns: ["person_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HouseholdMember.schema).delete()
    }
}
