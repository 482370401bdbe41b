/// A mistake in letter markup, reported with its 1-based line so an administrator editing a
/// template can find it. `problem` says which mistake, so the app can say it in Danish; `message`
/// says it in English.
public struct LetterMarkupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Equatable, Sendable {
        /// "**" (bold) opened and not closed.
        case boldNotClosed
        /// "## " or deeper: only "# " is a heading.
        case headingLevel(hashes: String)
        /// A row after the total row ("|=").
        case totalRowNotLast
        /// A table that starts with its total row.
        case tableStartsWithTotal
        /// A row with another number of cells than the header.
        case cellCount(row: Int, header: Int)
        /// An alignment row ("|---|---:|") anywhere but right after the header.
        case alignmentRowMisplaced
    }

    /// 1-based line number in the markup text.
    public let line: Int
    public let problem: Problem

    public init(line: Int, problem: Problem) {
        self.line = line
        self.problem = problem
    }

    /// The problem in English.
    public var message: String {
        switch problem {
        case .boldNotClosed: "\"**\" (bold) is opened but not closed"
        case .headingLevel(let hashes): "only one heading level is supported: use \"# \" instead of \"\(hashes) \""
        case .totalRowNotLast: "the total row (\"|=\") must be the table's last row"
        case .tableStartsWithTotal: "a table must start with a header row, not a total row"
        case .cellCount(let row, let header):
            "table row has \(row) cell\(row == 1 ? "" : "s"), but the header has \(header)"
        case .alignmentRowMisplaced: "an alignment row (\"|---|---:|\") must come right after the header row"
        }
    }

    public var description: String { "line \(line): \(message)" }
}
