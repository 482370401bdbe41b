import CPangoCairo

/// A laid-out Pango text with the position of each of its lines, owned by one render.
///
/// Body paragraphs are split between pages at line boundaries, so the renderer needs every
/// line's baseline and horizontal offset (the offset carries the alignment, e.g. right for
/// an Arabic paragraph) and draws lines one at a time.
final class TextLayout {
    /// One line of the layout, in points relative to the layout's top-left corner.
    struct Line {
        let pointer: UnsafeMutablePointer<PangoLayoutLine>
        /// Left edge of the line's logical rectangle (non-zero when aligned right or centred).
        let x: Double
        /// Top of the line's logical rectangle.
        let top: Double
        let baseline: Double
        let height: Double
    }

    let pointer: OpaquePointer
    let lines: [Line]
    /// Logical width and height of the whole layout.
    let width: Double
    let height: Double

    /// Takes ownership of a configured layout, which must not be changed afterwards: the
    /// measurements (and the line pointers) would no longer match it.
    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
        (lines, width, height) = Self.measure(pointer)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    private static func measure(_ pointer: OpaquePointer) -> ([Line], Double, Double) {
        var logical = PangoRectangle()
        pango_layout_get_extents(pointer, nil, &logical)
        let width = Double(logical.width) / Double(PANGO_SCALE)
        let height = Double(logical.height) / Double(PANGO_SCALE)

        var lines: [Line] = []
        guard let iterator = pango_layout_get_iter(pointer) else { return (lines, width, height) }
        defer { pango_layout_iter_free(iterator) }
        repeat {
            var rect = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &rect)
            let baseline = pango_layout_iter_get_baseline(iterator)
            if let line = pango_layout_iter_get_line_readonly(iterator) {
                lines.append(
                    Line(
                        pointer: line,
                        x: Double(rect.x) / Double(PANGO_SCALE),
                        top: Double(rect.y) / Double(PANGO_SCALE),
                        baseline: Double(baseline) / Double(PANGO_SCALE),
                        height: Double(rect.height) / Double(PANGO_SCALE)
                    )
                )
            }
        } while pango_layout_iter_next_line(iterator) != 0
        return (lines, width, height)
    }
}
