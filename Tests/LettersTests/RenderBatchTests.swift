import Foundation
import Letters
import Testing

@Suite struct RenderBatchTests {
    let renderer = LetterRenderer()
    /// Letters of 1, 2 and 1 pages.
    let letters = [
        TestLetters.letter(paragraphs: 3), TestLetters.letter(paragraphs: 15), TestLetters.letter(paragraphs: 3),
    ]

    struct Expectation: Sendable, CustomStringConvertible {
        let duplex: Bool
        let pageCount: Int
        let firstPages: [Int]
        var description: String { duplex ? "duplex" : "simplex" }
    }

    @Test(arguments: [
        // Duplex: every letter starts on an odd (1-based) page, so the 1-page letters get a blank back.
        Expectation(duplex: true, pageCount: 6, firstPages: [0, 2, 4]),
        Expectation(duplex: false, pageCount: 4, firstPages: [0, 1, 3]),
    ])
    func lettersStartWhereExpected(_ expected: Expectation) throws {
        let batch = try renderer.renderBatch(letters, duplex: expected.duplex)
        #expect(batch.pageCount == expected.pageCount)
        #expect(batch.letters.map(\.firstPageIndex) == expected.firstPages)
        #expect(batch.letters.map(\.pageCount) == [1, 2, 1])

        let file = try PDFFile(batch.pdf)
        #expect(try file.info()["Pages"] == "\(expected.pageCount)")
        // Page numbers restart for each letter.
        for (entry, pages) in zip(batch.letters, [1, 2, 1]) {
            let firstPage = entry.firstPageIndex + 1
            #expect(try file.text(pages: firstPage...firstPage).contains("Side 1 af \(pages)"))
            #expect(try file.text(pages: firstPage...firstPage).contains("Søren Østergaard Æbelø"))
        }
        if expected.duplex {
            for blank in [2, 6] {
                #expect(try file.text(pages: blank...blank).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            }
        }
    }

    @Test func emptyBatchIsAnError() {
        #expect(throws: LetterRenderError.emptyBatch) { try renderer.renderBatch([], duplex: true) }
    }

    @Test func batchSharesOneLogo() throws {
        var letter = TestLetters.letter()
        letter.sender.logoPNG = TestLetters.tinyPNG
        let one = try renderer.renderBatch([letter], duplex: false)
        let ten = try renderer.renderBatch(Array(repeating: letter, count: 10), duplex: false)
        #expect(ten.pageCount == 10)
        // The image is embedded once however many letters show it (cairo writes object
        // dictionaries uncompressed, so they can be counted in the raw bytes).
        func images(_ pdf: Data) -> Int {
            String(decoding: pdf, as: UTF8.self).components(separatedBy: "/Subtype /Image").count - 1
        }
        #expect(images(one.pdf) >= 1)
        #expect(images(ten.pdf) == images(one.pdf))
    }
}
