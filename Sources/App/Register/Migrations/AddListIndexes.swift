import Fluent

/// Indexes for the lists that page newest first by keyset (issue: Fast pages): staff's letters,
/// all of them or one organisation's, and the audit log by time.
struct AddListIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SchemaIndex.create("letters_created", on: Letter.schema, columns: ["created_at", "id"], in: database)
        try await SchemaIndex.create(
            "letters_organisation_created",
            on: Letter.schema,
            columns: ["organisation_id", "created_at"],
            in: database
        )
        try await SchemaIndex.create("cases_opened", on: CaseFile.schema, columns: ["opened_at", "id"], in: database)
        try await SchemaIndex.create("audit_events_at", on: AuditEvent.schema, columns: ["at", "id"], in: database)
    }

    func revert(on database: any Database) async throws {
        for name in ["letters_created", "letters_organisation_created", "cases_opened", "audit_events_at"] {
            try await SchemaIndex.drop(name, in: database)
        }
    }
}

/// The audit log filtered by what was done pages newest first within one action.
struct AddAuditActionIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await SchemaIndex.create(
            "audit_events_action_at",
            on: AuditEvent.schema,
            columns: ["action", "at", "id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await SchemaIndex.drop("audit_events_action_at", in: database)
    }
}
