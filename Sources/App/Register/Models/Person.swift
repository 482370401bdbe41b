import Fluent
import Foundation

/// A person in the register: tenant, household member, board member, applicant.
///
/// The CPR number (personnummer) is never stored in clear text: `cprCiphertext` holds it
/// encrypted, and `cprLookupHash` a keyed hash for look-up (see `CPRVault`).
public final class Person: Model, @unchecked Sendable {
    public static let schema = "people"

    @ID(key: .id) public var id: UUID?
    @Field(key: "given_name") public var givenName: String
    @Field(key: "family_name") public var familyName: String
    @OptionalField(key: "cpr_ciphertext") public var cprCiphertext: Data?
    @OptionalField(key: "cpr_lookup_hash") public var cprLookupHash: String?
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "phone") public var phone: String?
    /// Navne- og adressebeskyttelse: the person's name and address are protected in the CPR
    /// register, so no other resident sees them (the board's resident list leaves them out).
    @Field(key: "name_address_protected") public var nameAndAddressProtected: Bool

    public init() {}

    public init(
        id: UUID? = nil,
        givenName: String,
        familyName: String,
        cprCiphertext: Data?,
        cprLookupHash: String?,
        email: String?,
        phone: String?
    ) {
        self.id = id
        self.givenName = givenName
        self.familyName = familyName
        self.cprCiphertext = cprCiphertext
        self.nameAndAddressProtected = false
        self.cprLookupHash = cprLookupHash
        self.email = email
        self.phone = phone
    }

    public var fullName: String { "\(givenName) \(familyName)" }
}
