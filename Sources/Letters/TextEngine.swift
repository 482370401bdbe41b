import CPangoCairo

/// Creates Pango layouts; one engine per thread, font family and language.
///
/// Pango objects must not be shared between threads, so each thread gets its own engines
/// (see `TextEngines`), built on that thread's font map: `pango_cairo_font_map_get_default()`
/// is per thread (Pango >= 1.32). Keeping the context, font descriptions and recently used
/// layouts per thread means a worker renders letter after letter without re-creating them or
/// re-shaping text that recurs (sender block, labels, standard paragraphs of a template).
final class TextEngine {
    let context: OpaquePointer
    let fonts: FontSet
    /// Extra space between the lines of running text: 10.5 pt text on a 14.5 pt pitch.
    static let bodyLineSpacing = 2.3

    /// What makes two layouts identical.
    private struct LayoutKey: Hashable {
        let runs: [LetterInline]
        let style: TextStyle
        let width: Double?
        let alignment: UInt32
        let lineSpacing: Double
        let singleLine: Bool
        let autoDirection: Bool
    }

    /// Recently made layouts. A layout is never changed once measured and the context never
    /// changes, so reusing one in several PDFs is safe.
    private var cache: [LayoutKey: TextLayout] = [:]
    /// Bounds the memory a thread keeps: clearing everything at once is crude but cheap, and
    /// the recurring texts are back after one letter.
    private static let cacheLimit = 300

    init(fontFamily: String, language: LetterLanguage) {
        let fontMap = pango_cairo_font_map_get_default()!
        context = pango_font_map_create_context(fontMap)!
        // PDF user space is in points; at 72 dpi a Pango point is a PDF point.
        pango_cairo_context_set_resolution(context, 72)
        // No hinting and unrounded positions: a PDF is scaled when viewed and printed, so
        // device-pixel hinting would only distort spacing. Metrics stay identical between
        // measuring and drawing.
        let options = cairo_font_options_create()!
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
        // Paragraphs without auto-dir (the letterhead) are strictly left-to-right; the default,
        // "weak" LTR, would still let a name starting with Arabic turn its line around.
        pango_context_set_base_dir(context, PANGO_DIRECTION_LTR)
        // Fixed for the engine's lifetime: changing a context later would make Pango
        // re-layout cached layouts and free the lines they hand out.
        pango_context_set_language(context, pango_language_from_string(language.pangoTag))
        fonts = FontSet(family: fontFamily)
    }

    deinit {
        cache.removeAll()  // layouts reference the context, so release them first
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// Lays out inline runs (bold via attributes, so no markup parsing and no escaping).
    ///
    /// - Parameters:
    ///   - width: wrap width in points; nil lays the text out on its natural width.
    ///   - singleLine: one line whatever the text contains (see `fittedLine` to also cut it).
    ///   - autoDirection: false keeps the paragraph left-to-right (the text inside is still
    ///     ordered correctly by the bidi algorithm).
    func layout(
        _ runs: [LetterInline],
        style: TextStyle,
        width: Double?,
        alignment: PangoAlignment = PANGO_ALIGN_LEFT,
        lineSpacing: Double = 0,
        singleLine: Bool = false,
        autoDirection: Bool = true
    ) -> TextLayout {
        let key = LayoutKey(
            runs: runs,
            style: style,
            width: width,
            alignment: alignment.rawValue,
            lineSpacing: lineSpacing,
            singleLine: singleLine,
            autoDirection: autoDirection
        )
        if let cached = cache[key] { return cached }
        let made = makeLayout(
            runs,
            style: style,
            width: width,
            alignment: alignment,
            lineSpacing: lineSpacing,
            singleLine: singleLine,
            autoDirection: autoDirection
        )
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = made
        return made
    }

    private func makeLayout(
        _ runs: [LetterInline],
        style: TextStyle,
        width: Double?,
        alignment: PangoAlignment,
        lineSpacing: Double,
        singleLine: Bool,
        autoDirection: Bool
    ) -> TextLayout {
        let layout = pango_layout_new(context)!
        pango_layout_set_font_description(layout, fonts[style])
        // Auto-dir (the default) makes each paragraph take the direction of its first strong
        // character, and it mirrors LEFT alignment for right-to-left paragraphs: Arabic or
        // Hebrew text comes out right-aligned with no extra work. The letterhead turns it off:
        // an address block must stay left-aligned as one block whatever the script.
        pango_layout_set_auto_dir(layout, autoDirection ? 1 : 0)
        pango_layout_set_alignment(layout, alignment)
        if let width {
            pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        }
        if singleLine {
            // Newlines are already spaces (see appendSanitised); this only keeps Pango from
            // starting a new paragraph at a U+2029 or similar.
            pango_layout_set_single_paragraph_mode(layout, 1)
        } else {
            // Break long words (URLs, IBANs) rather than letting them run into the margin.
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        if lineSpacing != 0 {
            pango_layout_set_spacing(layout, Int32(lineSpacing * Double(PANGO_SCALE)))
        }

        var utf8: [UInt8] = []
        var boldRanges: [Range<Int>] = []
        for run in runs {
            let start = utf8.count
            TextEngine.appendSanitised(run.string, to: &utf8, keepNewlines: !singleLine)
            if case .bold = run, utf8.count > start { boldRanges.append(start..<utf8.count) }
        }
        utf8.append(0)  // so an empty text still passes a valid pointer
        utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                pango_layout_set_text(layout, chars.baseAddress, Int32(chars.count - 1))
            }
        }
        if !boldRanges.isEmpty {
            let attributes = pango_attr_list_new()!
            for range in boldRanges {
                let attribute = pango_attr_weight_new(PANGO_WEIGHT_BOLD)!
                attribute.pointee.start_index = UInt32(range.lowerBound)
                attribute.pointee.end_index = UInt32(range.upperBound)
                pango_attr_list_insert(attributes, attribute)  // the list takes ownership
            }
            pango_layout_set_attributes(layout, attributes)
            pango_attr_list_unref(attributes)
        }
        return TextLayout(layout)
    }

    /// Plain-text convenience for labels, cells and address lines.
    func layout(
        _ text: String,
        style: TextStyle,
        width: Double?,
        alignment: PangoAlignment = PANGO_ALIGN_LEFT,
        singleLine: Bool = false,
        autoDirection: Bool = true
    ) -> TextLayout {
        layout(
            [.text(text)],
            style: style,
            width: width,
            alignment: alignment,
            singleLine: singleLine,
            autoDirection: autoDirection
        )
    }

    /// One line of at most `maxWidth` points, cut with "…" if the text is longer.
    ///
    /// The cut is made here rather than by Pango's ellipsizing: Pango maps the "…" glyph to
    /// all the hidden text, so the PDF's text layer (copy, search, pdftotext) would contain
    /// text nobody can see. Here the visible text and the text layer agree.
    func fittedLine(_ text: String, style: TextStyle, maxWidth: Double) -> TextLayout {
        let full = layout(text, style: style, width: nil, singleLine: true, autoDirection: false)
        guard full.width > maxWidth else { return full }
        // Binary search for the longest prefix that fits with the ellipsis.
        let characters = Array(text)
        var fits = 0
        var tooLong = characters.count
        while tooLong - fits > 1 {
            let middle = (fits + tooLong) / 2
            let candidate = String(characters[..<middle]).trimmingTrailingSpaces + "…"
            let width = makeLayout(
                [.text(candidate)],
                style: style,
                width: nil,
                alignment: PANGO_ALIGN_LEFT,
                lineSpacing: 0,
                singleLine: true,
                autoDirection: false
            ).width
            if width <= maxWidth { fits = middle } else { tooLong = middle }
        }
        let cut = String(characters[..<fits]).trimmingTrailingSpaces + "…"
        return layout(cut, style: style, width: nil, singleLine: true, autoDirection: false)
    }

    /// Copies `text` as UTF-8 without control characters, which Pango would draw as hex boxes
    /// (or reject: NUL). Tabs become spaces; newlines stay line breaks where allowed.
    private static func appendSanitised(_ text: String, to buffer: inout [UInt8], keepNewlines: Bool) {
        var previousWasCR = false
        for byte in text.utf8 {
            defer { previousWasCR = byte == 0x0D }
            switch byte {
            case 0x0A:
                if previousWasCR { continue }  // CR LF already produced one break
                buffer.append(keepNewlines ? 0x0A : 0x20)
            case 0x0D:
                buffer.append(keepNewlines ? 0x0A : 0x20)
            case 0x09:
                buffer.append(0x20)
            case 0x00..<0x20, 0x7F:
                continue
            default:
                buffer.append(byte)
            }
        }
    }
}

extension String {
    /// The string without trailing spaces, so "Navn …" becomes "Navn…".
    fileprivate var trimmingTrailingSpaces: String {
        var result = self
        while result.last?.isWhitespace == true { result.removeLast() }
        return result
    }
}
