import CPangoCairo

/// The fixed part of page 1: return line and recipient in the envelope window, the sender
/// block and date/reference on the right, and the subject.
struct Letterhead {
    /// Absolute page positions (origin at the page's top-left corner).
    /// Everything but the subject: the logo, sender, the date and reference, the address.
    let ops: [DrawOp]
    /// The subject, the letter's heading.
    let subject: DrawOp
    /// Where the body starts on page 1.
    let bodyTop: Double

    /// Gap between the subject and the first body block.
    static let subjectGap = 12.0

    init(letter: LetterDocument, logo: LogoImage?, engine: TextEngine) {
        typealias G = PageGeometry
        var ops: [DrawOp] = []

        // Sender block, top right: logo, name, address, contact lines.
        var y = G.senderTop
        if let logo {
            let scale = logo.scale(toFit: G.logoMaxWidth, G.logoMaxHeight)
            ops.append(.image(logo, x: G.senderLeft, y: y, scale: scale))
            y += logo.pixelHeight * scale + 3 * G.mm
        }
        func stack(_ lines: [String], style: TextStyle, gray: Double) {
            for text in lines where !text.isEmpty {
                let layout = engine.layout(text, style: style, width: G.senderWidth, autoDirection: false)
                ops.append(.layout(layout, x: G.senderLeft, y: y, gray: gray))
                y += layout.height
            }
        }
        stack([letter.sender.name], style: .senderName, gray: 0)
        y += 1
        stack(letter.sender.addressLines, style: .senderLine, gray: 0.2)
        if !letter.sender.contactLines.isEmpty { y += 4 }
        stack(letter.sender.contactLines, style: .senderLine, gray: 0.2)

        // Date and reference, level with the address unless the sender block reaches lower.
        var infoY = max(G.infoTop, y + 5 * G.mm)
        var info: [(String, String)] = [(letter.language.dateLabel, letter.dateText)]
        if let caseNumber = letter.caseNumber, !caseNumber.isEmpty {
            info.append((letter.language.caseLabel, caseNumber))
        }
        if let reference = letter.reference, !reference.isEmpty {
            info.append((letter.language.referenceLabel, reference))
        }
        let labels = info.map { engine.layout($0.0, style: .infoLabel, width: nil, autoDirection: false) }
        let valueX = G.senderLeft + (labels.map(\.width).max() ?? 0) + 8
        for (index, (_, value)) in info.enumerated() {
            let valueLayout = engine.layout(
                value,
                style: .info,
                width: G.width - G.marginRight - valueX,
                autoDirection: false
            )
            ops.append(.layout(labels[index], x: G.senderLeft, y: infoY, gray: 0.35))
            ops.append(.layout(valueLayout, x: valueX, y: infoY, gray: 0))
            infoY += max(labels[index].height, valueLayout.height) + 1.5
        }

        // Return line in the top 5 mm of the window, so a returned letter finds its way home.
        // A long name with an administrator's "c/o" does not fit: the address the letter returns
        // to matters more than the "c/o", so that goes first; then the line is a size smaller
        // (6 pt), and only then is it cut.
        let returnParts = ([letter.sender.name] + letter.sender.addressLines).filter { !$0.isEmpty }
        let full = returnParts.joined(separator: " · ")
        let shorter = returnParts.filter { !$0.hasPrefix("c/o ") }.joined(separator: " · ")
        let fits = { (text: String, style: TextStyle) in
            engine.layout(text, style: style, width: nil, singleLine: true, autoDirection: false).width
                <= G.windowWidth
        }
        let (returnText, returnStyle): (String, TextStyle) =
            [(full, .returnLine), (shorter, .returnLine), (shorter, .returnLineSmall)].first { fits($0.0, $0.1) }
            ?? (shorter, .returnLineSmall)
        let returnLine = engine.fittedLine(returnText, style: returnStyle, maxWidth: G.windowWidth)
        let returnBottom = G.addressTop - 1.2 * G.mm
        ops.append(.layout(returnLine, x: G.windowLeft, y: returnBottom - 1.5 - returnLine.height, gray: 0.25))
        ops.append(
            .rule(
                from: G.windowLeft,
                to: G.windowLeft + max(returnLine.width, 1),
                y: returnBottom,
                thickness: 0.3,
                gray: 0.45
            )
        )

        // Recipient: one line each, cut with "…" rather than leaving the window.
        ops += Self.addressOps(letter.recipient, engine: engine)

        // Subject, bold, at the DIN position unless the info block reaches lower.
        let subjectTop = max(G.subjectTop, infoY + 8 * G.mm)
        let subject = engine.layout(letter.subject, style: .subject, width: G.bodyWidth)
        self.ops = ops
        self.subject = .layout(subject, x: G.marginLeft, y: subjectTop, gray: 0)
        bodyTop = subjectTop + subject.height + Self.subjectGap
    }

    private static func addressOps(_ address: PostalAddress, engine: TextEngine) -> [DrawOp] {
        typealias G = PageGeometry
        let texts = ([address.name] + address.lines).filter { !$0.allSatisfy(\.isWhitespace) }
        var layouts = texts.map { engine.fittedLine($0, style: .address, maxWidth: G.windowWidth) }
        let pitch = (layouts.first?.height ?? 12) + 0.8
        let capacity = Int(((G.addressHeight - 2 * G.mm) / pitch).rounded(.down))
        if layouts.count > capacity, capacity > 0 {
            // Too many lines for the window: keep what fits and mark the cut.
            layouts =
                Array(layouts.prefix(capacity - 1))
                + [engine.fittedLine(texts[capacity - 1] + " …", style: .address, maxWidth: G.windowWidth)]
        }
        // Start 2 mm into the field so the first line clears the window's edge even when the
        // sheet shifts a little in the envelope.
        var y = G.addressTop + 2 * G.mm
        var ops: [DrawOp] = []
        for layout in layouts {
            ops.append(.layout(layout, x: G.windowLeft, y: y, gray: 0))
            y += pitch
        }
        return ops
    }
}
