import Foundation

extension NgDPWire {
    /// The business receipt on an incoming message, the body of `POST memos/{uuid}/receipt`.
    struct Acknowledgement: Encodable {
        var messageUUID: String
        var transmissionId: String
        var timeStamp: String
        var receiptStatus: String

        init(messageUUID: UUID, transmissionID: UUID, timeStamp: Date, status: NgDPIncomingStatus) {
            self.messageUUID = messageUUID.uuidString
            self.transmissionId = transmissionID.uuidString
            self.timeStamp = NgDPTimestamp.string(from: timeStamp)
            self.receiptStatus = status.rawValue
        }

        /// Sorted keys, so the same receipt is always the same bytes.
        func json() -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            // Encoding four strings cannot fail; an empty body sent by mistake would be worse.
            return try! encoder.encode(self)
        }
    }
}
