import Testing

@testable import Letters

/// Page-break rules checked on synthetic fragments, independent of fonts.
@Suite struct PaginatorTests {
    let top = PageGeometry.continuationTop
    let capacity = PageGeometry.bodyBottom - PageGeometry.continuationTop

    func fragment(_ height: Double, keep: Bool = false, header: Int? = nil) -> Fragment {
        Fragment(height: height, keepWithNext: keep, repeatsHeader: header, ops: [])
    }

    @Test func fillsPagesInOrderWithoutSplittingFragments() {
        let line = capacity / 10.5  // ten lines fit on a page
        let pages = Paginator.paginate(Array(repeating: fragment(line), count: 25), firstPageTop: top)
        #expect(pages.map(\.count) == [10, 10, 5])
        for page in pages { #expect(page.last.map { $0.y + line <= PageGeometry.bodyBottom + 0.001 } == true) }
    }

    @Test func headingIsNotLeftAloneAtTheFootOfAPage() {
        let line = capacity / 10.5
        // Nine lines, then a heading that would be line ten, then its paragraph.
        let fragments =
            Array(repeating: fragment(line), count: 9) + [fragment(line, keep: true), fragment(line), fragment(line)]
        let pages = Paginator.paginate(fragments, firstPageTop: top)
        #expect(pages[0].count == 9)
        #expect(pages[1].first?.fragment == 9)
    }

    @Test func tableHeaderIsRepeatedOnTheNextPage() {
        let row = capacity / 10.5
        let fragments = [fragment(row, keep: true)] + (1...15).map { _ in fragment(row, header: 0) }
        let pages = Paginator.paginate(fragments, firstPageTop: top)
        #expect(pages.count == 2)
        #expect(pages[1].first?.fragment == 0, "header row repeated")
        #expect(pages[1].first?.y == top)
        #expect(pages[1].dropFirst().first?.fragment == 10)
    }

    @Test func oversizedChainsDoNotLoopForever() {
        let fragments = (0..<40).map { _ in fragment(capacity / 10, keep: true) } + [fragment(10)]
        let pages = Paginator.paginate(fragments, firstPageTop: top)
        #expect(pages.flatMap { $0 }.count == 41)
    }

    @Test(arguments: [
        ([100.0, 50, 80], [LetterTable.Alignment.leading, .leading, .trailing], 400.0, [270.0, 50, 80]),
        ([100.0, 80], [.trailing, .trailing], 300.0, [220.0, 80]),
        ([600.0, 50], [.leading, .trailing], 400.0, [350.0, 50]),
    ])
    func columnWidthsFillTheLine(
        natural: [Double],
        alignments: [LetterTable.Alignment],
        available: Double,
        expected: [Double]
    ) {
        let widths = BodyComposer.columnWidths(natural: natural, alignments: alignments, available: available)
        #expect(widths.map { $0.rounded() } == expected)
    }
}
