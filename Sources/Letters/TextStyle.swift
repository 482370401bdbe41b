import CPangoCairo

/// The font sizes and weights of the letter, in points.
///
/// Sizes are kept here in one place so the typographic hierarchy (subject > heading > body >
/// sender block > footer) can be read and tuned at a glance.
enum TextStyle: Int, CaseIterable {
    case body, heading, subject, table, tableBold, senderName, senderLine, info, infoLabel, returnLine, address, footer
    /// The return line a size smaller, for a sender whose whole return address does not fit.
    case returnLineSmall

    var size: Double {
        switch self {
        case .body: 10.5
        case .heading: 11.5
        case .subject: 13
        case .table, .tableBold: 10
        case .senderName: 9
        case .senderLine: 8
        case .info, .infoLabel: 9
        case .returnLine: 7
        case .returnLineSmall: 6
        case .address: 10.5
        case .footer: 8
        }
    }

    var bold: Bool {
        switch self {
        case .heading, .subject, .tableBold, .senderName: true
        default: false
        }
    }
}

/// Pango font descriptions for every `TextStyle`, created once per render and freed with it.
///
/// Pango copies the description into each layout, so one instance can serve all layouts.
final class FontSet {
    private var descriptions: [OpaquePointer] = []

    init(family: String) {
        descriptions = TextStyle.allCases.map { style in
            let description = pango_font_description_new()!
            pango_font_description_set_family(description, family)
            // The context's resolution is 72 dpi, so Pango points are PDF points.
            pango_font_description_set_size(description, Int32((style.size * Double(PANGO_SCALE)).rounded()))
            pango_font_description_set_weight(description, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
            return description
        }
    }

    deinit {
        for description in descriptions { pango_font_description_free(description) }
    }

    subscript(style: TextStyle) -> OpaquePointer {
        // allCases is in declaration order, which is rawValue order.
        descriptions[style.rawValue]
    }
}
