/// Something the page drawer can put on a page, positioned relative to an origin.
enum DrawOp {
    /// One line of a layout with its baseline at `baseline` and its left edge at `x`.
    case line(TextLayout, TextLayout.Line, x: Double, baseline: Double)
    /// A whole layout with its top-left corner at (`x`, `y`).
    case layout(TextLayout, x: Double, y: Double, gray: Double)
    /// A horizontal rule centred on `y`.
    case rule(from: Double, to: Double, y: Double, thickness: Double, gray: Double)
    /// The logo, scaled, with its top-left corner at (`x`, `y`).
    case image(LogoImage, x: Double, y: Double, scale: Double)
}

/// An unbreakable horizontal slice of the body: a line of text or a table row.
///
/// The paginator only looks at sizes and the keep rules; what is drawn is in `ops`, relative
/// to the body's left margin and the fragment's top.
struct Fragment {
    var height: Double
    /// Vertical gap above the fragment, dropped at the top of a page.
    var spaceBefore: Double = 0
    /// Must be on the same page as the next fragment (headings, table headers, orphan lines).
    var keepWithNext = false
    /// Index of the table header fragment to repeat when this row starts a new page.
    var repeatsHeader: Int?
    var ops: [DrawOp]
    /// Where the fragment's text sits in the structure tree of the tagged PDF (for screen
    /// readers), from the outermost element in: `[P]` for a paragraph's line, `[Table, TR]` for
    /// a table's row, `[L, LI]` for a list item's line. Consecutive fragments in the same
    /// elements are in one: a paragraph's lines are one `P`, a table's rows one `Table`.
    var structure: [StructureTag] = []
    /// The innermost element of each op, inside `structure`, when it has its own: a cell's `TD`
    /// or `TH`, a list item's marker (`Lbl`) and its text (`LBody`, one element over all its
    /// lines). Empty, or nil for an op, draws it in `structure`. (A rule between a table's rows
    /// is decoration: the renderer draws it outside the structure.)
    var opTags: [StructureTag?] = []

    /// The elements op `index` is drawn in.
    func tags(ofOp index: Int) -> [StructureTag] {
        guard index < opTags.count, let leaf = opTags[index] else { return structure }
        return structure + [leaf]
    }
}

/// A structure element of a tagged PDF: its tag ("P", "H2", "TD") and which one it is in the
/// letter, so two paragraphs in a row are two elements.
struct StructureTag: Equatable {
    let tag: String
    let element: Int
}
