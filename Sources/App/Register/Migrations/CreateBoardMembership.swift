import Fluent

struct CreateBoardMembership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BoardMembership.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("board", .string, .required)
            .field("department_id", .uuid, .references(Department.schema, .id))
            .field("organisation_id", .uuid, .references(HousingOrganisation.schema, .id))
            .field("position", .string, .required)
            .field("term_start", .string, .required)
            .field("term_end", .string, .required)
            .create()
        try await SchemaIndex.create(
            "board_memberships_person",
            on: BoardMembership.schema,
            columns: ["person_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BoardMembership.schema).delete()
    }
}
