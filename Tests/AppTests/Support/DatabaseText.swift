import SQLKit

@testable import App

/// Every row of every table as one line of text, on either database: what the access matrix
/// compares before and after refused requests, and what the retention test searches for a person.
enum DatabaseText {
    static func rows(_ sql: any SQLDatabase) async throws -> [String: [String]] {
        struct Table: Decodable { let name: String }
        struct Column: Decodable { let name: String }
        struct Row: Decodable { let r: String? }
        let postgres = TestDatabase.postgresURL != nil
        let tables =
            postgres
            ? try await sql.raw(
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
            ).all(decoding: Table.self)
            : try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                .all(decoding: Table.self)
        var text: [String: [String]] = [:]
        for table in tables {
            let rows: [Row]
            if postgres {
                rows = try await sql.raw("SELECT t::text AS r FROM \(ident: table.name) t").all(decoding: Row.self)
            } else {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table.name))")
                    .all(decoding: Column.self)
                let row = columns.map { "quote(\"\($0.name)\")" }.joined(separator: " || ',' || ")
                rows = try await sql.raw("SELECT \(unsafeRaw: row) AS r FROM \(ident: table.name)").all(
                    decoding: Row.self
                )
            }
            text[table.name] = rows.map { $0.r ?? "" }
        }
        return text
    }
}
