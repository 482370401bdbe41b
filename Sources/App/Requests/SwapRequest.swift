import AlmenDomain
import Fluent
import Foundation

/// A tenant's application to swap homes (boligbytte, ALL § 69) with the tenant of another home:
/// who the other tenant is, the other home and its landlord, the day of the swap, and how many
/// move each way. It is a draft (kladde) from the first preview and becomes a swap case when it
/// is sent. The other tenant signs with their own MitID using a code (`SwapSigning`); when their
/// home is in the register they name it as they sign, and the rules are checked for both homes.
/// The other landlord's answer is recorded on the case; approved, the swap runs as a move-out
/// and a move-in for each home this organisation lets.
final class SwapRequest: Model, @unchecked Sendable {
    static let schema = "swap_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "filed_by") var filedBy: UUID
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "status") var status: SublettingRequestStatus
    /// The first day in the new homes, YYYY-MM-DD.
    @Field(key: "swap_date") var swapDate: String
    /// Who will live in the tenant's home after the swap (the other household), and who of the
    /// tenant's household moves to the other home.
    @Field(key: "incoming_persons") var incomingPersons: Int
    @Field(key: "outgoing_persons") var outgoingPersons: Int
    /// The other tenant's full name, as in their MitID.
    @Field(key: "other_tenant") var otherTenant: String
    /// The other home's address and its landlord, as the tenant wrote them.
    @Field(key: "other_address") var otherAddress: String
    @Field(key: "other_landlord") var otherLandlord: String
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// The hash of the other tenant's code, until it is used or expires.
    @OptionalField(key: "sign_code_hash") var signCodeHash: String?
    @OptionalField(key: "sign_code_expires_at") var signCodeExpiresAt: Date?
    /// The other tenant, once they used the code; their lease when their home is in the
    /// register; and when they signed.
    @OptionalField(key: "other_person_id") var otherPersonID: UUID?
    @OptionalField(key: "other_lease_id") var otherLeaseID: UUID?
    @OptionalField(key: "other_signed_at") var otherSignedAt: Date?
    /// The other landlord's answer, recorded by a caseworker (nil while waiting, and when this
    /// organisation lets both homes).
    @OptionalField(key: "landlord_answer") var landlordAnswer: Bool?
    /// When the other home is another organisation's in Almen: that organisation's case, in which
    /// its caseworkers give the answer (`SwapCard.openLandlordCase`).
    @OptionalField(key: "landlord_case_id") var landlordCaseID: UUID?
    @OptionalField(key: "landlord_answered_on") var landlordAnsweredOn: String?
    /// Why the other landlord said no, as it gave it (required when another organisation in
    /// Almen says no; optional when a caseworker records an answer from outside).
    @OptionalField(key: "landlord_reason") var landlordReason: String?
    /// For youth, elderly or care housing we let to the person moving in: whether they meet the
    /// home's conditions themselves, or the municipality consented or refused (rules.md §4), and
    /// the day it was settled. Recorded by a caseworker, for the tenant's home (the other tenant
    /// moves in) and, when we let it too, for the other home (the tenant moves in).
    @OptionalField(key: "municipality_consent") var municipalityConsent: MunicipalityConsent?
    @OptionalField(key: "municipality_consent_on") var municipalityConsentOn: String?
    @OptionalField(key: "other_municipality_consent") var otherMunicipalityConsent: MunicipalityConsent?
    @OptionalField(key: "other_municipality_consent_on") var otherMunicipalityConsentOn: String?

    init() {}
}

/// The municipality's part in a swap into youth, elderly or care housing.
enum MunicipalityConsent: String, Codable, Sendable, CaseIterable {
    /// The person moving in meets the home's conditions: no consent is needed.
    case eligible
    case consented
    case refused

    /// Whether the swap may go ahead on this answer.
    var allows: Bool { self != .refused }
}

/// The case of the other landlord's answer, when the other home is another organisation's.
struct AddSwapLandlordCase: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SwapRequest.schema)
            .field("landlord_case_id", .uuid, .references(CaseFile.schema, "id")).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SwapRequest.schema).deleteField("landlord_case_id").update()
    }
}

/// Why the other landlord said no to a swap.
struct AddSwapLandlordReason: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SwapRequest.schema).field("landlord_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SwapRequest.schema).deleteField("landlord_reason").update()
    }
}

/// The municipality's consent to a swap into special housing.
struct AddSwapMunicipalityConsent: AsyncMigration {
    static let columns = [
        "municipality_consent", "municipality_consent_on", "other_municipality_consent",
        "other_municipality_consent_on",
    ]

    func prepare(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(SwapRequest.schema).field(.string(column), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(SwapRequest.schema).deleteField(.string(column)).update()
        }
    }
}

struct CreateSwapRequests: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SwapRequest.schema)
            .id()
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("filed_by", .uuid, .required, .references(Person.schema, "id"))
            .field("case_id", .uuid, .references(CaseFile.schema, "id"))
            .field("status", .string, .required)
            .field("swap_date", .string, .required)
            .field("incoming_persons", .int, .required)
            .field("outgoing_persons", .int, .required)
            .field("other_tenant", .string, .required)
            .field("other_address", .string, .required)
            .field("other_landlord", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("sign_code_hash", .string)
            .field("sign_code_expires_at", .datetime)
            .field("other_person_id", .uuid, .references(Person.schema, "id"))
            .field("other_lease_id", .uuid, .references(Lease.schema, "id"))
            .field("other_signed_at", .datetime)
            .field("landlord_answer", .bool)
            .field("landlord_answered_on", .string)
            .create()
        for (name, columns) in [
            ("swap_requests_lease", ["lease_id", "filed_by"]), ("swap_requests_case", ["case_id"]),
            ("swap_requests_sign_code", ["sign_code_hash"]), ("swap_requests_other", ["other_person_id"]),
        ] {
            try await SchemaIndex.create(name, on: SwapRequest.schema, columns: columns, in: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SwapRequest.schema).delete()
    }
}
