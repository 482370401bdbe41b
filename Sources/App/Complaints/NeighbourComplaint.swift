import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// A neighbour complaint (naboklage, rules.md §5): who complains from which home, about which
/// dwelling of the same department (an address, not a name the complainant may not know), and
/// where it stands in `ComplaintWorkflow`. Its episodes are the incident diary; its case holds the
/// letters.
final class NeighbourComplaint: Model, @unchecked Sendable {
    static let schema = "neighbour_complaints"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    /// The complainant's lease and the complainant.
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "filed_by") var filedBy: UUID
    /// The dwelling complained about.
    @Field(key: "about_dwelling_id") var aboutDwellingID: UUID
    @Field(key: "step") var step: ComplaintStep
    /// How many steps were taken: a step's form carries the count it saw, so a form sent twice
    /// (a double click, the back button) takes one step and sends one letter.
    @Field(key: "steps_taken") var stepsTaken: Int
    /// A grave breach: a påmindelse may go out without a henstilling first.
    @Field(key: "grave") var grave: Bool
    @OptionalField(key: "henstilling_on") var henstillingOn: String?
    @OptionalField(key: "paamindelse_on") var paamindelseOn: String?
    /// The day the complainant demanded that the landlord act (ALL § 83).
    @OptionalField(key: "action_demanded_on") var actionDemandedOn: String?
    /// What the beboerklagenævn decided, and when (`NaevnOutcome`).
    @OptionalField(key: "naevn_decided_on") var naevnDecidedOn: String?
    @OptionalField(key: "naevn_outcome") var naevnOutcome: String?
    /// A caseworker's recorded decision to tell the household complained about who complained
    /// (only when the case requires it, rules.md §5): when, why, by whom.
    @OptionalField(key: "identity_disclosed_at") var identityDisclosedAt: Date?
    @OptionalField(key: "identity_disclosure_reason") var identityDisclosureReason: String?
    /// Why a caseworker judged the breach grave, when, and who (`AddComplaintGraveReason`).
    @OptionalField(key: "grave_reason") var graveReason: String?
    @OptionalField(key: "grave_at") var graveAt: Date?
    @OptionalField(key: "identity_disclosed_by") var identityDisclosedBy: UUID?
    /// The day the case went to the beboerklagenævn (its deadlines run from it).
    @OptionalField(key: "naevn_on") var naevnOn: String?
    /// The day of the opsigelse or ophævelse, and what an opsigelse stated: the end of the lease,
    /// the tenants' deadline to object, and the landlord's to sue should they (`AddComplaintCourtSteps`).
    @OptionalField(key: "sanction_on") var sanctionOn: String?
    @OptionalField(key: "termination_ends_on") var terminationEndsOn: String?
    @OptionalField(key: "objection_by") var objectionBy: String?
    @OptionalField(key: "court_by") var courtBy: String?
    /// The form's one-time token: the same form sent twice makes one complaint.
    @Field(key: "submission_token") var submissionToken: String
    /// The link the complainant shares with neighbours who will co-sign (a secret, not an id).
    @Field(key: "cosign_token") var cosignToken: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One episode of a complaint: when it happened, what happened, who saw it.
final class ComplaintEpisode: Model, @unchecked Sendable {
    static let schema = "complaint_episodes"

    @ID(key: .id) var id: UUID?
    @Field(key: "complaint_id") var complaintID: UUID
    /// The day it happened (ISO), and the time of day as the resident wrote it ("ca. 23.30").
    @Field(key: "occurred_on") var occurredOn: String
    @Field(key: "time_of_day") var timeOfDay: String
    @Field(key: "description") var description: String
    @Field(key: "witnesses") var witnesses: String
    @OptionalField(key: "reported_by") var reportedBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A resident of another household in the department who signed the complaint with MitID
/// (medunderskriver), with what they saw themselves.
final class ComplaintCosigner: Model, @unchecked Sendable {
    static let schema = "complaint_cosigners"

    @ID(key: .id) var id: UUID?
    @Field(key: "complaint_id") var complaintID: UUID
    @Field(key: "person_id") var personID: UUID
    /// The co-signer's own tenancy, in the same department.
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "statement") var statement: String
    @Field(key: "signed_at") var signedAt: Date

    init() {}
}

struct CreateNeighbourComplaints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NeighbourComplaint.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("filed_by", .uuid, .required, .references(Person.schema, "id"))
            .field("about_dwelling_id", .uuid, .required, .references(Dwelling.schema, "id"))
            .field("step", .string, .required)
            .field("steps_taken", .int, .required)
            .field("grave", .bool, .required)
            .field("henstilling_on", .string)
            .field("paamindelse_on", .string)
            .field("action_demanded_on", .string)
            .field("naevn_decided_on", .string)
            .field("naevn_outcome", .string)
            .field("identity_disclosed_at", .datetime)
            .field("identity_disclosure_reason", .string)
            .field("identity_disclosed_by", .uuid, .references(StaffUser.schema, "id"))
            .field("submission_token", .string, .required)
            .field("cosign_token", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "case_id")
            .unique(on: "submission_token")
            .unique(on: "cosign_token")
            .create()
        try await database.schema(ComplaintCosigner.schema)
            .id()
            .field("complaint_id", .uuid, .required, .references(NeighbourComplaint.schema, "id"))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("statement", .string, .required)
            .field("signed_at", .datetime, .required)
            .unique(on: "complaint_id", "person_id")
            .create()
        try await database.schema(ComplaintEpisode.schema)
            .id()
            .field("complaint_id", .uuid, .required, .references(NeighbourComplaint.schema, "id"))
            .field("occurred_on", .string, .required)
            .field("time_of_day", .string, .required)
            .field("description", .string, .required)
            .field("witnesses", .string, .required)
            .field("reported_by", .uuid, .references(Person.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await SchemaIndex.create(
            "complaint_episodes_complaint",
            on: ComplaintEpisode.schema,
            columns: ["complaint_id", "occurred_on"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ComplaintCosigner.schema).delete()
        try await database.schema(ComplaintEpisode.schema).delete()
        try await database.schema(NeighbourComplaint.schema).delete()
    }
}

/// A caseworker's recorded judgement that a breach is grave (violence, threats, serious
/// harassment), which lets a påmindelse go out without a henstilling first.
struct AddComplaintGraveReason: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema(NeighbourComplaint.schema).field("grave_reason", .string).update()
        try await database.schema(NeighbourComplaint.schema).field("grave_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NeighbourComplaint.schema).deleteField("grave_at").update()
        try await database.schema(NeighbourComplaint.schema).deleteField("grave_reason").update()
    }
}

/// What the household complained about answered in the portal (its side of the case, or an
/// objection to a termination). Staff and the evidence bundle see it; the complainant never does.
final class ComplaintReply: Model, @unchecked Sendable {
    static let schema = "complaint_replies"

    @ID(key: .id) var id: UUID?
    @Field(key: "complaint_id") var complaintID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "text") var text: String
    /// The form's one-time token: the same answer sent twice is kept once.
    @Field(key: "submission_token") var submissionToken: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The steps after a påmindelse kept on the complaint (the nævn, an opsigelse or ophævelse and
/// the dates an opsigelse stated), the household's replies, and each organisation's window for a
/// repeated complaint.
struct AddComplaintCourtSteps: AsyncMigration {
    static let columns = ["naevn_on", "sanction_on", "termination_ends_on", "objection_by", "court_by"]

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        for column in Self.columns {
            try await database.schema(NeighbourComplaint.schema).field(.string(column), .string).update()
        }
        // An organisation's window for a repeated complaint: 3 months until it chooses.
        try await database.schema(HousingOrganisation.schema)
            .field("complaint_repeat_months", .int, .required, .sql(.default(3))).update()
        try await database.schema(ComplaintReply.schema)
            .id()
            .field("complaint_id", .uuid, .required, .references(NeighbourComplaint.schema, "id"))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("text", .string, .required)
            .field("submission_token", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "submission_token")
            .create()
        try await SchemaIndex.create(
            "complaint_replies_complaint",
            on: ComplaintReply.schema,
            columns: ["complaint_id", "created_at"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ComplaintReply.schema).delete()
        try await database.schema(HousingOrganisation.schema).deleteField("complaint_repeat_months").update()
        for column in Self.columns.reversed() {
            try await database.schema(NeighbourComplaint.schema).deleteField(.string(column)).update()
        }
    }
}
