import Fluent

struct CreateAppSetting: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AppSetting.schema)
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AppSetting.schema).delete()
    }
}
