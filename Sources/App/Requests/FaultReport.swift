import Fluent
import Foundation

/// Where a fault is (fejlmelding): a room of the home or a common area of the department.
enum FaultLocation: String, Codable, CaseIterable, Sendable {
    case kitchen
    case bathroom
    case livingRoom = "living_room"
    case bedroom
    case hall
    case balcony
    case otherInHome = "other_in_home"
    case stairwell
    case basement
    case laundry
    case outdoors
    case otherCommon = "other_common"

    /// Whether it is in the tenant's own home (staff may need to get in).
    var inHome: Bool {
        switch self {
        case .kitchen, .bathroom, .livingRoom, .bedroom, .hall, .balcony, .otherInHome: true
        case .stairwell, .basement, .laundry, .outdoors, .otherCommon: false
        }
    }
}

/// A resident's fault report: where, what, whether staff may let themselves in with the master
/// key, and up to five photos (`CaseAttachment`). It is a fault-report case from the moment it is
/// sent; the receipt letter says so.
final class FaultReport: Model, @unchecked Sendable {
    static let schema = "fault_reports"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "filed_by") var filedBy: UUID
    @Field(key: "location") var location: FaultLocation
    @Field(key: "description") var description: String
    /// Staff may let themselves in with the master key when nobody is home.
    @Field(key: "master_key") var masterKey: Bool
    /// The form's one-time token: the same form sent twice makes one report.
    @Field(key: "submission_token") var submissionToken: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A file a resident sent with a request (a photo of a fault), checked by content and with its
/// location data removed, kept in the database with the case.
final class CaseAttachment: Model, @unchecked Sendable {
    static let schema = "case_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "content_type") var contentType: String
    @Field(key: "data") var data: Data
    @Field(key: "byte_count") var byteCount: Int
    @Field(key: "position") var position: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID, caseID: UUID, contentType: String, data: Data, position: Int, now: Date) {
        self.id = id
        self.caseID = caseID
        self.contentType = contentType
        self.data = data
        self.byteCount = data.count
        self.position = position
        self.createdAt = now
    }
}

struct CreateFaultReports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FaultReport.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("filed_by", .uuid, .required, .references(Person.schema, "id"))
            .field("location", .string, .required)
            .field("description", .string, .required)
            .field("master_key", .bool, .required)
            .field("submission_token", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "submission_token")
            .unique(on: "case_id")
            .create()
        try await database.schema(CaseAttachment.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("content_type", .string, .required)
            .field("data", .data, .required)
            .field("byte_count", .int, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await SchemaIndex.create(
            "case_attachments_case",
            on: CaseAttachment.schema,
            columns: ["case_id"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseAttachment.schema).delete()
        try await database.schema(FaultReport.schema).delete()
    }
}
