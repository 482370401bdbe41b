import Fluent
import SQLKit

/// PostgreSQL compresses large values with pglz by default, which made the database, not the
/// parser, the receiving system's bottleneck (`almen bench ingest`: 316 messages/s with pglz,
/// 773 with lz4, on the same 2 cores). The raw MeMo is stored with lz4 where the server has it,
/// uncompressed otherwise. SQLite stores values as they are; nothing to do there.
struct TuneIncomingMessageStorage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        struct Row: Decodable { let lz4: Bool }
        let lz4 =
            try await sql.raw(
                """
                SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'
                """
            ).first(decoding: Row.self)?.lz4 ?? false
        if lz4 {
            try await sql.raw("ALTER TABLE incoming_messages ALTER COLUMN xml SET COMPRESSION lz4").run()
        } else {
            try await sql.raw("ALTER TABLE incoming_messages ALTER COLUMN xml SET STORAGE EXTERNAL").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE incoming_messages ALTER COLUMN xml SET STORAGE EXTENDED").run()
        try await sql.raw("ALTER TABLE incoming_messages ALTER COLUMN xml SET COMPRESSION pglz").run()
    }
}
