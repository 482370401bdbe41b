import AlmenDomain
import Fluent
import Foundation

/// A tenant's notice of partial sub-letting (delvis fremleje, ALL § 70): the rooms let, everyone
/// who will live there, the area let, from when, to whom, and the signed agreement. It is a
/// draft (kladde) from the first preview, with the agreement kept so it need not be attached
/// again, and becomes a case when it is sent.
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

    init() {}
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
        default: "\(base).pdf"
        }
    }
}
