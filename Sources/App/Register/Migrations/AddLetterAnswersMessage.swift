import Fluent
import SQLKit

/// The resident's message a caseworker's letter answers ("Svar på beskeden"), whatever channel
/// the letter goes by: the message's page says it is answered, and the case's history says
/// which letter answers which message. No foreign key: a message erased by retention leaves the
/// letter, which then answers nothing that is kept.
struct AddLetterAnswersMessage: AsyncMigration {
    static let index = "letters_answers_message"

    func prepare(on database: any Database) async throws {
        try await database.schema(Letter.schema).field("answers_message_id", .uuid).update()
        try await database.sql().raw(
            """
            CREATE INDEX IF NOT EXISTS \(ident: Self.index) ON letters (answers_message_id)
            WHERE answers_message_id IS NOT NULL
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().raw("DROP INDEX IF EXISTS \(ident: Self.index)").run()
        try await database.schema(Letter.schema).deleteField("answers_message_id").update()
    }
}
