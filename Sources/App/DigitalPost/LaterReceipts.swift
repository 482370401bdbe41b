import DigitalPost
import Fluent
import Foundation
import Vapor

/// Receipts that arrive after the send (digital-post.md, "Later receipts"): pulled from NgDP's
/// `receipts/` list or pushed to `/digital-post/kvittering`. Each updates its letter once: the
/// COMPLETED receipt's time is the legal arrival (kommet frem); INVALID and NOT_ALLOWED stop the
/// letter for a caseworker. A receipt is deleted upstream only after it is stored.
struct LaterReceipts: Sendable {
    let database: any Database
    let connections: DigitalPostConnections
    let dependencies: AppDependencies
    let logger: Logger

    /// Pulls every waiting receipt from every connection; returns how many were applied. A
    /// connection that fails is logged and the others still run.
    @discardableResult
    func pullAll(pageSize: Int = 100) async throws -> Int {
        var applied = 0
        for mailbox in try await connections.mailboxes(on: database, logger: logger) {
            do {
                applied += try await pull(from: mailbox.client, pageSize: pageSize)
            } catch let error as NgDPError {
                logger.error(
                    "Digital Post: pulling receipts failed",
                    metadata: ["connection": "\(mailbox.name)", "error": "\(error)"]
                )
            }
        }
        return applied
    }

    /// Pulls every receipt waiting at one connection; returns how many were applied.
    @discardableResult
    func pull(from client: any NgDPClient, pageSize: Int = 100) async throws -> Int {
        var applied = 0
        // Always page 0: each receipt handled is deleted, so the list shrinks as we go.
        for _ in 0..<1_000 {
            let page = try await client.receipts(page: 0, size: pageSize)
            if page.content.isEmpty { break }
            for id in page.content {
                let receipt = try await client.receipt(id: id, delete: false)
                if try await apply(receipt) { applied += 1 }
                try await client.deleteReceipt(id: id)
            }
            if !page.hasNextPage, page.content.count < pageSize { break }
        }
        return applied
    }

    /// Records one receipt; false when it changes nothing (unknown letter, or already known). A
    /// final receipt for a letter whose send is not recorded yet (its answer was lost, or is being
    /// saved) is kept on the letter and applied when the send is recorded, so it is never lost.
    @discardableResult
    func apply(_ receipt: NgDPReceipt) async throws -> Bool {
        try await apply(receipt, pushed: false) == .applied
    }

    /// What became of a pushed receipt.
    enum PushOutcome: Equatable {
        case applied
        /// Nothing to change: an unknown letter, a receipt already known, or not final.
        case known
        /// Not shown to be NgDP's: its transmission is not the one NgDP gave us when the letter
        /// was sent (or the send is not recorded yet). The receipt is left for the pull, which
        /// fetches it from NgDP over mutual TLS.
        case unverified
    }

    /// A receipt pushed to `/digital-post/kvittering`. The push token alone proves little (one
    /// static secret, and a COMPLETED receipt is legal evidence that a påkrav arrived), so a pushed
    /// receipt is applied only when its `transmissionId` is the one NgDP answered our send with,
    /// which only NgDP and we know.
    func applyPushed(_ receipt: NgDPReceipt) async throws -> PushOutcome {
        try await apply(receipt, pushed: true)
    }

    private func apply(_ receipt: NgDPReceipt, pushed: Bool) async throws -> PushOutcome {
        let uuid = receipt.messageUUID.lowercasedString
        let status = receipt.receiptStatus
        // RECEIVED only says NgDP has the letter, which the send's own answer says too.
        guard status.isFinal else { return .known }
        return try await database.transaction { db in
            // The sender recording the send locks the same row, so one of the two sees the other.
            try await DigitalPostLetter.lock(messageUUID: uuid, on: db)
            guard let letter = try await DigitalPostLetter.query(on: db).filter(\.$messageUUID == uuid).first() else {
                // Not a resident's letter: perhaps a notice to a municipality.
                return try await MunicipalityNotices.apply(receipt, pushed: pushed, on: db)
            }
            if pushed, letter.transmissionID != receipt.transmissionId.lowercasedString {
                return .unverified
            }
            let report: TransportReport
            switch letter.status {
            case .sent:
                guard letter.receiptStatus != .completed else { return .known }
                letter.applyFinalReceipt(status, at: receipt.timeStamp, error: receipt.errorCode)
                report =
                    status == .completed
                    ? .delivered(at: receipt.timeStamp) : .refused(status, technical: receipt.errorCode)
            case .queued, .sending, .retrying:
                guard letter.earlyReceiptStatus == nil else { return .known }
                letter.earlyReceiptStatus = status
                letter.earlyReceiptAt = receipt.timeStamp
                letter.earlyReceiptError = receipt.errorCode
                report = .receiptBeforeSend(status)
            case .failed:
                // Failed here (its attempts used up while NgDP in fact had it), yet delivered: the
                // evidence is kept and the caseworker who has the letter as a task sees it.
                guard status == .completed, letter.receiptStatus != .completed else { return .known }
                letter.receiptStatus = .completed
                letter.receiptAt = receipt.timeStamp
                report = .deliveredAfterFailing(at: receipt.timeStamp)
            case .physical:
                return .known
            }
            try await letter.update(on: db)
            try await LetterProgress.report(
                report,
                outboxID: try letter.requireID(),
                on: db,
                dependencies: dependencies
            )
            return .applied
        }
    }
}

extension Application {
    /// Later receipts over every configured connection.
    var laterReceipts: LaterReceipts {
        LaterReceipts(database: db, connections: digitalPostConnections, dependencies: dependencies, logger: logger)
    }
}
