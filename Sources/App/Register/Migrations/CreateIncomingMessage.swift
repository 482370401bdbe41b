import Fluent

struct CreateIncomingMessage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IncomingMessage.schema)
            .id()
            .field("message_uuid", .string, .required)
            .field("received_at", .datetime, .required)
            .field("channel", .string, .required)
            .field("xml", .data, .required)
            .field("status", .string, .required)
            .field("label", .string)
            .field("problem", .string)
            .field("person_id", .uuid, .references(Person.schema, .id))
            .field("organisation_id", .uuid, .references(HousingOrganisation.schema, .id))
            .field("reply_to_letter_id", .uuid, .references(DigitalPostLetter.schema, .id))
            .field("acknowledged_at", .datetime)
            .unique(on: "message_uuid")
            .create()
        try await SchemaIndex.create(
            "incoming_messages_received",
            on: IncomingMessage.schema,
            columns: ["received_at"],
            in: database
        )
        try await SchemaIndex.create(
            "incoming_messages_reply_to",
            on: IncomingMessage.schema,
            columns: ["reply_to_letter_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IncomingMessage.schema).delete()
    }
}
