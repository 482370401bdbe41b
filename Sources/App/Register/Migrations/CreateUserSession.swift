import Fluent

struct CreateUserSession: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("principal_kind", .string, .required)
            .field("person_id", .uuid, .references(Person.schema, .id))
            .field("staff_user_id", .uuid, .references(StaffUser.schema, .id))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("auth_time", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await SchemaIndex.create(
            "user_sessions_person",
            on: UserSession.schema,
            columns: ["person_id"],
            in: database
        )
        try await SchemaIndex.create(
            "user_sessions_staff",
            on: UserSession.schema,
            columns: ["staff_user_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserSession.schema).delete()
    }
}
