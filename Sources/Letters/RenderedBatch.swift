import Foundation

/// A print batch: several letters in one PDF, with where each letter starts.
public struct RenderedBatch: Sendable {
    /// Where one letter of the batch lies in the PDF.
    public struct Entry: Sendable, Equatable {
        /// Zero-based index of the letter's first page in the batch PDF.
        public let firstPageIndex: Int
        /// The letter's own pages, not counting a blank page added for duplex printing.
        public let pageCount: Int
    }

    /// A complete PDF file holding every letter in the order given.
    public let pdf: Data
    /// All pages of the PDF, blank duplex padding pages included.
    public let pageCount: Int
    /// One entry per letter, in the order given.
    public let letters: [Entry]
}
