import Fluent
import Foundation

/// A department's document (afdelingens dokumenter): house rules, maintenance rules, minutes,
/// budget and accounts, as a PDF uploaded by staff. Kept in the database (outside any web root)
/// and served only to the department's residents, or to its board for board-only documents.
final class DepartmentDocument: Model, @unchecked Sendable {
    static let schema = "department_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "department_id") var departmentID: UUID
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "title") var title: String
    @Field(key: "kind") var kind: DepartmentDocumentKind
    /// The document's own date (the meeting's, the budget's), as ISO yyyy-mm-dd.
    @Field(key: "document_date") var documentDate: String
    @Field(key: "visibility") var visibility: DocumentVisibility
    @Field(key: "pdf") var pdf: Data
    @Field(key: "byte_count") var byteCount: Int
    @OptionalField(key: "uploaded_by") var uploadedBy: UUID?
    @Field(key: "uploaded_at") var uploadedAt: Date

    /// A document is at most 20 MB.
    static let maxBytes = 20 * 1024 * 1024

    init() {}

    init(
        id: UUID,
        departmentID: UUID,
        organisationID: UUID,
        title: String,
        kind: DepartmentDocumentKind,
        documentDate: String,
        visibility: DocumentVisibility,
        pdf: Data,
        uploadedBy: UUID?,
        now: Date
    ) {
        self.id = id
        self.departmentID = departmentID
        self.organisationID = organisationID
        self.title = title
        self.kind = kind
        self.documentDate = documentDate
        self.visibility = visibility
        self.pdf = pdf
        self.byteCount = pdf.count
        self.uploadedBy = uploadedBy
        self.uploadedAt = now
    }

    /// Whether `data` is a PDF by its content: it starts with the PDF header (a renamed file of
    /// another type is refused, whatever its name or declared type).
    static func isPDF(_ data: Data) -> Bool {
        data.count > 8 && data.prefix(5) == Data("%PDF-".utf8)
    }
}

/// What kind of document it is.
enum DepartmentDocumentKind: String, Codable, CaseIterable, Sendable {
    case houseRules = "house_rules"
    case maintenanceRules = "maintenance_rules"
    case minutes
    case budget
    case accounts
    case other
}

/// Who may read a department's document.
enum DocumentVisibility: String, Codable, CaseIterable, Sendable {
    /// Every resident of the department (and its board).
    case residents
    /// The department board only.
    case board
}
