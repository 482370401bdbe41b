import Fluent

struct CreateLetterTemplate: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LetterTemplate.schema)
            .id()
            .field("scope", .string, .required)
            .field("kind", .string, .required)
            .field("version", .int, .required)
            .field("subject_source", .string, .required)
            .field("body_source", .string, .required)
            .field("source_digest", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "scope", "kind", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LetterTemplate.schema).delete()
    }
}
