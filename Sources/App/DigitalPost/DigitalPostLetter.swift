import DigitalPost
import Fluent
import Foundation
import SQLKit

/// A letter in the Digital Post outbox (udbakke): written in the same transaction as the change
/// that caused it, with the job that sends it. Its `messageUUID` is made once, stored before the first
/// attempt and reused on every retry, so NgDP can recognise a repeat (digital-post.md).
final class DigitalPostLetter: Model, @unchecked Sendable {
    static let schema = "digital_post_letters"

    @ID(key: .id) var id: UUID?
    @Field(key: "message_uuid") var messageUUID: String
    @Parent(key: "organisation_id") var organisation: HousingOrganisation
    @Parent(key: "recipient_person_id") var recipient: Person
    @Field(key: "label") var label: String
    @Field(key: "document") var document: Data
    @Field(key: "document_filename") var documentFilename: String
    @Field(key: "document_mime") var documentMIME: String
    @Field(key: "mandatory") var mandatory: Bool
    @Field(key: "legal_notification") var legalNotification: Bool
    @Field(key: "status") var status: DigitalPostLetterStatus
    /// Attempts so far; the job (`JobKind.sendDigitalPost`) holds the lease and the next try.
    @Field(key: "attempts") var attempts: Int
    /// The recipient's registration at NgDP and when it was looked up: the evidence for the channel.
    @OptionalField(key: "registration_status") var registrationStatus: String?
    @OptionalField(key: "registration_checked_at") var registrationCheckedAt: Date?
    @OptionalField(key: "receipt_status") var receiptStatus: NgDPReceiptStatus?
    @OptionalField(key: "transmission_id") var transmissionID: String?
    /// When NgDP says the letter was available in the mailbox (kommet frem).
    @OptionalField(key: "receipt_at") var receiptAt: Date?
    @OptionalField(key: "last_error") var lastError: String?
    /// A final receipt (COMPLETED, INVALID, NOT_ALLOWED) that came before the send was recorded:
    /// applied when it is (`DigitalPostSender.finish`).
    @OptionalField(key: "early_receipt_status") var earlyReceiptStatus: NgDPReceiptStatus?
    @OptionalField(key: "early_receipt_at") var earlyReceiptAt: Date?
    @OptionalField(key: "early_receipt_error") var earlyReceiptError: String?
    /// The messageUUID of the resident's message this letter answers: its MeMo's ReplyData, so
    /// the recipient's mailbox threads the answer with their message.
    @OptionalField(key: "reply_to_message_uuid") var replyToMessageUUID: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(
        id: UUID,
        messageUUID: UUID,
        organisationID: UUID,
        recipientID: UUID,
        label: String,
        document: Data,
        filename: String,
        mime: String,
        mandatory: Bool,
        legalNotification: Bool,
        now: Date
    ) {
        self.id = id
        self.messageUUID = messageUUID.lowercasedString
        self.$organisation.id = organisationID
        self.$recipient.id = recipientID
        self.label = label
        self.document = document
        self.documentFilename = filename
        self.documentMIME = mime
        self.mandatory = mandatory
        self.legalNotification = legalNotification
        self.status = .queued
        self.attempts = 0
        self.createdAt = now
    }
}

extension DigitalPostLetter {
    /// Records a final receipt: COMPLETED gives the arrival (kommet frem); INVALID and NOT_ALLOWED
    /// stop the letter for a caseworker.
    func applyFinalReceipt(_ receiptStatus: NgDPReceiptStatus, at: Date, error: String?) {
        self.receiptStatus = receiptStatus
        if receiptStatus == .completed {
            receiptAt = at
        } else {
            status = .failed
            lastError = error
        }
    }

    /// Locks the letter's row until the transaction ends (PostgreSQL; SQLite has one writer).
    static func lock(messageUUID: String, on database: any Database) async throws {
        try await lock(where: "message_uuid", equals: messageUUID, on: database)
    }

    static func lock(id: UUID, on database: any Database) async throws {
        try await lock(where: "id", equals: id, on: database)
    }

    private static func lock(
        where column: String,
        equals value: some Encodable & Sendable,
        on database: any Database
    ) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM digital_post_letters WHERE \(ident: column) = \(bind: value) FOR UPDATE")
            .run()
    }
}

/// Where a letter is in the outbox.
enum DigitalPostLetterStatus: String, Codable, Sendable, CaseIterable {
    case queued
    /// A worker is sending it now.
    case sending
    /// A transient failure; its job tries again after a back-off.
    case retrying
    /// NgDP received it (receipt RECEIVED or COMPLETED).
    case sent
    /// Not for Digital Post (not connected, not registered, no CPR): goes to print.
    case physical
    /// Refused for good (invalid, not allowed, too many attempts): a caseworker must act.
    case failed

    /// Not yet sent, put on paper or failed.
    static let onItsWay: [Self] = [.queued, .sending, .retrying]
}
