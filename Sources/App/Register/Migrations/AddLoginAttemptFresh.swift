import Fluent

/// A login started to confirm a sensitive change must come back with a fresh authentication.
struct AddLoginAttemptFresh: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema).field("fresh", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema).deleteField("fresh").update()
    }
}
