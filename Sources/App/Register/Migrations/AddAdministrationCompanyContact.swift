import Fluent

struct AddAdministrationCompanyContact: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds a single column.
        for column in Self.columns {
            try await database.schema(AdministrationCompany.schema).field(
                .definition(name: .key(.init(stringLiteral: column)), dataType: .string, constraints: [])
            ).update()
        }
    }

    static let columns = ["address_line", "postal_city", "phone", "email"]

    func revert(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(AdministrationCompany.schema).deleteField(.init(stringLiteral: column)).update()
        }
    }
}
