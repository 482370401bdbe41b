import Foundation

/// `File`: one file of a document (fil), its bytes held raw and written as base64.
public struct MeMoFile: Hashable, Sendable {
    /// A MIME type, for example `application/pdf`.
    public var encodingFormat: String
    /// Shown to the recipient and used when saving; see the forbidden characters in digital-post.md.
    public var filename: String
    /// Two lowercase letters (ISO 639-1), for example `da`.
    public var language: String
    public var content: Data
    /// Set when the message was parsed without keeping file contents
    /// (`MeMoParser.keepsFileContents`): the size `content` decodes to, which is then empty.
    public internal(set) var skippedContentBytes: Int?

    /// The file's size in bytes, whether or not its bytes were kept.
    public var contentBytes: Int { skippedContentBytes ?? content.count }

    public init(encodingFormat: String, filename: String, language: String = "da", content: Data) {
        self.encodingFormat = encodingFormat
        self.filename = filename
        self.language = language
        self.content = content
    }
}
