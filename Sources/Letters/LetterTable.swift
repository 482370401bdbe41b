/// A simple table: a header row, body rows and an optional bold total row.
public struct LetterTable: Sendable, Equatable, Codable {
    /// A column's title and how its cells are aligned.
    public struct Column: Sendable, Equatable, Codable {
        /// Printed in bold in the header row (repeated on every page the table spans).
        public var title: String
        /// `.trailing` lines amounts up on their last digit.
        public var alignment: Alignment

        public init(title: String, alignment: Alignment = .leading) {
            self.title = title
            self.alignment = alignment
        }
    }

    /// Horizontal alignment of a column.
    public enum Alignment: String, Sendable, Equatable, Codable {
        /// Text starts at the column's start edge (left for left-to-right text).
        case leading
        /// Text ends at the column's end edge; use it for money.
        case trailing
    }

    public var columns: [Column]
    /// Body rows; a row with fewer cells than columns is padded with empty cells, extra cells
    /// are ignored.
    public var rows: [[String]]
    /// Printed in bold under a rule, e.g. ["I alt", "", "4.512,00 kr."].
    public var totalRow: [String]?

    public init(columns: [Column], rows: [[String]], totalRow: [String]? = nil) {
        self.columns = columns
        self.rows = rows
        self.totalRow = totalRow
    }
}
