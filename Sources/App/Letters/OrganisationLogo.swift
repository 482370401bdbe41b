import Fluent
import Foundation

/// An organisation's logo for the sender block of its letters (PNG), kept apart from the
/// organisation so that lists of organisations never load images.
final class OrganisationLogo: Model, @unchecked Sendable {
    static let schema = "organisation_logos"

    /// Large enough for a crisp 40 x 15 mm logo, small enough to embed in every letter.
    static let maxBytes = 256 * 1024

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: HousingOrganisation
    @Field(key: "png") var png: Data
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(id: UUID, organisationID: UUID, png: Data, updatedBy: UUID?, now: Date) {
        self.id = id
        self.$organisation.id = organisationID
        self.png = png
        self.updatedBy = updatedBy
        self.updatedAt = now
    }
}
