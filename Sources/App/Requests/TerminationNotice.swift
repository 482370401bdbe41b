import Fluent
import Foundation

/// Opsigelse: a tenant's notice to end their lease, given in the portal (ALL § 88, rules.md §2).
/// Every tenant of the lease signs it with their own MitID login; it has arrived (`receivedOn`)
/// when the last one signs, and the end date runs from that day. It opens a termination case at
/// once, so staff see a notice that waits for a co-tenant.
final class TerminationNotice: Model, @unchecked Sendable {
    static let schema = "termination_notices"

    @ID(key: .id) var id: UUID?
    /// One notice per lease: a second tenant signs the first one's notice.
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "case_id") var caseID: UUID
    /// The tenant who filed it; for a notice after a death (`estateFiler`), the tenant who died.
    @Field(key: "filed_by") var filedBy: UUID
    /// Where the move-out settlement goes (fraflytningsadresse).
    @Field(key: "forwarding_address") var forwardingAddress: String
    /// When the home can be shown to new tenants, in the tenant's words (may be empty).
    @Field(key: "viewing") var viewing: String
    /// The form's one-time token: sending the same form twice finds this notice again.
    @Field(key: "submission_token") var submissionToken: String
    @Field(key: "created_at") var createdAt: Date
    /// The day the last tenant signed, ISO yyyy-mm-dd; nil while a tenant has not.
    @OptionalField(key: "received_on") var receivedOn: String?
    /// The lease's end date by the rules from `receivedOn`, ISO yyyy-mm-dd.
    @OptionalField(key: "end_date") var endDate: String?
    /// When the co-tenants who had not signed were reminded (`TerminationReminders`).
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    /// Who gave notice for a tenant who died (rules.md §2); nil for a tenant's own notice. A
    /// caseworker registers such a notice (`EstateNoticeController`): it arrived by letter.
    @OptionalField(key: "estate_filer") var estateFiler: EstateFiler?
    /// The day the tenant died, ISO yyyy-mm-dd.
    @OptionalField(key: "died_on") var diedOn: String?
    /// Who acts for the estate ("Anne Nielsen", "Aarhus Kommune, Plejecentret Solgården"), and
    /// their postal address, one line per line: the confirmation goes there.
    @OptionalField(key: "representative_name") var representativeName: String?
    @OptionalField(key: "representative_address") var representativeAddress: String?
    /// The caseworker who registered a notice after a death.
    @OptionalField(key: "registered_by") var registeredBy: UUID?

    init() {}

    init(
        id: UUID,
        leaseID: UUID,
        caseID: UUID,
        filedBy: UUID,
        forwardingAddress: String,
        viewing: String,
        submissionToken: String,
        now: Date
    ) {
        self.id = id
        self.leaseID = leaseID
        self.caseID = caseID
        self.filedBy = filedBy
        self.forwardingAddress = forwardingAddress
        self.viewing = viewing
        self.submissionToken = submissionToken
        self.createdAt = now
    }
}

/// Who gave notice for a tenant who died and whom no spouse or household member succeeds.
enum EstateFiler: String, Codable, Sendable, CaseIterable {
    /// Dødsboet: the heirs, or an executor (bobestyrer), with the probate court's certificate.
    case estate
    /// A public authority on the estate's behalf, e.g. the municipality for a care home's resident.
    case authority
}

/// A tenant's signature on a notice, with the time of the MitID login it was given in (no more
/// than `Request.recentAuthentication` before).
final class TerminationSignature: Model, @unchecked Sendable {
    static let schema = "termination_signatures"

    @ID(key: .id) var id: UUID?
    @Field(key: "notice_id") var noticeID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "signed_at") var signedAt: Date
    @Field(key: "authenticated_at") var authenticatedAt: Date

    init() {}

    init(id: UUID, noticeID: UUID, principal: Principal, now: Date) {
        self.id = id
        self.noticeID = noticeID
        self.personID = principal.id
        self.signedAt = now
        self.authenticatedAt = principal.authTime
    }
}

struct CreateTerminationNotices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TerminationNotice.schema)
            .id()
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("filed_by", .uuid, .required, .references(Person.schema, "id"))
            .field("forwarding_address", .string, .required)
            .field("viewing", .string, .required)
            .field("submission_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("received_on", .string)
            .field("end_date", .string)
            .field("reminded_at", .datetime)
            .unique(on: "lease_id")
            .unique(on: "submission_token")
            .create()
        try await database.schema(TerminationSignature.schema)
            .id()
            .field("notice_id", .uuid, .required, .references(TerminationNotice.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("signed_at", .datetime, .required)
            .field("authenticated_at", .datetime, .required)
            .unique(on: "notice_id", "person_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TerminationSignature.schema).delete()
        try await database.schema(TerminationNotice.schema).delete()
    }
}

/// A notice after a tenant's death: who gave it, when the tenant died, and whom the confirmation
/// goes to.
struct AddEstateNotices: AsyncMigration {
    static let columns = [
        "estate_filer", "died_on", "representative_name", "representative_address", "registered_by",
    ]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        for column in Self.columns {
            try await database.schema(TerminationNotice.schema)
                .field(.string(column), column == "registered_by" ? .uuid : .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(TerminationNotice.schema).deleteField(.string(column)).update()
        }
    }
}
