import Fluent
import Foundation

/// An organisation's own NgDP connection (tilslutning), set by an administrator: base URL, the
/// system's id and API token, and the OCES3 function certificate and key as files on the server
/// (never uploaded through the browser). Without one, a connected organisation sends through the
/// administration company's connection from the environment (a consortium, digital-post.md).
final class DigitalPostConnection: Model, @unchecked Sendable {
    static let schema = "digital_post_connections"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: HousingOrganisation
    @Field(key: "base_url") var baseURL: String
    @Field(key: "system_id") var systemID: String
    /// The system API token, sealed (`SecretBox`, purpose "ngdp-token").
    @Field(key: "token_sealed") var tokenSealed: Data
    @OptionalField(key: "certificate_path") var certificatePath: String?
    @OptionalField(key: "key_path") var keyPath: String?
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    init(id: UUID, organisationID: UUID) {
        self.id = id
        self.$organisation.id = organisationID
    }
}
