import Letters

/// The CSV manifest of a print batch (RFC 4180, UTF-8): one row per envelope, in the order of
/// the batch PDF, so the print shop can check that every letter is there.
enum PrintManifest {
    struct Row: Sendable, Equatable {
        let sequence: Int
        let reference: String
        let recipient: PostalAddress
        let firstPage: Int
        let pageCount: Int
        let kind: String
    }

    static let header = ["sequence", "reference", "name", "address", "postal_city", "first_page", "pages", "kind"]

    static func csv(_ rows: [Row]) -> String {
        ([header]
            + rows.map { row in
                [
                    // The postcode and town are the last line; "v/" or "c/o" lines go with the address.
                    String(row.sequence), row.reference, row.recipient.name,
                    row.recipient.lines.dropLast().joined(separator: ", "), row.recipient.lines.last ?? "",
                    String(row.firstPage),
                    String(row.pageCount), row.kind,
                ]
            }).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A field quoted when it holds a comma, a quote or a line break; a leading = + - @ is
    /// prefixed with ' so a spreadsheet never runs it as a formula.
    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
