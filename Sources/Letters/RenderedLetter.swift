import Foundation

/// The PDF of one letter.
public struct RenderedLetter: Sendable {
    /// A complete PDF file (A4 pages).
    public let pdf: Data
    /// Number of pages, so callers can price postage or check sheets without parsing the PDF.
    public let pageCount: Int
}
