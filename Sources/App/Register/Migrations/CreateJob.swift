import Fluent

/// The job queue (`Jobs`): one row per piece of background work.
struct CreateJob: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("jobs")
            .field("id", .uuid, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("unique_key", .string)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("max_attempts", .int, .required)
            .field("run_at", .datetime, .required)
            .field("locked_by", .string)
            .field("locked_until", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .unique(on: "unique_key")
            .create()
        try await SchemaIndex.create("jobs_due", on: "jobs", columns: ["status", "run_at"], in: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("jobs").delete()
    }
}
