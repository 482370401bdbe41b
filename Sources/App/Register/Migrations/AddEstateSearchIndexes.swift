import Fluent
import SQLKit

/// Indexes for finding a lease by the beginning of its address, postcode and town, number or a
/// tenant's name (`EstateNoticePage.leases`), on PostgreSQL: `text_pattern_ops` lets a
/// `LIKE 'begins%'` read the index in any locale. Each expression is the search's, without its
/// table's alias. SQLite, for a demo, reads its tables.
struct AddEstateSearchIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, expression: String)] = [
        (
            "dwellings_address_prefix", "dwellings",
            "street || ' ' || house_number || COALESCE(', ' || floor || '.', '') || COALESCE(' ' || door, '')"
        ),
        ("dwellings_town_prefix", "dwellings", "postal_code || ' ' || city"),
        ("leases_number_prefix", "leases", "COALESCE(number, '')"),
        ("people_name_prefix", "people", "given_name || ' ' || family_name"),
        ("people_reversed_name_prefix", "people", "family_name || ' ' || given_name"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return }
        for index in Self.indexes {
            try await sql.raw(
                """
                CREATE INDEX IF NOT EXISTS \(ident: index.name) ON \(ident: index.table)
                (LOWER(\(unsafeRaw: index.expression)) text_pattern_ops)
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return }
        for index in Self.indexes {
            try await sql.raw("DROP INDEX IF EXISTS \(ident: index.name)").run()
        }
    }
}
