import Fluent
import Foundation

/// What happened to a case besides its letters and mail (sagsforløb): closed, reopened, handed
/// to a caseworker, decided, an internal note. The case's history shows them in order with the
/// letters; a party sees those that concern them (closed, reopened, decided), never who took the
/// case or what staff noted.
final class CaseEvent: Model, @unchecked Sendable {
    static let schema = "case_events"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case closed
        case reopened
        /// Handed to `staffID`, or to nobody when it is nil.
        case assigned
        /// Decided, with the outcome in `detail`.
        case decided
        /// Closed because the tenant stopped their notice before the co-tenants signed.
        case stopped
        /// An internal note by staff, its text in `detail`.
        case note
        /// Closed because what the påkrav demanded was paid (the daily arrears run).
        case paid
        /// The municipality was sent its notice (`MunicipalityNotice`), its name in `detail`.
        case municipalityNotified = "municipality_notified"
        /// The swap's other landlord outside Almen was sent a letter asking for its answer
        /// (`SwapLandlordLetter`), its name in `detail`.
        case landlordWritten = "landlord_written"
        /// A neighbour complaint moved on, its new `ComplaintStep` in `detail`.
        case complaintStep = "complaint_step"
        /// The complainant demanded that the landlord act (ALL § 83).
        case actionDemanded = "action_demanded"
        /// The beboerklagenævn decided, its `NaevnOutcome` in `detail`.
        case naevnDecided = "naevn_decided"
        /// The sub-tenant signed an application to let the whole home, their name in `detail`.
        case subtenantSigned = "subtenant_signed"
        /// The other tenant signed an application to swap homes, their name in `detail`.
        case swapSigned = "swap_signed"
        /// The other landlord's answer to a swap was recorded, "yes" or "no" in `detail`.
        case landlordAnswered = "landlord_answered"
        /// A caseworker judged a complaint's breach grave, the reason in `detail` (staff only).
        case complaintGrave = "complaint_grave"
        /// The household complained about answered (`ComplaintReply`; staff only: the complainant
        /// is a party too).
        case complaintReplied = "complaint_replied"
        /// A caseworker registered the notice an estate (or an authority) gave after the tenant's
        /// death (`EstateNoticeController`).
        case estateNotice = "estate_notice"
        /// The municipality's part in a swap into special housing was recorded, the
        /// `MunicipalityConsent` in `detail`.
        case municipalityConsent = "municipality_consent"
        /// A co-tenant signed the application to let the whole home or swap it, their name in
        /// `detail`.
        case coTenantSigned = "co_tenant_signed"
        /// A caseworker registered that a co-tenant died and came off the lease
        /// (`CoTenantDeathController`), their name in `detail`.
        case coTenantDied = "co_tenant_died"
        /// A caseworker put incoming mail that answered none of our letters on the case
        /// (`IncomingMessageController.attach`), its subject in `detail` (staff only).
        case mailAdded = "mail_added"
        /// A caseworker moved incoming mail from this case to another, its number in `detail`
        /// (staff only).
        case mailMoved = "mail_moved"

        /// What only staff see in the history: who took the case, the notes, a complainant's
        /// demand for action (the complainant's card says it; the other household must not), and
        /// why a breach was judged grave, and the other household's answers, and whether a
        /// newcomer meets special housing's conditions (which may touch on their health).
        static let staffOnly: [Kind] = [
            .assigned, .note, .actionDemanded, .complaintGrave, .complaintReplied, .municipalityConsent, .mailAdded,
            .mailMoved,
        ]
    }

    /// The longest internal note.
    static let maxNote = 5000

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "kind") var kind: Kind
    @Field(key: "at") var at: Date
    /// Who did it: a member of staff; nil for a resident or the system.
    @OptionalField(key: "by_staff_id") var byStaffID: UUID?
    /// The caseworker a case was handed to.
    @OptionalField(key: "staff_id") var staffID: UUID?
    @OptionalField(key: "detail") var detail: String?

    init() {}

    init(id: UUID, caseID: UUID, kind: Kind, at: Date, by: UUID?, staffID: UUID? = nil, detail: String? = nil) {
        self.id = id
        self.caseID = caseID
        self.kind = kind
        self.at = at
        self.byStaffID = by
        self.staffID = staffID
        self.detail = detail
    }
}

struct CreateCaseEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseEvent.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("kind", .string, .required)
            .field("at", .datetime, .required)
            .field("by_staff_id", .uuid, .references(StaffUser.schema, "id"))
            .field("staff_id", .uuid, .references(StaffUser.schema, "id"))
            .field("detail", .string)
            .create()
        try await SchemaIndex.create(
            "case_events_case",
            on: CaseEvent.schema,
            columns: ["case_id", "at"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseEvent.schema).delete()
    }
}
