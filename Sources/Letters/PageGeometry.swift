/// Page geometry in PDF points (1/72 inch), which is cairo's unit on a PDF surface.
///
/// The first page follows DIN 5008 form B, the layout Danish window envelopes (C5/C4 and
/// folded-A4 "DL" with a left window) are made for.
enum PageGeometry {
    /// One millimetre in points.
    static let mm = 72.0 / 25.4

    static let width = 595.276
    static let height = 841.89

    static let marginLeft = 20 * mm
    static let marginRight = 20 * mm
    static var bodyWidth: Double { width - marginLeft - marginRight }

    /// Body text on pages after the first starts here (no letterhead there).
    static let continuationTop = 20 * mm
    /// Body text must end above this line so it never touches the footer.
    static let bodyBottom = height - 22 * mm
    /// Baseline of "Side 1 af 2".
    static let footerBaseline = height - 12 * mm

    // The envelope window (DIN 5008 form B): 85 x 45 mm at 20 mm from the left and 45 mm
    // from the top; its first 5 mm carry the small return line, the address gets the 40 mm below.
    static let windowLeft = 20 * mm
    static let windowWidth = 85 * mm
    static let returnLineTop = 45 * mm
    static let addressTop = 50 * mm
    static let addressHeight = 40 * mm

    // Sender and information block: a column to the right of the window, ending at the right margin.
    static let senderLeft = 125 * mm
    static var senderWidth: Double { width - marginRight - senderLeft }
    static let senderTop = 12 * mm
    static let logoMaxWidth = 40 * mm
    static let logoMaxHeight = 15 * mm
    /// The date/reference block starts level with the address (or under a tall sender block).
    static let infoTop = 50 * mm

    /// The subject starts here unless the blocks above reach further down.
    static let subjectTop = 100 * mm
}
