import Fluent
import Foundation

/// A print batch (printbunke): one organisation's physical letters in envelope order in one PDF,
/// with a CSV manifest, handed to the print provider and marked dispatched when the carrier has
/// it. One organisation per batch: the sender pays its own postage, and caseworkers see only the
/// batches of their organisations.
final class PrintBatch: Model, @unchecked Sendable {
    static let schema = "print_batches"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: HousingOrganisation
    @Field(key: "number") var number: Int
    @Field(key: "letter_count") var letterCount: Int
    @Field(key: "page_count") var pageCount: Int
    @Field(key: "pdf") var pdf: Data
    @Field(key: "manifest") var manifest: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "dispatched_at") var dispatchedAt: Date?
    @OptionalField(key: "dispatched_by") var dispatchedBy: UUID?

    init() {}

    init(
        id: UUID,
        organisationID: UUID,
        number: Int,
        letterCount: Int,
        pageCount: Int,
        pdf: Data,
        manifest: String,
        createdBy: UUID?,
        now: Date
    ) {
        self.id = id
        self.$organisation.id = organisationID
        self.number = number
        self.letterCount = letterCount
        self.pageCount = pageCount
        self.pdf = pdf
        self.manifest = manifest
        self.createdBy = createdBy
        self.createdAt = now
    }
}
