/// Collects the rows of a markup table and checks them as they come.
struct TableBuilder {
    private var columns: [LetterTable.Column] = []
    private var rows: [[String]] = []
    private var totalRow: [String]?
    private var rowCount = 0  // header included

    var table: LetterTable {
        LetterTable(columns: columns, rows: rows, totalRow: totalRow)
    }

    mutating func add(_ line: Substring, number: Int) throws(LetterMarkupError) {
        let isTotal = line.hasPrefix("|=")
        let cells = Self.cells(of: line.dropFirst(isTotal ? 2 : 1))

        if totalRow != nil {
            throw LetterMarkupError(line: number, problem: .totalRowNotLast)
        }
        if rowCount == 0 {
            if isTotal {
                throw LetterMarkupError(line: number, problem: .tableStartsWithTotal)
            }
            columns = try cells.map { cell throws(LetterMarkupError) in
                LetterTable.Column(title: try InlineParser.plainText([(number, cell)]))
            }
            rowCount = 1
            return
        }
        guard cells.count == columns.count else {
            throw LetterMarkupError(line: number, problem: .cellCount(row: cells.count, header: columns.count))
        }
        if !isTotal, let alignments = Self.alignments(cells) {
            guard rowCount == 1, rows.isEmpty else {
                throw LetterMarkupError(line: number, problem: .alignmentRowMisplaced)
            }
            for (index, alignment) in alignments.enumerated() { columns[index].alignment = alignment }
            rowCount += 1
            return
        }
        var values: [String] = []
        for cell in cells { values.append(try InlineParser.plainText([(number, cell)])) }
        if isTotal { totalRow = values } else { rows.append(values) }
        rowCount += 1
    }

    /// Splits at unescaped "|"; a trailing "|" closes the row rather than starting a cell.
    private static func cells(of content: Substring) -> [Substring] {
        var cells: [Substring] = []
        var start = content.startIndex
        var index = content.startIndex
        while index < content.endIndex {
            if content[index] == "\\" {
                index = content.index(after: index)
                if index < content.endIndex { index = content.index(after: index) }
                continue
            }
            if content[index] == "|" {
                cells.append(MarkupParser.trimmed(content[start..<index]))
                start = content.index(after: index)
            }
            index = content.index(after: index)
        }
        let rest = MarkupParser.trimmed(content[start...])
        if !rest.isEmpty || cells.isEmpty { cells.append(rest) }
        return cells
    }

    /// Alignments if every cell looks like "---", ":---", "---:" or ":---:". Only "---:" is
    /// trailing; centring (":---:") is not supported and reads as leading.
    private static func alignments(_ cells: [Substring]) -> [LetterTable.Alignment]? {
        var result: [LetterTable.Alignment] = []
        for cell in cells {
            let leadingColon = cell.first == ":"
            let core = cell.dropFirst(leadingColon ? 1 : 0)
            let dashes = core.prefix { $0 == "-" }
            let tail = core[dashes.endIndex...]
            guard !dashes.isEmpty, tail.isEmpty || tail == ":" else { return nil }
            result.append(tail == ":" && !leadingColon ? .trailing : .leading)
        }
        return result
    }
}
