import Fluent
import SQLKit

/// A final receipt that arrives before the worker has recorded the send (the answer to the send
/// was lost, or had not been saved yet) waits on the letter until the send is recorded.
struct AddEarlyReceipt: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DigitalPostLetter.schema).field("early_receipt_status", .string).update()
        try await database.schema(DigitalPostLetter.schema).field("early_receipt_at", .datetime).update()
        try await database.schema(DigitalPostLetter.schema).field("early_receipt_error", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DigitalPostLetter.schema).deleteField("early_receipt_error").update()
        try await database.schema(DigitalPostLetter.schema).deleteField("early_receipt_at").update()
        try await database.schema(DigitalPostLetter.schema).deleteField("early_receipt_status").update()
    }
}

/// The resident's message a letter answers (its MeMo's ReplyData), so their mailbox shows the
/// answer in the same thread.
struct AddDigitalPostReplyTo: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DigitalPostLetter.schema).field("reply_to_message_uuid", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DigitalPostLetter.schema).deleteField("reply_to_message_uuid").update()
    }
}

/// Whether an organisation has opted in to incoming mail of up to 60 MB (digital-post.md,
/// "Incoming size limit"); 10 MB otherwise.
struct AddLargeIncomingMail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HousingOrganisation.schema)
            .field("large_incoming_mail", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HousingOrganisation.schema).deleteField("large_incoming_mail").update()
    }
}
