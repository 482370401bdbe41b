import Fluent

/// A department's own share of normal repairs at a move-out (`Department.repairShareBasisPoints`).
struct AddDepartmentRepairShare: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Department.schema).field("repair_share_bp", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Department.schema).deleteField("repair_share_bp").update()
    }
}
