import AlmenDomain
import Fluent
import Foundation

/// A letter (brev) the organisation sent or is sending to a resident: the business record with
/// the exact template version, the rendered PDF, the channel decision and its evidence. Digital
/// letters travel through the Digital Post outbox; physical ones through a print batch.
final class Letter: Model, @unchecked Sendable {
    static let schema = "letters"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: HousingOrganisation
    @Field(key: "kind") var kind: LetterKind
    @Parent(key: "recipient_person_id") var recipient: Person
    @OptionalParent(key: "lease_id") var lease: Lease?
    @Parent(key: "template_id") var template: LetterTemplate
    @Field(key: "subject") var subject: String
    @Field(key: "reference") var reference: String
    @Field(key: "pdf") var pdf: Data
    /// The typeset document as JSON (`LetterDocument`): print batches set it again in envelope order.
    @Field(key: "document_json") var documentJSON: Data
    @Field(key: "page_count") var pageCount: Int
    /// nil until decided (a letter that may go digitally waits for the registration look-up).
    @OptionalField(key: "channel") var channel: Channel?
    /// The `ChannelReason` raw values, comma-separated.
    @Field(key: "channel_reasons") var channelReasons: String
    /// The facts the channel was decided from when the letter was made (`ChannelFacts` as JSON),
    /// kept while it waits for the registration look-up: the transport adds NgDP's answer to
    /// them and does not gather them again.
    @OptionalField(key: "channel_facts") var channelFactsJSON: String?
    @Field(key: "status") var status: LetterStatus
    @OptionalParent(key: "digital_post_letter_id") var digitalPostLetter: DigitalPostLetter?
    @OptionalParent(key: "print_batch_id") var printBatch: PrintBatch?
    @OptionalField(key: "dispatched_at") var dispatchedAt: Date?
    /// When the letter arrived (kommet frem): the Digital Post receipt time, or the expected
    /// delivery date of a physical letter (ISO date, Danish time).
    @OptionalField(key: "arrival") var arrival: String?
    @OptionalField(key: "bulk_run_id") var bulkRunID: UUID?
    /// The case the letter was written in; a resident's reply is threaded into it.
    @OptionalParent(key: "case_id") var caseFile: CaseFile?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date
    /// When the recipient first opened it in the portal.
    @OptionalField(key: "opened_at") var openedAt: Date?
    /// Whom the envelope names, when that is not the recipient: the estate of a tenant who died
    /// (the letter belongs to the tenant's record; it went to the estate's representative).
    @OptionalField(key: "addressee") var addressee: String?
    /// The recipient's incoming message this letter answers (`AddLetterAnswersMessage`).
    @OptionalField(key: "answers_message_id") var answersMessageID: UUID?

    init() {}

    init(
        id: UUID,
        organisationID: UUID,
        kind: LetterKind,
        recipientID: UUID,
        leaseID: UUID?,
        templateID: UUID,
        subject: String,
        reference: String,
        pdf: Data,
        documentJSON: Data,
        pageCount: Int,
        createdBy: UUID?,
        bulkRunID: UUID?,
        now: Date
    ) {
        self.id = id
        self.$organisation.id = organisationID
        self.kind = kind
        self.$recipient.id = recipientID
        self.$lease.id = leaseID
        self.$template.id = templateID
        self.subject = subject
        self.reference = reference
        self.pdf = pdf
        self.documentJSON = documentJSON
        self.pageCount = pageCount
        self.channel = nil
        self.channelReasons = ""
        self.status = .awaitingChannel
        self.createdBy = createdBy
        self.bulkRunID = bulkRunID
        self.createdAt = now
    }

    /// The facts the channel is being decided from, while it waits for the look-up.
    var channelFacts: ChannelFacts? {
        get { channelFactsJSON.flatMap { try? JSONDecoder().decode(ChannelFacts.self, from: Data($0.utf8)) } }
        set {
            channelFactsJSON = newValue.flatMap { try? JSONEncoder().encode($0) }.map {
                String(decoding: $0, as: UTF8.self)
            }
        }
    }

    var reasons: [ChannelReason] {
        channelReasons.split(separator: ",").compactMap { ChannelReason(rawValue: String($0)) }
    }

    func record(_ decision: ChannelDecision) {
        channel = decision.channel
        channelReasons = decision.reasons.map(\.rawValue).joined(separator: ",")
    }
}

/// Where a letter is on its way to the resident.
enum LetterStatus: String, Codable, Sendable, CaseIterable {
    /// In the Digital Post outbox, waiting for the registration look-up.
    case awaitingChannel = "awaiting_channel"
    /// Accepted by NgDP (receipt RECEIVED); waiting for the receipt that it reached the mailbox.
    case sent
    /// Delivered to the resident's Digital Post (NgDP receipt COMPLETED).
    case delivered
    /// Physical: waiting to be put in a print batch.
    case awaitingPrint = "awaiting_print"
    /// Physical: in a print batch not yet handed to the carrier.
    case printing
    /// Physical: handed to the carrier.
    case dispatched
    /// Refused for good by NgDP: a caseworker must act.
    case failed
    /// A failed caseworker's letter written again in its case: the new letter went instead, and
    /// this one is never sent.
    case replaced
}

/// One step in a letter's history (`LetterHistory`), shown to staff.
final class LetterEvent: Model, @unchecked Sendable {
    static let schema = "letter_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "letter_id") var letter: Letter
    @Field(key: "at") var at: Date
    @Field(key: "event") var kind: LetterEventKind
    /// `LetterEventFacts` as JSON.
    @OptionalField(key: "facts") var factsJSON: String?
    /// The text of an event from before the history was typed (`LetterEventKind.note`); empty
    /// for the others.
    @Field(key: "detail") var detail: String

    init() {}

    init(id: UUID, letterID: UUID, at: Date, kind: LetterEventKind, facts: LetterEventFacts) {
        self.id = id
        self.$letter.id = letterID
        self.at = at
        self.kind = kind
        self.factsJSON = String(decoding: (try? JSONEncoder().encode(facts)) ?? Data("{}".utf8), as: UTF8.self)
        self.detail = ""
    }

    var facts: LetterEventFacts {
        factsJSON.flatMap { try? JSONDecoder().decode(LetterEventFacts.self, from: Data($0.utf8)) }
            ?? LetterEventFacts()
    }
}

/// Whom a letter's envelope names, when not its recipient.
struct AddLetterAddressee: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Letter.schema).field("addressee", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Letter.schema).deleteField("addressee").update()
    }
}
