import Fluent
import SQLKit

/// Finer statistics for the name indexes of the estate's search (`AddEstateSearchIndexes`), on
/// PostgreSQL. With the default hundred histogram buckets over every tenant's name, a search for a
/// common family name and a given name ("Nielsen Mette": 31 people) was estimated at 1,109
/// people, and PostgreSQL read all leases and all tenancies to join them: 18 ms instead of
/// 0.5 ms. A thousand buckets estimate it at 74, and the search reads the people it finds.
struct AddNameSearchStatistics: AsyncMigration {
    static let indexes = ["people_name_prefix", "people_reversed_name_prefix"]
    static let target = 1_000

    func prepare(on database: any Database) async throws {
        try await set(Self.target, on: database)
    }

    func revert(on database: any Database) async throws {
        try await set(-1, on: database)
    }

    private func set(_ target: Int, on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return }
        for index in Self.indexes {
            try await sql.raw(
                "ALTER INDEX \(ident: index) ALTER COLUMN 1 SET STATISTICS \(unsafeRaw: String(target))"
            ).run()
        }
        // The statistics change at the next analysis: now, for a register already there.
        try await sql.raw("ANALYZE people").run()
    }
}
