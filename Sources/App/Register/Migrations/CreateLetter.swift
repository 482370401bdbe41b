import Fluent

struct CreateLetter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Letter.schema)
            .id()
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, .id))
            .field("kind", .string, .required)
            .field("recipient_person_id", .uuid, .required, .references(Person.schema, .id))
            .field("lease_id", .uuid, .references(Lease.schema, .id))
            .field("template_id", .uuid, .required, .references(LetterTemplate.schema, .id))
            .field("subject", .string, .required)
            .field("reference", .string, .required)
            .field("pdf", .data, .required)
            .field("document_json", .data, .required)
            .field("page_count", .int, .required)
            .field("channel", .string)
            .field("channel_reasons", .string, .required)
            .field("status", .string, .required)
            .field("digital_post_letter_id", .uuid, .references(DigitalPostLetter.schema, .id))
            .field("print_batch_id", .uuid, .references(PrintBatch.schema, .id))
            .field("dispatched_at", .datetime)
            .field("arrival", .string)
            .field("bulk_run_id", .uuid)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await SchemaIndex.create(
            "letters_recipient",
            on: Letter.schema,
            columns: ["recipient_person_id", "created_at"],
            in: database
        )
        try await SchemaIndex.create(
            "letters_status",
            on: Letter.schema,
            columns: ["status", "created_at"],
            in: database
        )
        try await SchemaIndex.create(
            "letters_digital_post_letter",
            on: Letter.schema,
            columns: ["digital_post_letter_id"],
            in: database
        )
        try await SchemaIndex.create(
            "letters_print_batch",
            on: Letter.schema,
            columns: ["print_batch_id"],
            in: database
        )
        // A bulk run sends one letter per recipient and lease: a resumed run cannot send twice.
        try await SchemaIndex.create(
            "letters_bulk_once",
            on: Letter.schema,
            columns: ["bulk_run_id", "recipient_person_id", "lease_id"],
            unique: true,
            in: database
        )
        try await database.schema(LetterEvent.schema)
            .id()
            .field("letter_id", .uuid, .required, .references(Letter.schema, .id))
            .field("at", .datetime, .required)
            .field("event", .string, .required)
            .field("detail", .string, .required)
            .create()
        try await SchemaIndex.create(
            "letter_events_letter",
            on: LetterEvent.schema,
            columns: ["letter_id", "at"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LetterEvent.schema).delete()
        try await database.schema(Letter.schema).delete()
    }
}
