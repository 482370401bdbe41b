import CPangoCairo
import Foundation

/// Typesets letters as A4 PDF for window envelopes and digital post.
///
/// A renderer holds no Pango or cairo state of its own: each call draws into its own cairo
/// surface, using Pango objects that belong to the calling thread (`TextEngines`), so one
/// renderer can be used from many threads at once.
public struct LetterRenderer: Sendable {
    /// Fontconfig family for all text; scripts it lacks fall back to other installed fonts.
    public let fontFamily: String

    public init(fontFamily: String = "DejaVu Sans") {
        self.fontFamily = fontFamily
    }

    /// Renders one letter as its own PDF.
    public func render(_ letter: LetterDocument) throws(LetterRenderError) -> RenderedLetter {
        let logo = try letter.sender.logoPNG.map { data throws(LetterRenderError) in try LogoImage(png: data) }
        let output = try PDFOutput(title: letter.subject, author: letter.author)
        let pages = try draw(letter, logo: logo, output: output)
        return RenderedLetter(
            pdf: PDFCatalog.withLanguage(try output.finish(), letter.language.pdfTag),
            pageCount: pages
        )
    }

    /// A print batch: every letter in the given order in ONE PDF, each letter starting on a new
    /// page (and, when `duplex` is true, on an odd page: padded with a blank page), page numbers
    /// per letter. Returns the PDF plus, per letter, its first page index and page count.
    ///
    /// With `duplex` every letter with an odd page count is followed by a blank page, the last
    /// one included, so the batch is whole sheets and batches can be concatenated.
    public func renderBatch(_ letters: [LetterDocument], duplex: Bool) throws(LetterRenderError) -> RenderedBatch {
        guard let first = letters.first else { throw .emptyBatch }
        // The Title/Author of a batch: shared values if the letters agree, else a neutral title.
        let title =
            letters.allSatisfy { $0.subject == first.subject }
            ? first.subject
            : (first.language == .danish ? "\(letters.count) breve" : "\(letters.count) letters")
        let author = letters.allSatisfy { $0.author == first.author } ? first.author : "Almen"
        let output = try PDFOutput(title: title, author: author)
        // Decode each distinct logo once; cairo then embeds it once for the whole batch.
        var logos: [Data: LogoImage] = [:]
        var entries: [RenderedBatch.Entry] = []
        var pageIndex = 0
        for letter in letters {
            var logo: LogoImage?
            if let png = letter.sender.logoPNG {
                if let cached = logos[png] {
                    logo = cached
                } else {
                    let decoded = try LogoImage(png: png)
                    logos[png] = decoded
                    logo = decoded
                }
            }
            let pages = try draw(letter, logo: logo, output: output)
            // Bookmarks let the person at the printer find a letter in a long batch.
            output.addOutline("\(letter.recipient.name) – \(letter.subject)", page: pageIndex + 1)
            entries.append(RenderedBatch.Entry(firstPageIndex: pageIndex, pageCount: pages))
            pageIndex += pages
            if duplex, pages % 2 == 1 {
                output.showPage()  // a blank back side
                pageIndex += 1
            }
        }
        return RenderedBatch(
            pdf: PDFCatalog.withLanguage(try output.finish(), first.language.pdfTag),
            pageCount: pageIndex,
            letters: entries
        )
    }

    /// Lays out and draws one letter onto new pages of `output`; returns its page count.
    private func draw(_ letter: LetterDocument, logo: LogoImage?, output: PDFOutput) throws(LetterRenderError) -> Int {
        let engine = TextEngines.current(fontFamily: fontFamily, language: letter.language)
        // Measure everything first: the footers need the total page count.
        let letterhead = Letterhead(letter: letter, logo: logo, engine: engine)
        let fragments = BodyComposer(engine: engine).compose(letter.body)
        let pages = Paginator.paginate(fragments, firstPageTop: letterhead.bodyTop)

        let drawer = PageDrawer(cairo: output.cairo)
        // A tagged PDF: the letter is a Document, its subject the H1, then the body's elements
        // (`BodyComposer`) in reading order; the page numbers are outside.
        cairo_tag_begin(output.cairo, "Document", "")
        for (pageNumber, placements) in pages.enumerated() {
            if pageNumber == 0 {
                drawer.drawTagged(letterhead.ops, originX: 0, originY: 0)
                drawer.tagged("H1") { drawer.draw([letterhead.subject], originX: 0, originY: 0) }
            }
            // The elements open, outermost first: each op closes those it is not in and opens
            // those it is, so consecutive fragments of one element stay one.
            var open: [StructureTag] = []
            func enter(_ tags: [StructureTag]) {
                let kept = zip(open, tags).prefix { $0 == $1 }.count
                for tag in open[kept...].reversed() { cairo_tag_end(output.cairo, tag.tag) }
                for tag in tags[kept...] { cairo_tag_begin(output.cairo, tag.tag, "") }
                open = tags
            }
            // A table's rules are drawn after the page's text, outside its structure: a row holds
            // only its cells.
            var rules: [(DrawOp, Double)] = []
            for placement in placements {
                let fragment = fragments[placement.fragment]
                for (index, op) in fragment.ops.enumerated() {
                    if case .rule = op {
                        rules.append((op, placement.y))
                        continue
                    }
                    enter(fragment.tags(ofOp: index))
                    drawer.draw([op], originX: PageGeometry.marginLeft, originY: placement.y)
                }
            }
            // An element that goes on to the next page is two there: each page's own (a table
            // there has its header row again).
            enter([])
            for (rule, y) in rules { drawer.draw([rule], originX: PageGeometry.marginLeft, originY: y) }
            let footer = engine.layout(
                letter.language.pageLabel(pageNumber + 1, of: pages.count),
                style: .footer,
                width: nil
            )
            let footerLine = footer.lines[0]
            drawer.draw(
                [
                    .line(
                        footer,
                        footerLine,
                        x: PageGeometry.width - PageGeometry.marginRight - footer.width,
                        baseline: PageGeometry.footerBaseline
                    )
                ],
                originX: 0,
                originY: 0
            )
            if pageNumber == pages.count - 1 { cairo_tag_end(output.cairo, "Document") }
            output.showPage()
        }
        try output.checkStatus()
        return pages.count
    }
}
