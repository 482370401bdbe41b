import Fluent

struct CreateBulkRun: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BulkRun.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, .id))
            .field("kind", .string, .required)
            .field("content_json", .data, .required)
            .field("department_ids", .string, .required)
            .field("dwelling_ids", .string, .required)
            .field("status", .string, .required)
            .field("total", .int, .required)
            .field("sent", .int, .required)
            .field("last_error", .string)
            .field("lease_owner", .string)
            .field("lease_expires_at", .datetime)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await SchemaIndex.create(
            "bulk_runs_status",
            on: BulkRun.schema,
            columns: ["status", "updated_at"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BulkRun.schema).delete()
    }
}
