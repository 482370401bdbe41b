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
