import Fluent
import SQLKit

/// Multi-row INSERTs, chunked under the drivers' bind-parameter limits (PostgreSQL 65,535,
/// SQLite 32,766): how the demo register reaches 600,000 homes in reasonable time.
struct BulkInserter {
    static let maxParameters = 30_000
    let database: any SQLDatabase

    func insert(_ rows: TableRows) async throws {
        guard !rows.rows.isEmpty else { return }
        let perStatement = max(1, Self.maxParameters / rows.columns.count)
        var start = 0
        while start < rows.rows.count {
            let end = min(start + perStatement, rows.rows.count)
            let insert = database.insert(into: rows.table).columns(rows.columns)
            for row in rows.rows[start..<end] { insert.values(row) }
            try await insert.run()
            start = end
        }
    }
}
