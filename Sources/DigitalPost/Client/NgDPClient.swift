import Foundation
import MeMo

/// The operations Almen uses of Næste generation Digital Post (NgDP), the national Digital Post
/// service, as a public sender (offentlig afsender) with a receiving system (modtagesystem).
///
/// The outbox, the registration look-up and the receiving poller depend on this protocol only, so
/// their tests use a fake; `HTTPNgDPClient` is the live implementation (digital-post.md,
/// "Transport"). Every operation throws only `NgDPError`, whose `isTransient` tells retry from
/// permanent failure.
///
/// UUIDs are written as Foundation's `uuidString` (upper case, as in the official MeMo examples)
/// and read in either case.
public protocol NgDPClient: Sendable {
    /// Closes the client's connections; it is not used again.
    func shutdown() async

    /// Sends one MeMo message (`POST memos/?memo-message-uuid=`). `messageUUID` must be the
    /// letter's `MessageHeader.messageUUID`, created once and reused on every retry of the letter.
    func send(memo: Data, messageUUID: UUID) async throws(NgDPError) -> NgDPReceipt

    /// One page of the ids of receipts (kvitteringer) waiting to be pulled (`GET receipts/`).
    func receipts(page: Int, size: Int) async throws(NgDPError) -> NgDPReceiptPage

    /// One receipt (`GET receipts/{id}`); with `delete`, NgDP removes it once it has been read.
    func receipt(id: String, delete: Bool) async throws(NgDPError) -> NgDPReceipt

    /// Removes a receipt that has been stored (`DELETE receipts/{id}`).
    func deleteReceipt(id: String) async throws(NgDPError)

    /// Whether a person (by CPR-nummer, ten digits) receives Digital Post (`GET contacts/`).
    func lookup(cpr: String) async throws(NgDPError) -> NgDPRegistration

    /// One page of the UUIDs of messages sent to the organisation (`GET memos/`).
    func incoming(page: Int, size: Int) async throws(NgDPError) -> NgDPIncomingPage

    /// The MeMo XML of one incoming message (`GET memos/{uuid}`), unparsed: it is untrusted.
    func fetchIncoming(_ messageUUID: UUID) async throws(NgDPError) -> Data

    /// The business receipt (forretningskvittering) for an incoming message
    /// (`POST memos/{uuid}/receipt`), sent once the message is stored durably.
    func acknowledgeIncoming(
        _ messageUUID: UUID,
        status: NgDPIncomingStatus,
        transmissionID: UUID,
        at timeStamp: Date
    ) async throws(NgDPError)

    /// Removes an incoming message from NgDP once it is stored and acknowledged (`DELETE memos/{uuid}`).
    func deleteIncoming(_ messageUUID: UUID) async throws(NgDPError)
}

extension NgDPClient {
    /// Nothing to close (a client that holds no connections, such as a test's).
    public func shutdown() async {}
}
