import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// A meeting of resident democracy: a department meeting (afdelingsmøde), ordinary or
/// extraordinary, or a meeting of the organisation's representative body (repræsentantskab).
/// Its deadlines are worked out from its day when it is called (rules.md §6) and kept with it.
final class Meeting: Model, @unchecked Sendable {
    static let schema = "meetings"

    @ID(key: .id) var id: UUID?
    @Field(key: "body") var body: MeetingBody
    @Field(key: "kind") var kind: MeetingKind
    @Field(key: "organisation_id") var organisationID: UUID
    /// The department, for a department meeting; nil for the representative body.
    @OptionalField(key: "department_id") var departmentID: UUID?
    /// The day (ISO), and the time as written on the notice ("19.00").
    @Field(key: "held_on") var heldOn: String
    @Field(key: "starts_at") var startsAt: String
    @Field(key: "place") var place: String
    /// The agenda's items, in order, as a JSON array of strings.
    @Field(key: "agenda") var agendaJSON: String
    @Field(key: "notice_by") var noticeBy: String
    @Field(key: "proposals_by") var proposalsBy: String
    @Field(key: "minutes_by") var minutesBy: String
    @Field(key: "votes_per_household") var votesPerHousehold: Int
    /// The bulk run that sends the notice, once a caseworker has made it.
    @OptionalField(key: "notice_run_id") var noticeRunID: UUID?
    /// The minutes as staff wrote them, and the published PDF.
    @OptionalField(key: "minutes") var minutes: String?
    @OptionalField(key: "minutes_pdf") var minutesPDF: Data?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "published_by") var publishedBy: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    /// Aflyst: when, why, and the bulk run that tells the households (when the notice had gone).
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?
    @OptionalField(key: "cancel_reason") var cancelReason: String?
    @OptionalField(key: "cancellation_run_id") var cancellationRunID: UUID?

    init() {}

    static func encodeAgenda(_ items: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(items)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

/// Whose meeting it is.
enum MeetingBody: String, Codable, CaseIterable, Sendable {
    /// Afdelingsmøde: every household of the department.
    case department
    /// Repræsentantskabsmøde: the organisation's supreme authority.
    case representatives
}

/// Ordinary (the yearly meeting) or extraordinary (ekstraordinært).
enum MeetingKind: String, Codable, CaseIterable, Sendable {
    case ordinary
    case extraordinary
}

/// A resident's proposal for a department meeting (forslag), published with the proposer's name,
/// and the votes it got at the meeting.
final class MeetingProposal: Model, @unchecked Sendable {
    static let schema = "meeting_proposals"

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "title") var title: String
    @Field(key: "text") var text: String
    @Field(key: "submitted_at") var submittedAt: Date
    @OptionalField(key: "votes_for") var votesFor: Int?
    @OptionalField(key: "votes_against") var votesAgainst: Int?
    @OptionalField(key: "votes_blank") var votesBlank: Int?

    init() {}
}

/// A resident's registration (tilmelding) for a department meeting: one per person.
final class MeetingRegistration: Model, @unchecked Sendable {
    static let schema = "meeting_registrations"

    @ID(key: .id) var id: UUID?
    @Field(key: "meeting_id") var meetingID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "registered_at") var registeredAt: Date

    init() {}
}

/// A household's request for an extraordinary department meeting, made with MitID: one per
/// household and department, until a meeting is called (then the requests are used up).
final class ExtraordinaryMeetingRequest: Model, @unchecked Sendable {
    static let schema = "extraordinary_meeting_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "department_id") var departmentID: UUID
    @Field(key: "lease_id") var leaseID: UUID
    @Field(key: "person_id") var personID: UUID
    /// What the meeting should deal with, as the household wrote it.
    @Field(key: "topic") var topic: String
    @Field(key: "requested_at") var requestedAt: Date

    init() {}
}

struct CreateMeetings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Meeting.schema)
            .id()
            .field("body", .string, .required)
            .field("kind", .string, .required)
            .field("organisation_id", .uuid, .required, .references(HousingOrganisation.schema, "id"))
            .field("department_id", .uuid, .references(Department.schema, "id"))
            .field("held_on", .string, .required)
            .field("starts_at", .string, .required)
            .field("place", .string, .required)
            .field("agenda", .string, .required)
            .field("notice_by", .string, .required)
            .field("proposals_by", .string, .required)
            .field("minutes_by", .string, .required)
            .field("votes_per_household", .int, .required)
            .field("notice_run_id", .uuid, .references(BulkRun.schema, "id"))
            .field("minutes", .string)
            .field("minutes_pdf", .data)
            .field("published_at", .datetime)
            .field("published_by", .uuid, .references(StaffUser.schema, "id"))
            .field("created_by", .uuid, .references(StaffUser.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("cancelled_at", .datetime)
            .field("cancel_reason", .string)
            .field("cancellation_run_id", .uuid, .references(BulkRun.schema, "id"))
            .unique(on: "notice_run_id")
            .create()
        try await database.schema(MeetingProposal.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("title", .string, .required)
            .field("text", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("votes_for", .int)
            .field("votes_against", .int)
            .field("votes_blank", .int)
            // Hidden by staff (offensive or not a proposal), with the reason; never shown to residents.
            .field("hidden_at", .datetime)
            .field("hidden_reason", .string)
            // Sent twice (a double click, two tabs): one proposal.
            .unique(on: "meeting_id", "person_id", "title")
            .create()
        try await database.schema(MeetingRegistration.schema)
            .id()
            .field("meeting_id", .uuid, .required, .references(Meeting.schema, "id"))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("registered_at", .datetime, .required)
            .unique(on: "meeting_id", "person_id")
            .create()
        try await database.schema(ExtraordinaryMeetingRequest.schema)
            .id()
            .field("department_id", .uuid, .required, .references(Department.schema, "id"))
            .field("lease_id", .uuid, .required, .references(Lease.schema, "id"))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("topic", .string, .required)
            .field("requested_at", .datetime, .required)
            .unique(on: "department_id", "lease_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX meetings_department_day ON meetings (department_id, held_on)").run()
        try await sql.raw("CREATE INDEX meetings_organisation_day ON meetings (organisation_id, held_on)").run()
        try await sql.raw("CREATE INDEX meeting_proposals_meeting ON meeting_proposals (meeting_id, submitted_at)")
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ExtraordinaryMeetingRequest.schema).delete()
        try await database.schema(MeetingRegistration.schema).delete()
        try await database.schema(MeetingProposal.schema).delete()
        try await database.schema(Meeting.schema).delete()
    }
}
