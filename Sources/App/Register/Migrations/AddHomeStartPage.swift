import Fluent
import SQLKit

/// What "Mit hjem" as the resident's start page reads: the department's documents, which letters
/// the resident has opened, the department's service centre, and how often help articles are read.
struct AddHomeStartPage: AsyncMigration {
    static let serviceColumns = ["service_name", "service_phone", "service_email", "service_hours"]

    func prepare(on database: any Database) async throws {
        try await database.schema(DepartmentDocument.schema)
            .id()
            .field("department_id", .uuid, .required, .references(Department.schema, "id"))
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, "id"))
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("document_date", .string, .required)
            .field("visibility", .string, .required)
            .field("pdf", .data, .required)
            .field("byte_count", .int, .required)
            .field("uploaded_by", .uuid)
            .field("uploaded_at", .datetime, .required)
            .create()
        try await SchemaIndex.create(
            "department_documents_department",
            on: DepartmentDocument.schema,
            columns: ["department_id", "document_date"],
            in: database
        )
        try await SchemaIndex.create(
            "department_documents_organisation",
            on: DepartmentDocument.schema,
            columns: ["organisation_id", "uploaded_at"],
            in: database
        )
        // Letters a resident has opened in the portal ("Mit hjem" shows the ones not yet opened).
        try await database.schema("letters").field("opened_at", .datetime).update()
        // Letters from before count as seen: only letters from now on are marked new.
        if let sql = database as? any SQLDatabase {
            try await sql.raw("UPDATE letters SET opened_at = created_at").run()
        }
        // The service centre residents of a department contact, and when it is open.
        // SQLite adds one column per statement.
        for column in Self.serviceColumns {
            try await database.schema(Department.schema).field(.string(column), .string).update()
        }
        // "Mit hjem" reads the boards of the resident's departments.
        try await SchemaIndex.create(
            "board_memberships_department",
            on: BoardMembership.schema,
            columns: ["department_id"],
            in: database
        )
        // How often each help article is read in each reader's context ("most read" on "Mit hjem").
        try await database.schema("help_reads")
            .field("scope_key", .string, .required)
            .field("slug", .string, .required)
            .field("reads", .int, .required)
            .unique(on: "scope_key", "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await SchemaIndex.drop("board_memberships_department", in: database)
        try await database.schema("help_reads").delete()
        for column in Self.serviceColumns {
            try await database.schema(Department.schema).deleteField(.string(column)).update()
        }
        try await database.schema("letters").deleteField("opened_at").update()
        try await database.schema(DepartmentDocument.schema).delete()
    }
}
