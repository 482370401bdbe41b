import Fluent
import SQLKit

/// The audit trail, with triggers that make it append-only on both databases.
struct CreateAuditEvent: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor_kind", .string, .required)
            .field("actor_id", .uuid)
            .field("action", .string, .required)
            .field("subject_kind", .string)
            .field("subject_id", .uuid)
            .field("data_subject_id", .uuid)
            .field("purpose", .string, .required)
            .field("request_id", .string, .required)
            .create()
        try await SchemaIndex.create(
            "audit_events_data_subject",
            on: AuditEvent.schema,
            columns: ["data_subject_id", "at"],
            in: database
        )
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """
            ).run()
        } else {
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER audit_events_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
                    """
                ).run()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).delete()
        if let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        }
    }
}
