/// What `almen digitalpost validate FILE` prints for a valid message: enough to recognise it,
/// nothing that identifies a resident (a CPR number shows as `DDMMYY-xxxx`).
public struct MeMoSummary: Encodable, Hashable, Sendable {
    /// A sender or recipient as shown in the summary.
    public struct Party: Encodable, Hashable, Sendable {
        /// A CVR-nummer in full; a CPR-nummer masked as `DDMMYY-xxxx`.
        public var id: String
        public var idType: String
        public var label: String?
    }

    public var messageUUID: String
    public var version: String
    public var messageType: String
    public var label: String
    public var sender: Party
    public var recipient: Party
    /// The number of files in all documents.
    public var files: Int
    /// The decoded size of all files together.
    public var bytes: Int

    public init(_ message: MeMoMessage) {
        let header = message.header
        messageUUID = header.messageUUID
        version = message.version.rawValue
        messageType = header.messageType.rawValue
        label = header.label
        sender = Party(
            id: Self.shown(header.sender.senderID, type: header.sender.idType),
            idType: header.sender.idType.rawValue,
            label: header.sender.label
        )
        recipient = Party(
            id: Self.shown(header.recipient.recipientID, type: header.recipient.idType),
            idType: header.recipient.idType.rawValue,
            label: header.recipient.label
        )
        let allFiles = message.body?.allFiles ?? []
        files = allFiles.count
        bytes = allFiles.reduce(0) { $0 + $1.content.count }
    }

    /// CPR numbers show only their birth-date part; anything under `CPR` that is not ten digits is
    /// hidden entirely rather than guessed at.
    static func shown(_ id: String, type: MeMoIDType) -> String {
        guard type == .cpr else { return id }
        guard FieldRules.isDigits(id, count: 10) else { return "xxxxxx-xxxx" }
        return "\(id.prefix(6))-xxxx"
    }
}
