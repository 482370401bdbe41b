import AlmenDomain
import DigitalPost
import Fluent
import Foundation
import Letters
import MeMo
import SQLKit
import Vapor

/// Sends a notice to the municipality (the handler of `JobKind.sendMunicipalityNotice`, one job
/// per notice): typeset to the address the register of municipalities has for it, then by Digital
/// Post to its CVR number, or into the print queue when the organisation cannot send digitally or
/// Digital Post refuses it. A municipality missing from the register leaves the notice for a
/// caseworker. A letter to a recipient it names (the swap's other landlord) goes the same way to
/// the address and CVR number on it, and on paper when it has no CVR number.
///
/// Like a resident's letter, the notice keeps one messageUUID on every attempt, so NgDP delivers
/// it once however often the job runs, and an outcome is recorded only while this worker still
/// holds the job.
struct MunicipalityNoticeSender: Sendable {
    let database: any Database
    let connections: DigitalPostConnections
    let letters: LetterService
    let dependencies: AppDependencies
    let logger: Logger

    /// A transient failure: the runner tries again (never sooner than NgDP's Retry-After).
    typealias Retry = DigitalPostSender.Retry

    /// Where the job leaves the notice.
    enum Outcome: Equatable {
        case notInRegister
        /// Almen cannot send it (a notice made before notices were sent): a caseworker does.
        case byHand
        case sent(arrival: LocalDate?, transmission: String?)
        case print
        /// Digital Post may have it (an earlier attempt reached it), and now cannot be used or
        /// refuses: a caseworker decides rather than Almen sending it twice.
        case failed
    }

    func send(_ context: JobContext) async throws {
        let noticeID = try context.payload(as: MunicipalityNoticeJob.self).notice
        guard let notice = try await MunicipalityNotice.find(noticeID, on: database), notice.status == .queued else {
            return
        }
        guard let text = notice.text, let messageUUID = notice.messageUUID.flatMap(UUID.init(uuidString:)),
            let caseFile = try await CaseFile.find(notice.caseID, on: database),
            let organisation = try await HousingOrganisation.find(caseFile.$organisation.id, on: database)
        else { return try await record(notice, .byHand, context: context) }
        // A letter names its recipient; a notice finds the municipality in the register.
        let recipient = notice.recipient
        let municipality =
            recipient == nil
            ? try await Municipality.query(on: database).filter(\.$name == notice.municipality).first() : nil
        // Without the register's address the letter names the municipality only: a caseworker
        // sends it (the PDF is on the case).
        let envelope =
            recipient?.envelope ?? municipality?.envelope
            ?? PostalAddress(name: Municipality.title(notice.municipality), lines: [])
        let (document, rendered) = try await letters.composeDocumentToOrganisation(
            text.letter,
            to: envelope,
            from: try organisation.requireID()
        )
        notice.pdf = rendered.pdf
        notice.documentJSON = try JSONEncoder().encode(document)
        let addressee: (cvr: String, label: String)
        if let recipient {
            // Without a CVR number there is no business mailbox to send to: on paper.
            guard let cvr = recipient.cvr else { return try await record(notice, .print, context: context) }
            addressee = (cvr, recipient.name)
        } else if let municipality {
            addressee = (municipality.cvr, Municipality.title(municipality.name))
        } else {
            return try await record(notice, .notInRegister, context: context)
        }
        // A final receipt came while the notice waited for another attempt: NgDP has it, and it is
        // recorded as sent (or, refused, sent on paper) without sending it again.
        if notice.earlyReceiptStatus != nil {
            return try await record(notice, .sent(arrival: nil, transmission: nil), context: context)
        }
        // Whether an earlier attempt may have reached NgDP: then it never goes on paper by itself.
        let attempted = notice.channel == .digitalPost
        let client: (any NgDPClient)?
        do {
            client = try await connections.client(for: organisation, on: database)
        } catch is DigitalPostConnections.Unusable {
            // Its own connection must be entered again.
            client = nil
        }
        guard let client else { return try await record(notice, attempted ? .failed : .print, context: context) }
        let memo = MeMoWriter.write(
            try await message(
                notice,
                messageUUID: messageUUID,
                to: addressee,
                from: organisation,
                client: client,
                pdf: rendered.pdf,
                caseNumber: caseFile.number
            )
        )
        // The letter and the mark that Digital Post is tried are saved before it is: a notice
        // that ends with a caseworker has its PDF, and is never also sent on paper by itself.
        guard try await mark(notice, context: context) else { return }
        do {
            let receipt = try await client.send(memo: memo, messageUUID: messageUUID)
            let transmission = receipt.transmissionId.lowercasedString
            switch receipt.receiptStatus {
            case .received:
                try await record(notice, .sent(arrival: nil, transmission: transmission), context: context)
            case .completed:
                try await record(
                    notice,
                    .sent(arrival: LocalDate(receipt.timeStamp, timeZone: danishTimeZone), transmission: transmission),
                    context: context
                )
            default:
                // NgDP will not deliver it to that CVR number (and has not): on paper instead.
                logger.warning(
                    "Digital Post refused a letter to an organisation; it goes on paper",
                    metadata: ["notice": "\(noticeID)", "receipt": "\(receipt.receiptStatus.rawValue)"]
                )
                try await record(notice, .print, context: context)
            }
        } catch let error as NgDPError {
            switch error {
            case .conflict, .acceptedWithoutReceipt:
                // NgDP has this messageUUID already: an earlier attempt got through.
                try await record(notice, .sent(arrival: nil, transmission: nil), context: context)
            case .unavailable(let after):
                throw Retry(retryAfter: after.map { TimeInterval($0.components.seconds) })
            case _ where error.isTransient:
                throw Retry(retryAfter: nil)
            default:
                // Refused as it is (a CVR number NgDP does not know, a rule of the message). On
                // paper, unless an earlier attempt may have got through.
                logger.warning(
                    "Digital Post did not take a letter to an organisation",
                    metadata: ["notice": "\(noticeID)", "error": "\(error.description)", "attempted": "\(attempted)"]
                )
                try await record(notice, attempted ? .failed : .print, context: context)
            }
        }
    }

    /// Every attempt failed (NgDP did not answer): a caseworker sends it. It may have arrived, so
    /// Almen does not send it again on paper by itself.
    func gaveUp(_ context: JobContext) async throws {
        let noticeID = try context.payload(as: MunicipalityNoticeJob.self).notice
        // Unless a receipt came meanwhile that says it arrived: then it is sent.
        let completed = NgDPReceiptStatus.completed.rawValue
        try await database.sql().raw(
            """
            UPDATE municipality_notices SET
              status = CASE WHEN early_receipt_status = \(bind: completed)
                THEN \(bind: MunicipalityNotice.Status.sent.rawValue) ELSE \(bind: MunicipalityNotice.Status.failed.rawValue) END,
              sent_at = CASE WHEN early_receipt_status = \(bind: completed) THEN \(bind: dependencies.now()) ELSE sent_at END
            WHERE id = \(bind: noticeID) AND status = \(bind: MunicipalityNotice.Status.queued.rawValue)
            """
        ).run()
    }

    /// Saves the typeset letter and that Digital Post is being tried, while this worker holds the
    /// job; false when it no longer does.
    private func mark(_ notice: MunicipalityNotice, context: JobContext) async throws -> Bool {
        let noticeID = try notice.requireID()
        let (pdf, document) = (notice.pdf, notice.documentJSON)
        let held = try await database.transaction { db -> Bool in
            guard try await context.stillHeld(on: db) else { return false }
            // Locked, so a swap letter cancelled meanwhile is not sent, nor one sent cancelled.
            try await MunicipalityNotice.lock(where: "id", equals: noticeID, on: db)
            guard
                let current = try await MunicipalityNotice.query(on: db).filter(\.$id == noticeID)
                    .filter(\.$status == .queued).first()
            else { return false }
            current.pdf = pdf
            current.documentJSON = document
            current.channel = .digitalPost
            try await current.update(on: db)
            return true
        }
        notice.channel = .digitalPost
        return held
    }

    /// Saves the notice's new state, only while this worker holds the job and the notice is still
    /// queued; a notice sent is an event on its case.
    private func record(_ notice: MunicipalityNotice, _ outcome: Outcome, context: JobContext) async throws {
        let now = dependencies.now()
        let noticeID = try notice.requireID()
        let dependencies = self.dependencies
        let again = try await database.transaction { db -> Bool in
            guard try await context.stillHeld(on: db) else { return false }
            // A receipt arriving now waits, then finds the notice recorded.
            try await MunicipalityNotice.lock(where: "id", equals: noticeID, on: db)
            guard
                let current = try await MunicipalityNotice.query(on: db).filter(\.$id == noticeID)
                    .filter(\.$status == .queued).first()
            else { return false }
            if !notice.pdf.isEmpty {
                current.pdf = notice.pdf
                current.documentJSON = notice.documentJSON
            }
            switch outcome {
            case .notInRegister:
                // An administrator added the municipality meanwhile (the save found the notice
                // still queued, so did not queue it again): this job tries again.
                if try await Municipality.query(on: db).filter(\.$name == current.municipality).count() > 0 {
                    return true
                }
                current.status = .notInRegister
            case .byHand:
                current.status = .byHand
            case .failed:
                current.status = .failed
            case .print:
                // A swap's letter Digital Post refused after the swap moved on goes no further.
                if try await !MunicipalityNotices.stillWanted(current, on: db) {
                    current.status = .cancelled
                    break
                }
                current.status = .awaitingPrint
                current.channel = .print
            case .sent(let arrival, let transmission):
                // A refusal that came first: NgDP did not deliver it, so it goes on paper.
                if let early = current.earlyReceiptStatus.flatMap(NgDPReceiptStatus.init(rawValue:)),
                    early != .completed
                {
                    current.status = .awaitingPrint
                    current.channel = .print
                    break
                }
                current.status = .sent
                current.channel = .digitalPost
                current.sentAt = now
                current.arrival = arrival?.iso ?? current.arrival
                current.transmissionID = transmission
                try await current.sentEvent(id: dependencies.uuid(), at: now, by: nil).create(on: db)
            }
            try await current.update(on: db)
            return false
        }
        if again { throw Retry(retryAfter: nil) }
    }

    /// The MeMo: from the organisation (CVR), to the municipality or other recipient (CVR), the
    /// letter as its PDF.
    private func message(
        _ notice: MunicipalityNotice,
        messageUUID: UUID,
        to addressee: (cvr: String, label: String),
        from organisation: HousingOrganisation,
        client: any NgDPClient,
        pdf: Data,
        caseNumber: String
    ) async throws -> MeMoMessage {
        let label = String((notice.text?.subject ?? addressee.label).prefix(256))
        return MeMoMessage(
            header: MessageHeader(
                messageUUID: messageUUID.lowercasedString,
                messageID: try notice.requireID().lowercasedString,
                label: label,
                mandatory: false,
                legalNotification: false,
                postType: "MYNDIGHEDSPOST",
                sender: MeMoSender(
                    senderID: organisation.cvr,
                    label: organisation.name,
                    representative: try await connections.representative(
                        of: organisation,
                        sendingWith: client,
                        on: database
                    )
                ),
                recipient: MeMoRecipient(recipientID: addressee.cvr, idType: .cvr, label: addressee.label)
            ),
            body: MessageBody(
                createdDateTime: MeMoDateTime(notice.createdAt),
                mainDocument: MeMoMainDocument(
                    label: label,
                    files: [
                        MeMoFile(
                            encodingFormat: "application/pdf",
                            filename: "\(notice.reason.fileStem)-\(caseNumber).pdf",
                            language: "da",
                            content: pdf
                        )
                    ]
                )
            )
        )
    }
}

extension Application {
    /// Sends the notices to the municipalities with this application's connections and letters.
    var municipalityNoticeSender: MunicipalityNoticeSender {
        MunicipalityNoticeSender(
            database: db,
            connections: digitalPostConnections,
            letters: letters(),
            dependencies: dependencies,
            logger: logger
        )
    }
}
