import Fluent

struct CreateDwelling: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Dwelling.schema)
            .id()
            .field("department_id", .uuid, .required, .references(Department.schema, .id))
            .field("street", .string, .required)
            .field("house_number", .string, .required)
            .field("floor", .string)
            .field("door", .string)
            .field("postal_code", .string, .required)
            .field("city", .string, .required)
            .field("habitable_rooms", .int, .required)
            .field("floor_area_m2", .int, .required)
            .field("housing_type", .string, .required)
            .field("municipally_assigned", .bool, .required)
            .create()
        try await SchemaIndex.create(
            "dwellings_department",
            on: Dwelling.schema,
            columns: ["department_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Dwelling.schema).delete()
    }
}
