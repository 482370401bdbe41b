import Fluent

struct CreateLease: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Lease.schema)
            .id()
            .field("dwelling_id", .uuid, .required, .references(Dwelling.schema, .id))
            .field("start_date", .string, .required)
            .field("end_date", .string)
            .field("monthly_rent_ore", .int64, .required)
            .field("due_day", .int, .required)
            .field("deposit_ore", .int64, .required)
            .field("notice_weeks", .int)
            .field("digital_opt_out", .bool, .required)
            .field("status", .string, .required)
            .create()
        try await SchemaIndex.create("leases_dwelling", on: Lease.schema, columns: ["dwelling_id"], in: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Lease.schema).delete()
    }
}
