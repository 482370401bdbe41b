import AlmenDomain
import Fluent
import Foundation

/// A tenant's notice of partial sub-letting (delvis fremleje, ALL § 70): the rooms let, everyone
/// who will live there, the area let, from when, to whom, and the signed agreement; or their
/// application to let the whole home while away (fremleje af hele boligen, ALL §§ 66 and 71):
/// the period, why they are away with documentation, the sub-tenant, how many will live there,
/// the rent, and the sub-tenant's own signature with MitID. It is a draft (kladde) from the
/// first preview, with the files kept so they need not be attached again, and becomes a case
/// when it is sent.
final class SublettingRequest: Model, @unchecked Sendable {
    static let schema = "subletting_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "filed_by") var filedBy: UUID
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "status") var status: SublettingRequestStatus
    @Field(key: "let_rooms") var letRooms: Int
    @Field(key: "occupants") var occupants: Int
    @OptionalField(key: "let_area_m2") var letAreaM2: Int?
    /// The first day of the sub-letting, YYYY-MM-DD.
    @Field(key: "start_date") var startDate: String
    /// The sub-tenants' names, as the tenant wrote them.
    @Field(key: "subtenants") var subtenants: String
    @OptionalField(key: "agreement") var agreement: Data?
    /// "application/pdf", "image/jpeg" or "image/png", by the file's content.
    @OptionalField(key: "agreement_type") var agreementType: String?
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    // Whole-dwelling sub-letting only (`kind == .whole`). `occupants` is then the number of
    // persons who will live there, and `subtenants` the name of the sub-tenant who signs.
    @Field(key: "kind") var kind: SublettingKind
    /// The last day of the sub-letting, YYYY-MM-DD.
    @OptionalField(key: "end_date") var endDate: String?
    @OptionalField(key: "absence_reason") var absenceReason: AbsenceReason?
    /// The tenant's own words on the absence.
    @OptionalField(key: "absence_text") var absenceText: String?
    /// The sub-tenant's monthly rent, in øre.
    @OptionalField(key: "rent_ore") var rentOre: Int64?
    /// The documentation of the absence (a letter from an employer, a school, a doctor).
    @OptionalField(key: "documentation") var documentation: Data?
    @OptionalField(key: "documentation_type") var documentationType: String?
    /// The hash of the code the sub-tenant signs with, until it is used or expires.
    @OptionalField(key: "sign_code_hash") var signCodeHash: String?
    @OptionalField(key: "sign_code_expires_at") var signCodeExpiresAt: Date?
    /// The sub-tenant, once they have used the code, and when they signed.
    @OptionalField(key: "subtenant_person_id") var subtenantPersonID: UUID?
    @OptionalField(key: "subtenant_signed_at") var subtenantSignedAt: Date?

    // Partial sub-letting after another approved one.
    /// The tenant says the partial sub-letting approved before has ended, so its rooms and
    /// sub-tenants no longer count (staff see that they said so).
    @OptionalField(key: "earlier_ended") var earlierEnded: Bool?
    /// When an approved partial sub-letting ended, as a later notice said (`earlierEnded`); until
    /// then its rooms count towards the half of a new notice's.
    @OptionalField(key: "ended_at") var endedAt: Date?

    init() {}
}

/// `earlier_ended` and `ended_at`: a partial sub-letting approved before counts until the tenant
/// says it has ended.
struct AddSublettingEnded: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SublettingRequest.schema).field("earlier_ended", .bool).update()
        try await database.schema(SublettingRequest.schema).field("ended_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SublettingRequest.schema).deleteField("ended_at").update()
        try await database.schema(SublettingRequest.schema).deleteField("earlier_ended").update()
    }
}

enum SublettingKind: String, Codable, Sendable {
    /// Delvis fremleje: rooms, while the tenant lives there.
    case partial
    /// Fremleje af hele boligen, during a temporary absence.
    case whole
}

/// Whole-dwelling sub-letting: the kind of each request, and the application's own columns.
struct AddWholeSubletting: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let schema = SublettingRequest.schema
        // One column per statement: SQLite adds one at a time.
        try await database.schema(schema)
            .field("kind", .string, .required, .sql(.default(SublettingKind.partial.rawValue))).update()
        try await database.schema(schema).field("end_date", .string).update()
        try await database.schema(schema).field("absence_reason", .string).update()
        try await database.schema(schema).field("absence_text", .string).update()
        try await database.schema(schema).field("rent_ore", .int64).update()
        try await database.schema(schema).field("documentation", .data).update()
        try await database.schema(schema).field("documentation_type", .string).update()
        try await database.schema(schema).field("sign_code_hash", .string).update()
        try await database.schema(schema).field("sign_code_expires_at", .datetime).update()
        try await database.schema(schema)
            .field("subtenant_person_id", .uuid, .references(Person.schema, "id")).update()
        try await database.schema(schema).field("subtenant_signed_at", .datetime).update()
        try await SchemaIndex.create(
            "subletting_requests_sign_code",
            on: schema,
            columns: ["sign_code_hash"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await SchemaIndex.drop("subletting_requests_sign_code", in: database)
        for field in [
            "subtenant_signed_at", "subtenant_person_id", "sign_code_expires_at", "sign_code_hash",
            "documentation_type", "documentation", "rent_ore", "absence_text", "absence_reason", "end_date", "kind",
        ] {
            try await database.schema(SublettingRequest.schema).deleteField(.string(field)).update()
        }
    }
}

enum SublettingRequestStatus: String, Codable, Sendable {
    case draft
    case sent
}

struct CreateSublettingRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SublettingRequest.schema)
            .id()
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("filed_by", .uuid, .required, .references(Person.schema, "id"))
            .field("case_id", .uuid, .references(CaseFile.schema, "id"))
            .field("status", .string, .required)
            .field("let_rooms", .int, .required)
            .field("occupants", .int, .required)
            .field("let_area_m2", .int)
            .field("start_date", .string, .required)
            .field("subtenants", .string, .required)
            .field("agreement", .data)
            .field("agreement_type", .string)
            .field("updated_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        try await SchemaIndex.create(
            "subletting_requests_lease",
            on: SublettingRequest.schema,
            columns: ["lease_id", "filed_by"],
            in: database
        )
        try await SchemaIndex.create(
            "subletting_requests_case",
            on: SublettingRequest.schema,
            columns: ["case_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SublettingRequest.schema).delete()
    }
}

/// What an attached file is, by its first bytes: a signed agreement is a scan or a PDF. A file
/// named .jpg that is something else is none of them, whatever its name or declared type.
enum AttachmentType {
    static let maxBytes = 10 * 1024 * 1024

    static func of(_ data: Data) -> String? {
        if DepartmentDocument.isPDF(data) { return "application/pdf" }
        if data.count > 3, data.prefix(3) == Data([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if data.count > 8, data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return "image/png"
        }
        return nil
    }

    /// The file name a download gets.
    static func filename(_ base: String, type: String?) -> String {
        switch type {
        case "image/jpeg": "\(base).jpg"
        case "image/png": "\(base).png"
        case let type? where AudioType.fileExtension(type) != nil: "\(base).\(AudioType.fileExtension(type) ?? "")"
        default: "\(base).pdf"
        }
    }
}
