import Fluent

struct CreateDigitalPostLetter: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DigitalPostLetter.schema)
            .id()
            .field("message_uuid", .string, .required)
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, .id))
            .field("recipient_person_id", .uuid, .required, .references(Person.schema, .id))
            .field("label", .string, .required)
            .field("document", .data, .required)
            .field("document_filename", .string, .required)
            .field("document_mime", .string, .required)
            .field("mandatory", .bool, .required)
            .field("legal_notification", .bool, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("lease_owner", .string)
            .field("lease_expires_at", .datetime)
            .field("registration_status", .string)
            .field("registration_checked_at", .datetime)
            .field("receipt_status", .string)
            .field("transmission_id", .string)
            .field("receipt_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "message_uuid")
            .create()
        try await SchemaIndex.create(
            "digital_post_letters_due",
            on: DigitalPostLetter.schema,
            columns: ["status", "next_attempt_at"],
            in: database
        )
        try await SchemaIndex.create(
            "digital_post_letters_recipient",
            on: DigitalPostLetter.schema,
            columns: ["recipient_person_id"],
            in: database
        )
        try await database.schema("digital_post_letter_events")
            .id()
            .field("letter_id", .uuid, .required, .references(DigitalPostLetter.schema, .id))
            .field("at", .datetime, .required)
            .field("event", .string, .required)
            .field("detail", .string, .required)
            .create()
        try await SchemaIndex.create(
            "digital_post_letter_events_letter",
            on: "digital_post_letter_events",
            columns: ["letter_id", "at"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema("digital_post_letter_events").delete()
        try await database.schema(DigitalPostLetter.schema).delete()
    }
}
