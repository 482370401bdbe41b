import Fluent
import Foundation

/// Puts letters in the outbox. Call it inside the transaction of the change that caused the
/// letter (transactional outbox): the letter and the job that sends it exist exactly when the
/// change does.
enum DigitalPostOutbox {
    struct Document: Sendable {
        let data: Data
        let filename: String
        let mime: String
    }

    @discardableResult
    static func enqueue(
        organisationID: UUID,
        recipientID: UUID,
        label: String,
        document: Document,
        mandatory: Bool = false,
        legalNotification: Bool = false,
        replyingTo messageUUID: String? = nil,
        on database: any Database,
        dependencies: AppDependencies
    ) async throws -> DigitalPostLetter {
        let now = dependencies.now()
        let letter = DigitalPostLetter(
            id: dependencies.uuid(),
            messageUUID: dependencies.uuid(),
            organisationID: organisationID,
            recipientID: recipientID,
            label: label,
            document: document.data,
            filename: document.filename,
            mime: document.mime,
            mandatory: mandatory,
            legalNotification: legalNotification,
            now: now
        )
        letter.replyToMessageUUID = messageUUID
        try await letter.create(on: database)
        try await JobQueue(dependencies: dependencies).enqueue(OutboxJob(letter: try letter.requireID()), on: database)
        return letter
    }
}

/// The payload of `JobKind.sendDigitalPost`: the outbox letter to send; one job per letter, ever.
struct OutboxJob: JobPayload {
    static let kind = JobKind.sendDigitalPost
    let letter: UUID

    var record: UUID { letter }
}
