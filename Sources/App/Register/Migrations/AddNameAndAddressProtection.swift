import Fluent

/// Navne- og adressebeskyttelse on people (issue: Security, finding 12): false for everyone until
/// the register says otherwise.
struct AddNameAndAddressProtection: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("people").field("name_address_protected", .bool, .required, .sql(.default(false)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").deleteField("name_address_protected").update()
    }
}
