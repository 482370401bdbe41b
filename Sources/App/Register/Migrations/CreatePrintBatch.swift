import Fluent

struct CreatePrintBatch: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PrintBatch.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, .id))
            .field("number", .int, .required)
            .field("letter_count", .int, .required)
            .field("page_count", .int, .required)
            .field("pdf", .data, .required)
            .field("manifest", .string, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .uuid)
            .field("dispatched_at", .datetime)
            .field("dispatched_by", .uuid)
            .unique(on: "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PrintBatch.schema).delete()
    }
}
