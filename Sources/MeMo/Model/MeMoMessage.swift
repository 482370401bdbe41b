/// One MeMo message (meddelelse): the unit NgDP sends and receives, as one XML document.
///
/// A plain value: reading (`MeMoParser`), writing (`MeMoWriter`) and checking (`MeMoValidator`)
/// are separate, so a message can be built in code, checked, and written without I/O.
public struct MeMoMessage: Hashable, Sendable {
    public var version: MeMoVersion
    public var header: MessageHeader
    /// The letter's documents; absent for NemSMS, required for Digital Post.
    public var body: MessageBody?

    public init(version: MeMoVersion = .sending, header: MessageHeader, body: MessageBody?) {
        self.version = version
        self.header = header
        self.body = body
    }
}
