/// Distributes body fragments over pages.
///
/// Measuring happens before drawing so that the total page count is known when the first
/// footer ("Side 1 af 3") is drawn.
enum Paginator {
    /// A fragment placed on a page: its index and the y of its top in page coordinates.
    struct Placement {
        let fragment: Int
        let y: Double
    }

    /// - Parameter firstPageTop: where the body starts on page 1 (below the subject).
    static func paginate(_ fragments: [Fragment], firstPageTop: Double) -> [[Placement]] {
        var pages: [[Placement]] = [[]]
        var y = firstPageTop
        let bottom = PageGeometry.bodyBottom

        func newPage() {
            pages.append([])
            y = PageGeometry.continuationTop
        }

        var index = 0
        while index < fragments.count {
            let fragment = fragments[index]
            let pageIsEmpty = pages[pages.count - 1].isEmpty
            let gap = pageIsEmpty ? 0 : fragment.spaceBefore

            // Keep-with-next chains (heading + first lines, table header + first row) move to
            // the next page together, unless the chain could not fit on any page anyway.
            let needed = gap + chainHeight(fragments, from: index)
            let pageHeight = bottom - PageGeometry.continuationTop
            if !pageIsEmpty, y + needed > bottom, needed <= pageHeight || y + gap + fragment.height > bottom {
                newPage()
                continue
            }

            // A table row that opens a page gets the table's header row above it.
            if pageIsEmpty, let header = fragment.repeatsHeader, header != index, index > 0 {
                pages[pages.count - 1].append(Placement(fragment: header, y: y))
                y += fragments[header].height
            }
            y += gap
            pages[pages.count - 1].append(Placement(fragment: index, y: y))
            y += fragment.height
            index += 1
        }
        return pages
    }

    /// Height of the fragment plus all fragments it must stay with.
    private static func chainHeight(_ fragments: [Fragment], from start: Int) -> Double {
        var height = fragments[start].height
        var index = start
        while fragments[index].keepWithNext, index + 1 < fragments.count {
            index += 1
            height += fragments[index].spaceBefore + fragments[index].height
        }
        return height
    }
}
