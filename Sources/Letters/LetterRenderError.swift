/// Why a letter could not be rendered.
public enum LetterRenderError: Error, Equatable, Sendable {
    /// Cairo reported an error status; the message is cairo's own description of it.
    case cairo(String)
    /// The sender's logo is not a PNG cairo can decode; the message says what was wrong.
    case invalidLogoPNG(String)
    /// `renderBatch` was given no letters: a PDF must have at least one page.
    case emptyBatch
}
