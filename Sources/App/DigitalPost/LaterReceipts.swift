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
                logger.error("Digital Post: pulling receipts failed", metadata: ["connection": "\(mailbox.name)", "error": "\(error)"])
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

    /// Records one receipt; false when it changes nothing (unknown letter, or already known).
    @discardableResult
    func apply(_ receipt: NgDPReceipt) async throws -> Bool {
        let uuid = receipt.messageUUID.uuidString.lowercased()
        let now = dependencies.now()
        let eventID = dependencies.uuid()
        return try await database.transaction { db in
            guard let letter = try await DigitalPostLetter.query(on: db).filter(\.$messageUUID == uuid).first() else { return false }
            let letterID = try letter.requireID()
            let status = receipt.receiptStatus
            // Only a letter that NgDP has and that has no final receipt yet can change.
            guard letter.status == .sent, letter.receiptStatus != "COMPLETED" else { return false }
            let detail = "Later receipt \(status), transmission \(receipt.transmissionId.uuidString.lowercased())"
            switch status {
            case .completed:
                letter.receiptStatus = "COMPLETED"
                letter.receiptAt = receipt.timeStamp
            case .invalid, .notAllowed:
                letter.receiptStatus = "\(status)"
                letter.status = .failed
                letter.lastError = receipt.errorCode
            case .received, .unknown:
                return false
            }
            try await letter.update(on: db)
            try await DigitalPostLetterEvent(id: eventID, letterID: letterID, at: now, event: "receipt", detail: detail).create(on: db)
            try await LetterProgress.receiptArrived(
                outboxID: letterID, completed: status == .completed, at: receipt.timeStamp, detail: detail, on: db, dependencies: dependencies
            )
            return true
        }
    }
}

extension Application {
    /// Later receipts over every configured connection.
    var laterReceipts: LaterReceipts {
        LaterReceipts(database: db, connections: digitalPostConnections, dependencies: dependencies, logger: logger)
    }
}
