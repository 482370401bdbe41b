import Fluent

/// Local staff accounts: a bcrypt password and a TOTP second factor, with lock-out state.
struct AddStaffUserLocalCredentials: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        for (name, type) in [
            ("password_hash", DatabaseSchema.DataType.string), ("totp_secret", .data), ("totp_last_step", .int64),
            ("locked_until", .datetime),
        ] {
            try await database.schema(StaffUser.schema).field(
                .definition(name: .key(.init(stringLiteral: name)), dataType: type, constraints: [])
            ).update()
        }
        try await database.schema(StaffUser.schema).field("failed_logins", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        for name in ["password_hash", "totp_secret", "totp_last_step", "locked_until", "failed_logins"] {
            try await database.schema(StaffUser.schema).deleteField(.init(stringLiteral: name)).update()
        }
    }
}
