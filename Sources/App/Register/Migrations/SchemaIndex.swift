import Fluent
import SQLKit

/// Secondary indexes, which Fluent's schema builder cannot declare. PostgreSQL does not index
/// foreign keys by itself, and the register is read by department, dwelling and person at scale.
enum SchemaIndex {
    static func create(
        _ name: String,
        on table: String,
        columns: [String],
        unique: Bool = false,
        in database: any Database
    ) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        if unique { builder = builder.unique() }
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }

    static func drop(_ name: String, in database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: name).run()
    }
}
