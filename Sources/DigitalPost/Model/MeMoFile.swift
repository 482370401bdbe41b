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

    public init(encodingFormat: String, filename: String, language: String = "da", content: Data) {
        self.encodingFormat = encodingFormat
        self.filename = filename
        self.language = language
        self.content = content
    }
}
