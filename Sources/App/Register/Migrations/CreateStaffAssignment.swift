import Fluent

struct CreateStaffAssignment: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffAssignment.schema)
            .id()
            .field("staff_user_id", .uuid, .required, .references(StaffUser.schema, .id))
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, .id))
            .unique(on: "staff_user_id", "organisation_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffAssignment.schema).delete()
    }
}
