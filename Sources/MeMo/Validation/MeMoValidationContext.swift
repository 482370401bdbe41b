/// What a message is checked against: the direction decides who may send it, and the limits
/// differ for letters we send (public sender) and mail we receive (digital-post.md).
public struct MeMoValidationContext: Hashable, Sendable {
    /// Which way the message travels.
    public enum Direction: Hashable, Sendable {
        /// From us to a resident or company: the sender must be a CVR-nummer.
        case outgoing
        /// From a resident or company to us: the sender may be a CPR-nummer or a CVR-nummer.
        case incoming
    }

    public var direction: Direction

    /// The rules digital-post.md sets for what we send, stricter than what NgDP delivers (the
    /// official examples break them): mandatory and legalNotification present, https links,
    /// periods that do not end before they start. Mail we receive is not refused for these.
    public var strictSenderRules: Bool { direction == .outgoing }
    /// The decoded bytes of all files together.
    public var maxContentBytes: Int
    /// The files of additional and technical documents (bilag); `nil` for no limit.
    public var maxAttachments: Int?
    /// All files, the main document's included; `nil` for no limit.
    public var maxFiles: Int?
    /// The parser's limits that go with these, for reading a message before checking it.
    public var limits: MeMoLimits

    public init(
        direction: Direction,
        maxContentBytes: Int,
        maxAttachments: Int?,
        maxFiles: Int?,
        limits: MeMoLimits
    ) {
        self.direction = direction
        self.maxContentBytes = maxContentBytes
        self.maxAttachments = maxAttachments
        self.maxFiles = maxFiles
        self.limits = limits
    }

    /// A letter we send as a public sender: 99.5 MB (decimal, the conservative reading) and ten
    /// attachments.
    public static let outgoingPublicSender = MeMoValidationContext(
        direction: .outgoing,
        maxContentBytes: MeMoLimits.publicSenderContentBytes,
        maxAttachments: 10,
        maxFiles: nil,
        limits: .default
    )

    /// Mail we receive: 10 MB and ten files. Read as binary megabytes (MiB), the lenient reading,
    /// since refusing what NgDP let through would lose a resident's letter.
    public static let incoming = incoming(megabytes: 10)

    /// Mail we receive when the organisation has opted in to 60 MB.
    public static let incomingOptedIn = incoming(megabytes: 60)

    private static func incoming(megabytes: Int) -> MeMoValidationContext {
        let bytes = megabytes * 1_048_576
        return MeMoValidationContext(
            direction: .incoming,
            maxContentBytes: bytes,
            maxAttachments: nil,
            maxFiles: 10,
            limits: MeMoLimits(maxBytes: MeMoLimits.bytes(forContent: bytes))
        )
    }
}
