import Fluent
import Foundation

/// The Digital Post registration of a fictitious demo person, as the NgDP stand-in's citizen
/// register answers it. Only demo data (replacement CPR numbers) is ever written here; production
/// looks the status up at NgDP shortly before sending.
public final class SandboxCitizen: Model, @unchecked Sendable {
    public static let schema = "sandbox_citizens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "person_id") public var person: Person
    @Field(key: "registration_status") public var registrationStatus: DigitalPostRegistrationStatus
    /// The CPR number the sandbox MitID gives a demo person whose register record lacks one
    /// (sealed like the register's): a tenant to collect the CPR number from at first login.
    @OptionalField(key: "mitid_cpr_ciphertext") public var mitidCPRCiphertext: Data?

    public init() {}

    public init(id: UUID? = nil, personID: UUID, registrationStatus: DigitalPostRegistrationStatus) {
        self.id = id
        self.$person.id = personID
        self.registrationStatus = registrationStatus
    }
}

/// NgDP's `publicRegistrationStatus` (digital-post.md).
public enum DigitalPostRegistrationStatus: String, Codable, CaseIterable, Sendable {
    case registered = "REGISTERED"
    case exempt = "EXEMPT"
    case closed = "CLOSED"
    case unknown = "UNKNOWN"
}
