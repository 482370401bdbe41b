import CPangoCairo

/// Executes draw operations on a cairo context.
struct PageDrawer {
    let cairo: OpaquePointer

    /// Draws `body` as the structure element `tag` of a tagged PDF (what a screen reader reads).
    func tagged(_ tag: String, _ body: () -> Void) {
        cairo_tag_begin(cairo, tag, "")
        body()
        cairo_tag_end(cairo, tag)
    }

    /// Draws `ops` with each text its own paragraph (`P`), the logo and rules outside the
    /// structure, as decoration.
    func drawTagged(_ ops: [DrawOp], originX: Double, originY: Double) {
        for op in ops {
            switch op {
            case .line, .layout: tagged("P") { draw([op], originX: originX, originY: originY) }
            case .rule, .image: draw([op], originX: originX, originY: originY)
            }
        }
    }

    /// Draws `ops` with their origin moved to (`originX`, `originY`).
    func draw(_ ops: [DrawOp], originX: Double, originY: Double) {
        for op in ops {
            switch op {
            case .line(_, let line, let x, let baseline):
                // The op keeps the layout alive; the line pointer belongs to it.
                cairo_set_source_rgb(cairo, 0, 0, 0)
                cairo_move_to(cairo, originX + x, originY + baseline)
                pango_cairo_show_layout_line(cairo, line.pointer)
            case .layout(let layout, let x, let y, let gray):
                cairo_set_source_rgb(cairo, gray, gray, gray)
                cairo_move_to(cairo, originX + x, originY + y)
                pango_cairo_show_layout(cairo, layout.pointer)
            case .rule(let from, let to, let y, let thickness, let gray):
                cairo_set_source_rgb(cairo, gray, gray, gray)
                cairo_set_line_width(cairo, thickness)
                cairo_move_to(cairo, originX + from, originY + y)
                cairo_line_to(cairo, originX + to, originY + y)
                cairo_stroke(cairo)
            case .image(let logo, let x, let y, let scale):
                cairo_save(cairo)
                cairo_translate(cairo, originX + x, originY + y)
                cairo_scale(cairo, scale, scale)
                cairo_set_source_surface(cairo, logo.surface, 0, 0)
                // Smooth downscaling if a viewer rasterises; the PDF keeps the original pixels.
                cairo_pattern_set_filter(cairo_get_source(cairo), CAIRO_FILTER_GOOD)
                cairo_rectangle(cairo, 0, 0, logo.pixelWidth, logo.pixelHeight)
                cairo_fill(cairo)
                cairo_restore(cairo)
            }
        }
    }
}
