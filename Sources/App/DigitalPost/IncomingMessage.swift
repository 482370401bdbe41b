import Fluent
import Foundation

/// A message a citizen sent to the organisation through Digital Post, as the receiving system
/// (modtagesystem) stored it: the raw MeMo first, then what was read from it. From the moment it
/// is stored the organisation is data controller for it (rules.md section 9).
final class IncomingMessage: Model, @unchecked Sendable {
    static let schema = "incoming_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "message_uuid") var messageUUID: String
    @Field(key: "received_at") var receivedAt: Date
    /// "pull" or "push".
    @Field(key: "channel") var channel: String
    @Field(key: "xml") var xml: Data
    @Field(key: "status") var status: IncomingMessageStatus
    @OptionalField(key: "label") var label: String?
    @OptionalField(key: "problem") var problem: String?
    /// The resident who sent it, matched by the keyed hash of the sender's CPR number.
    @OptionalParent(key: "person_id") var person: Person?
    @OptionalParent(key: "organisation_id") var organisation: HousingOrganisation?
    /// Our letter this answers (ReplyData/messageUUID): the thread it belongs to.
    @OptionalParent(key: "reply_to_letter_id") var replyTo: DigitalPostLetter?
    @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?
    /// The case it belongs to: the case of the letter it answers, or one a caseworker opened for it.
    @OptionalParent(key: "case_id") var caseFile: CaseFile?
    /// The organisation's contact point (kontaktpunkt) it was addressed to, if any: which inbox it
    /// goes to when it is not a reply.
    @OptionalField(key: "contact_point") var contactPoint: String?
    /// The contact point's name as the sender's MeMo gave it ("Kommunen, Pladsanvisningen").
    @OptionalField(key: "contact_point_label") var contactPointLabel: String?

    init() {}

    init(id: UUID, messageUUID: String, receivedAt: Date, channel: String, xml: Data) {
        self.id = id
        self.messageUUID = messageUUID.lowercased()
        self.receivedAt = receivedAt
        self.channel = channel
        self.xml = xml
        self.status = .stored
    }
}

/// Whether an incoming message could be read.
enum IncomingMessageStatus: String, Codable, Sendable {
    /// Stored and parsed: business receipt COMPLETED.
    case stored
    /// Stored but not parseable as MeMo: business receipt INVALID.
    case invalid
}

/// The contact point's name beside its id, so the inbox names it rather than showing an id.
struct AddIncomingContactPointLabel: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IncomingMessage.schema).field("contact_point_label", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IncomingMessage.schema).deleteField("contact_point_label").update()
    }
}
