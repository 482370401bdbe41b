/// A mistake in letter markup, reported with its 1-based line so an administrator editing a
/// template can find it.
public struct LetterMarkupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based line number in the markup text.
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
