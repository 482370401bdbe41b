import Fluent

/// Cases, their parties, and the yearly counters their numbers come from.
struct CreateCase: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("case_counters")
            .field("year", .int, .identifier(auto: false))
            .field("last", .int, .required)
            .create()
        try await database.schema(CaseFile.schema)
            .id()
            .field("number", .string, .required)
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, .id))
            .field("lease_id", .uuid, .references(Lease.schema, .id))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("status", .string, .required)
            .field("opened_at", .datetime, .required)
            .field("opened_by", .uuid)
            .field("closed_at", .datetime)
            .unique(on: "number")
            .create()
        try await SchemaIndex.create(
            "cases_organisation_status",
            on: CaseFile.schema,
            columns: ["organisation_id", "status", "opened_at"],
            in: database
        )
        try await SchemaIndex.create("cases_lease", on: CaseFile.schema, columns: ["lease_id"], in: database)
        try await database.schema(CaseParty.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("role", .string, .required)
            .field("added_at", .datetime, .required)
            .unique(on: "case_id", "person_id")
            .create()
        try await SchemaIndex.create("case_parties_person", on: CaseParty.schema, columns: ["person_id"], in: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseParty.schema).delete()
        try await database.schema(CaseFile.schema).delete()
        try await database.schema("case_counters").delete()
    }
}

/// Letters and incoming mail belong to a case; incoming mail keeps the contact point it was
/// addressed to (the organisation's inbox it goes to when it is not a reply).
struct AddCaseLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Letter.schema).field("case_id", .uuid, .references(CaseFile.schema, .id)).update()
        try await database.schema(IncomingMessage.schema).field("case_id", .uuid, .references(CaseFile.schema, .id))
            .update()
        try await database.schema(IncomingMessage.schema).field("contact_point", .string).update()
        try await SchemaIndex.create("letters_case", on: Letter.schema, columns: ["case_id"], in: database)
        try await SchemaIndex.create(
            "incoming_messages_case",
            on: IncomingMessage.schema,
            columns: ["case_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IncomingMessage.schema).deleteField("contact_point").update()
        try await database.schema(IncomingMessage.schema).deleteField("case_id").update()
        try await database.schema(Letter.schema).deleteField("case_id").update()
    }
}
