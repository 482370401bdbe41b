import CPangoCairo

/// Turns body blocks into unbreakable fragments: one per line of text, one per table row.
struct BodyComposer {
    let engine: TextEngine
    let width = PageGeometry.bodyWidth

    // Vertical rhythm, in points. Paragraphs are separated by about half a line, which reads
    // calmer than a full blank line in a one-page letter.
    static let paragraphGap = 7.0
    static let headingGapBefore = 10.0
    static let headingGapAfter = 1.5
    static let listItemGap = 3.0
    static let tableGapBefore = 5.0
    static let cellPaddingY = 3.2
    static let columnGap = 14.0

    func compose(_ blocks: [LetterBlock]) -> [Fragment] {
        var fragments: [Fragment] = []
        // The structure a screen reader reads: a heading an H2 and a paragraph a P; a list an L
        // of LI, each with its marker (Lbl) and its text (LBody); a table a Table of TR, each
        // cell a TH (the header row) or a TD.
        var element = 0
        func next(_ tag: String) -> StructureTag {
            element += 1
            return StructureTag(tag: tag, element: element)
        }
        for block in blocks {
            let start = fragments.count
            var items: [(range: Range<Int>, marker: Bool)] = []
            switch block {
            case .heading(let text):
                let layout = engine.layout([.text(text)], style: .heading, width: width)
                appendLines(of: layout, x: 0, to: &fragments, spaceBefore: Self.headingGapBefore)
                // A heading is never left alone at the foot of a page.
                for index in start..<fragments.count { fragments[index].keepWithNext = true }
                if let last = fragments.indices.last { fragments[last].height += Self.headingGapAfter }
            case .paragraph(let runs):
                let layout = engine.layout(runs, style: .body, width: width, lineSpacing: TextEngine.bodyLineSpacing)
                appendLines(of: layout, x: 0, to: &fragments, spaceBefore: Self.paragraphGap)
                avoidOrphansAndWidows(&fragments, from: start)
            case .bulletList(let list):
                items = appendList(list, markers: list.map { _ in "•" }, to: &fragments)
            case .numberedList(let list):
                items = appendList(list, markers: list.indices.map { "\($0 + 1)." }, to: &fragments)
            case .table(let table):
                appendTable(table, to: &fragments)
            }
            switch block {
            case .heading:
                let tag = next("H2")
                for index in start..<fragments.count { fragments[index].structure = [tag] }
            case .paragraph:
                let tag = next("P")
                for index in start..<fragments.count { fragments[index].structure = [tag] }
            case .bulletList, .numberedList:
                let list = next("L")
                for (range, marker) in items {
                    let (item, label, body) = (next("LI"), next("Lbl"), next("LBody"))
                    for index in range {
                        fragments[index].structure = [list, item]
                        // The marker is the item's first line's first op.
                        let labelled = marker && index == range.lowerBound
                        fragments[index].opTags = fragments[index].ops.indices.map {
                            labelled && $0 == 0 ? label : body
                        }
                    }
                }
            case .table(let table):
                let tag = next("Table")
                for index in start..<fragments.count {
                    fragments[index].structure = [tag, next("TR")]
                    // The cells come first in a row's ops, the rules after them.
                    let cell = index == start ? "TH" : "TD"
                    fragments[index].opTags = fragments[index].ops.indices.map {
                        $0 < table.columns.count ? next(cell) : nil
                    }
                }
            }
            // The first block sits directly under the subject's own gap.
            if start == 0, !fragments.isEmpty { fragments[0].spaceBefore = 0 }
        }
        return fragments
    }

    /// One fragment per line; the first line carries the gap to the previous block.
    private func appendLines(
        of layout: TextLayout,
        x: Double,
        to fragments: inout [Fragment],
        spaceBefore: Double,
        extraOps: [DrawOp] = []
    ) {
        let lines = layout.lines
        for (index, line) in lines.enumerated() {
            // The fragment reaches down to the next line's top, so the line spacing belongs to it.
            let bottom = index + 1 < lines.count ? lines[index + 1].top : line.top + line.height
            // Extra ops (a list item's marker) first: a screen reader reads the marker first.
            let text = DrawOp.line(layout, line, x: x + line.x, baseline: line.baseline - line.top)
            let ops = index == 0 ? extraOps + [text] : [text]
            fragments.append(
                Fragment(
                    height: bottom - line.top,
                    spaceBefore: index == 0 ? spaceBefore : 0,
                    ops: ops
                )
            )
        }
    }

    /// Keeps the first two and the last two lines of a paragraph together, so no page starts
    /// or ends with a single stray line of it.
    private func avoidOrphansAndWidows(_ fragments: inout [Fragment], from start: Int) {
        let count = fragments.count - start
        guard count >= 2 else { return }
        fragments[start].keepWithNext = true
        fragments[fragments.count - 2].keepWithNext = true
    }

    /// Appends the list's items; each item's fragments, and whether the first one's first op is
    /// its marker.
    private func appendList(
        _ items: [[LetterInline]],
        markers: [String],
        to fragments: inout [Fragment]
    ) -> [(range: Range<Int>, marker: Bool)] {
        var ranges: [(range: Range<Int>, marker: Bool)] = []
        // Hanging indent: markers right-aligned in a column as wide as the widest marker, and
        // the item text (all its lines) starting after it.
        let markerLayouts = markers.map { engine.layout($0, style: .body, width: nil) }
        let markerWidth = markerLayouts.map(\.width).max() ?? 0
        let indent = max(14, markerWidth + 6)
        for (index, runs) in items.enumerated() {
            let start = fragments.count
            let text = engine.layout(runs, style: .body, width: width - indent, lineSpacing: TextEngine.bodyLineSpacing)
            let marker = markerLayouts[index]
            let markerLine = marker.lines.first.map { line -> DrawOp in
                // Align the marker's baseline with the item's first baseline.
                let firstBaseline = (text.lines.first?.baseline ?? 0) - (text.lines.first?.top ?? 0)
                return .line(marker, line, x: indent - 6 - marker.width + line.x, baseline: firstBaseline)
            }
            let gap = index == 0 ? Self.paragraphGap : Self.listItemGap
            appendLines(of: text, x: indent, to: &fragments, spaceBefore: gap, extraOps: markerLine.map { [$0] } ?? [])
            if text.lines.isEmpty, let markerLine {
                fragments.append(Fragment(height: marker.height, spaceBefore: gap, ops: [markerLine]))
            }
            avoidOrphansAndWidows(&fragments, from: start)
            ranges.append((start..<fragments.count, markerLine != nil))
        }
        return ranges
    }

    private func appendTable(_ table: LetterTable, to fragments: inout [Fragment]) {
        let columnCount = table.columns.count
        guard columnCount > 0 else { return }
        func cells(_ row: [String]) -> [String] {
            (0..<columnCount).map { $0 < row.count ? row[$0] : "" }
        }
        // Measure every cell on its natural width first, then decide the column widths.
        let headerTexts = table.columns.map(\.title)
        let bodyTexts = table.rows.map(cells)
        let totalTexts = table.totalRow.map(cells)
        let header = headerTexts.map { engine.layout($0, style: .tableBold, width: nil) }
        let body = bodyTexts.map { $0.map { engine.layout($0, style: .table, width: nil) } }
        let total = totalTexts.map { $0.map { engine.layout($0, style: .tableBold, width: nil) } }
        let allRows = [header] + body + (total.map { [$0] } ?? [])
        let columnWidths = Self.columnWidths(
            natural: (0..<columnCount).map { column in allRows.map { $0[column].width }.max() ?? 0 },
            alignments: table.columns.map(\.alignment),
            available: width - Self.columnGap * Double(columnCount - 1)
        )
        var columnX: [Double] = []
        var x = 0.0
        for columnWidth in columnWidths {
            columnX.append(x)
            x += columnWidth + Self.columnGap
        }

        func rowFragment(
            _ row: [TextLayout],
            texts: [String],
            style: TextStyle,
            ruleAbove: Double?,
            ruleBelow: (Double, Double)?
        ) -> Fragment {
            var ops: [DrawOp] = []
            var contentHeight = 0.0
            for (column, natural) in row.enumerated() {
                let columnWidth = columnWidths[column]
                let trailing = table.columns[column].alignment == .trailing
                var cell = natural
                if natural.width > columnWidth + 0.01 {
                    // Too wide: wrap inside the column (rows grow, they are never split).
                    cell = engine.layout(
                        texts[column],
                        style: style,
                        width: columnWidth,
                        alignment: trailing ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT
                    )
                    ops.append(.layout(cell, x: columnX[column], y: Self.cellPaddingY, gray: 0))
                } else {
                    let cellX = trailing ? columnX[column] + columnWidth - cell.width : columnX[column]
                    ops.append(.layout(cell, x: cellX, y: Self.cellPaddingY, gray: 0))
                }
                contentHeight = max(contentHeight, cell.height)
            }
            let height = contentHeight + 2 * Self.cellPaddingY
            if let ruleAbove {
                ops.append(.rule(from: 0, to: width, y: 0, thickness: ruleAbove, gray: 0))
            }
            if let ruleBelow {
                ops.append(.rule(from: 0, to: width, y: height, thickness: ruleBelow.0, gray: ruleBelow.1))
            }
            return Fragment(height: height, ops: ops)
        }

        let headerIndex = fragments.count
        var headerFragment = rowFragment(
            header,
            texts: headerTexts,
            style: .tableBold,
            ruleAbove: nil,
            ruleBelow: (0.7, 0)
        )
        headerFragment.spaceBefore = Self.tableGapBefore
        // The header never stands alone at the foot of a page.
        headerFragment.keepWithNext = !body.isEmpty || total != nil
        fragments.append(headerFragment)
        for (index, row) in body.enumerated() {
            let isLast = index == body.count - 1
            // Light separators between rows, a firm rule closing a table without total.
            let below: (Double, Double)? = isLast ? (total == nil ? (0.7, 0) : nil) : (0.3, 0.72)
            var fragment = rowFragment(row, texts: bodyTexts[index], style: .table, ruleAbove: nil, ruleBelow: below)
            fragment.repeatsHeader = headerIndex
            // The total row is not left alone on a new page.
            fragment.keepWithNext = isLast && total != nil
            fragments.append(fragment)
        }
        if let total, let totalTexts {
            var fragment = rowFragment(total, texts: totalTexts, style: .tableBold, ruleAbove: 0.7, ruleBelow: nil)
            fragment.repeatsHeader = headerIndex
            fragments.append(fragment)
        }
        // Leave a paragraph's gap between the table and what follows.
        fragments[fragments.count - 1].height += 2
    }

    /// Column widths that fill the body width: the free space goes to the first leading-aligned
    /// column (the description), so amounts line up at the right margin. When the natural
    /// widths do not fit, wide columns shrink and their cells wrap.
    static func columnWidths(natural: [Double], alignments: [LetterTable.Alignment], available: Double) -> [Double] {
        var widths = natural
        let sum = natural.reduce(0, +)
        if sum <= available {
            let grow = alignments.firstIndex(of: .leading) ?? 0
            widths[grow] += available - sum
            return widths
        }
        // Columns narrower than a fair share keep their width; the rest share what is left
        // in proportion to their natural width.
        var fixed = Set<Int>()
        while true {
            let fixedWidth = fixed.reduce(0) { $0 + natural[$1] }
            let flexible = natural.indices.filter { !fixed.contains($0) }
            let share = (available - fixedWidth) / Double(max(flexible.count, 1))
            let newlyFixed = flexible.filter { natural[$0] <= share }
            if newlyFixed.isEmpty || newlyFixed.count == flexible.count {
                let flexibleNatural = flexible.reduce(0) { $0 + natural[$1] }
                for index in flexible {
                    widths[index] = max(1, (available - fixedWidth) * natural[index] / max(flexibleNatural, 1))
                }
                return widths
            }
            fixed.formUnion(newlyFixed)
        }
    }
}
