/// A run of text inside a paragraph or list item.
public enum LetterInline: Sendable, Hashable, Codable {
    /// Regular text.
    case text(String)
    /// Bold text, e.g. an amount or a deadline the resident must notice.
    case bold(String)

    /// The run's characters regardless of weight.
    public var string: String {
        switch self {
        case .text(let value), .bold(let value): value
        }
    }
}
