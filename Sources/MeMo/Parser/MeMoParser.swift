import Foundation

/// Reads a MeMo message from untrusted bytes (mail a resident sends us, or a message handed to the
/// local NgDP stand-in), hardened as digital-post.md requires: the size is checked before parsing;
/// no DTD, no entities, nothing loaded from outside; depth, element count, text length and time
/// are bounded (`MeMoLimits`).
///
/// Expat does the XML. Elements are matched on namespace and local name, so any prefix bound to
/// the MeMo namespace is read; an element in another namespace where MeMo expects its own is
/// refused, as is anything MeMo does not define. Business rules are `MeMoValidator`'s.
public struct MeMoParser: Sendable {
    public var limits: MeMoLimits
    /// False: every file's base64 is checked and its decoded size kept
    /// (`MeMoFile.contentBytes`), but not its bytes (`content` is empty). For a receiving system
    /// that stores the raw message: it saves decoding and holding up to 60 MB per message.
    public var keepsFileContents: Bool

    public init(limits: MeMoLimits = .default, keepsFileContents: Bool = true) {
        self.limits = limits
        self.keepsFileContents = keepsFileContents
    }

    public func parse(_ data: Data) throws(MeMoParseError) -> MeMoMessage {
        guard data.count <= limits.maxBytes else { throw .tooLarge(limit: limits.maxBytes) }
        let root = try ExpatTreeBuilder.build(data, limits: limits, keepsFileContents: keepsFileContents)
        return try MeMoTreeDecoder.decode(root)
    }
}
