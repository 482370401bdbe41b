import Fluent

struct CreateLoginAttempt: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema)
            .id()
            .field("audience", .string, .required)
            .field("state_hash", .string, .required)
            .field("nonce", .string, .required)
            .field("code_verifier", .string, .required)
            .field("return_to", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "state_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginAttempt.schema).delete()
    }
}
