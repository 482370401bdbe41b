import Foundation

/// What cairo cannot write into a PDF's catalog itself (cairo 1.16): the document's language
/// (`/Lang`), so a screen reader reads a Danish letter with a Danish voice, and that a viewer
/// shows its title rather than a file name (`/ViewerPreferences << /DisplayDocTitle true >>`),
/// both asked of an accessible PDF (PDF/UA).
///
/// cairo writes the catalog as the last object, just before the cross-reference table: the
/// entries go into its dictionary, and only `startxref` moves. A PDF not laid out so is returned
/// as it is.
enum PDFCatalog {
    static func withLanguage(_ pdf: Data, _ language: String) -> Data {
        let bytes = [UInt8](pdf)
        guard let catalog = lastRange(of: "/Type /Catalog", in: bytes),
            let xref = firstRange(of: "\nxref\n", in: bytes, from: catalog.upperBound),
            // The catalog's dictionary ends just before: ">>\nendobj" and the table.
            let end = lastRange(of: ">>\nendobj", in: bytes, before: xref.lowerBound + 1),
            end.lowerBound > catalog.upperBound,
            firstRange(of: " obj", in: bytes, from: catalog.upperBound).map({ $0.lowerBound > xref.lowerBound })
                ?? true,
            let start = lastRange(of: "startxref\n", in: bytes),
            start.lowerBound > xref.lowerBound,
            let newline = bytes[start.upperBound...].firstIndex(of: UInt8(ascii: "\n")),
            let offset = Int(String(decoding: bytes[start.upperBound..<newline], as: UTF8.self)),
            !language.isEmpty, language.allSatisfy({ $0.isLetter || $0 == "-" })
        else { return pdf }
        let entries = Array("   /Lang (\(language))\n   /ViewerPreferences << /DisplayDocTitle true >>\n".utf8)
        var out = Array(bytes[..<end.lowerBound]) + entries + Array(bytes[end.lowerBound..<start.upperBound])
        out += Array(String(offset + entries.count).utf8) + Array(bytes[newline...])
        return Data(out)
    }

    private static func firstRange(of text: String, in bytes: [UInt8], from: Int) -> Range<Int>? {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        for index in from...(bytes.count - needle.count) where bytes[index..<index + needle.count].elementsEqual(needle)
        {
            return index..<index + needle.count
        }
        return nil
    }

    private static func lastRange(of text: String, in bytes: [UInt8], before limit: Int? = nil) -> Range<Int>? {
        let needle = Array(text.utf8)
        let last = min(limit ?? bytes.count, bytes.count) - needle.count
        guard last >= 0 else { return nil }
        for index in stride(from: last, through: 0, by: -1)
        where bytes[index..<index + needle.count].elementsEqual(needle) {
            return index..<index + needle.count
        }
        return nil
    }
}
