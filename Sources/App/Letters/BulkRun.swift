import AlmenDomain
import Fluent
import Foundation

/// A bulk letter run (masseudsendelse): one letter kind with the same content to every tenant of
/// a selection. Letters made by the run carry its id, and a unique index on (run, recipient,
/// lease) means a paused, resumed or crashed run never sends anyone a second letter.
final class BulkRun: Model, @unchecked Sendable {
    static let schema = "bulk_runs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: HousingOrganisation
    @Field(key: "kind") var kind: LetterKind
    /// The typed content (`GeneralLetter` or `MeetingNoticeLetter`) as JSON.
    @Field(key: "content_json") var contentJSON: Data
    /// Department ids, comma-separated; empty means the whole organisation.
    @Field(key: "department_ids") var departmentIDs: String
    /// Dwelling ids, comma-separated, when the selection is a list of addresses; empty otherwise.
    @Field(key: "dwelling_ids") var dwellingIDs: String
    @Field(key: "status") var status: BulkRunStatus
    @Field(key: "total") var total: Int
    @Field(key: "sent") var sent: Int
    /// Why the run stopped, in Danish; in English beside it (`last_error_en`, nil before it was kept).
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "last_error_en") var lastErrorEnglish: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(
        id: UUID,
        organisationID: UUID,
        kind: LetterKind,
        contentJSON: Data,
        departmentIDs: [UUID],
        dwellingIDs: [UUID],
        total: Int,
        createdBy: UUID?,
        now: Date
    ) {
        self.id = id
        self.$organisation.id = organisationID
        self.kind = kind
        self.contentJSON = contentJSON
        self.departmentIDs = Self.list(departmentIDs)
        self.dwellingIDs = Self.list(dwellingIDs)
        self.status = .draft
        self.total = total
        self.sent = 0
        self.createdBy = createdBy
        self.createdAt = now
        self.updatedAt = now
    }

    var departments: [UUID] { Self.ids(departmentIDs) }
    var dwellings: [UUID] { Self.ids(dwellingIDs) }

    private static func list(_ ids: [UUID]) -> String {
        ids.map { $0.lowercasedString }.joined(separator: ",")
    }

    /// The ids of a comma-separated list as the run keeps them (`department_ids`, `dwelling_ids`).
    static func ids(_ list: String) -> [UUID] {
        list.split(separator: ",").compactMap { UUID(uuidString: String($0)) }
    }
}

/// Where a bulk run is.
enum BulkRunStatus: String, Codable, Sendable, CaseIterable {
    /// Made and previewed, not started.
    case draft
    case running
    case paused
    case completed
    /// Stopped by an error a person must look at (the letters made so far stand).
    case failed
}

/// `last_error_en`: why a run stopped, in English beside the Danish.
struct AddBulkRunErrorEnglish: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BulkRun.schema).field("last_error_en", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BulkRun.schema).deleteField("last_error_en").update()
    }
}
