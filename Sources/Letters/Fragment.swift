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
    /// The PDF structure element the fragment's text belongs to (tagged PDF, for screen readers):
    /// consecutive fragments of one `element` are one element, a paragraph's lines one `P`.
    var structure: Structure? = nil
}

/// A structure element of a tagged PDF: its tag ("P", "H2") and which one it is in the letter.
struct Structure: Equatable {
    let tag: String
    let element: Int
}
