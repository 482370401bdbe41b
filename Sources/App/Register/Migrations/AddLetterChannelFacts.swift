import Fluent

/// The channel facts a letter was decided from, kept while it waits for the registration look-up
/// (`Letter.channelFacts`), so the transport completes the decision instead of making it again.
struct AddLetterChannelFacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("letters").field("channel_facts", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("letters").deleteField("channel_facts").update()
    }
}
