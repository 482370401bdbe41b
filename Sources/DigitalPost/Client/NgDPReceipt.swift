import Foundation

/// A receipt (kvittering) from NgDP on one message: the answer to sending it, a later receipt
/// pulled with `receipt(id:delete:)`, or the business receipt on an incoming message.
///
/// Decoding is tolerant where NgDP may vary: UUIDs in either case, time stamps with or without
/// fractional seconds and with `Z` or an offset, unknown statuses kept as text, extra keys
/// ignored. `errorMessage` is NgDP's text and may name the recipient: store it with the letter,
/// don't log it.
public struct NgDPReceipt: Hashable, Sendable, Codable {
    /// NgDP's id of this transmission (forsendelse).
    public var transmissionId: UUID
    public var messageUUID: UUID
    /// The sender's own `messageID`, when the message had one.
    public var messageId: String?
    public var errorCode: String?
    public var errorMessage: String?
    public var timeStamp: Date
    public var receiptStatus: NgDPReceiptStatus

    public init(
        transmissionId: UUID,
        messageUUID: UUID,
        messageId: String? = nil,
        errorCode: String? = nil,
        errorMessage: String? = nil,
        timeStamp: Date,
        receiptStatus: NgDPReceiptStatus
    ) {
        self.transmissionId = transmissionId
        self.messageUUID = messageUUID
        self.messageId = messageId
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.timeStamp = timeStamp
        self.receiptStatus = receiptStatus
    }

    enum CodingKeys: String, CodingKey {
        case transmissionId, messageUUID, messageId, errorCode, errorMessage, timeStamp, receiptStatus
    }

    // Written by hand so the result does not depend on the decoder's date and UUID strategies.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        transmissionId = try container.decodeUUID(forKey: .transmissionId)
        messageUUID = try container.decodeUUID(forKey: .messageUUID)
        messageId = try container.decodeIfPresent(String.self, forKey: .messageId)
        errorCode = try container.decodeIfPresent(String.self, forKey: .errorCode)
        errorMessage = try container.decodeIfPresent(String.self, forKey: .errorMessage)
        let text = try container.decode(String.self, forKey: .timeStamp)
        guard let date = NgDPTimestamp.date(from: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeStamp,
                in: container,
                debugDescription: "Not an ISO 8601 date-time."
            )
        }
        timeStamp = date
        receiptStatus = try container.decode(NgDPReceiptStatus.self, forKey: .receiptStatus)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transmissionId.uuidString, forKey: .transmissionId)
        try container.encode(messageUUID.uuidString, forKey: .messageUUID)
        try container.encodeIfPresent(messageId, forKey: .messageId)
        try container.encodeIfPresent(errorCode, forKey: .errorCode)
        try container.encodeIfPresent(errorMessage, forKey: .errorMessage)
        try container.encode(NgDPTimestamp.string(from: timeStamp), forKey: .timeStamp)
        try container.encode(receiptStatus, forKey: .receiptStatus)
    }
}

extension KeyedDecodingContainer {
    func decodeUUID(forKey key: Key) throws -> UUID {
        let text = try decode(String.self, forKey: key)
        guard let uuid = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "Not a UUID.")
        }
        return uuid
    }
}
