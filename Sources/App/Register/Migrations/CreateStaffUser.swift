import Fluent

struct CreateStaffUser: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffUser.schema)
            .id()
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("role", .string, .required)
            .field("active", .bool, .required)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffUser.schema).delete()
    }
}
