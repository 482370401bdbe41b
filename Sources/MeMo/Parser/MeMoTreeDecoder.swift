/// Reads the element tree as a `MeMoMessage`, one function per MeMo type, each following its
/// XSD sequence. Elements of a later version (`Representative`, `originalRepresentative`) are only
/// read in a 1.2 message; in 1.1 they are unexpected.
struct MeMoTreeDecoder {
    let version: MeMoVersion

    static func decode(_ root: XMLNode) throws(MeMoParseError) -> MeMoMessage {
        let decoder = MeMoTreeDecoder(version: try version(of: root))
        var cursor = try ChildCursor(root, path: "")
        let header = try cursor.required(.memo("MessageHeader"), decoder.header)
        let body = try cursor.optional(.memo("MessageBody"), decoder.body)
        try cursor.finish()
        return MeMoMessage(version: decoder.version, header: header, body: body)
    }

    /// `memoVersion` 1.1 (with `memoSchVersion` 1.1.x, or none) or 1.2 (with none, or 1.2.x).
    /// `xsi:` schema hints are allowed and dropped; other attributes are refused.
    static func version(of root: XMLNode) throws(MeMoParseError) -> MeMoVersion {
        var memoVersion: String?
        var schemaVersion: String?
        for (name, value) in root.attributes {
            switch name {
            case XMLName(namespace: .none, local: "memoVersion"): memoVersion = value
            case XMLName(namespace: .none, local: "memoSchVersion"): schemaVersion = value
            case XMLName(namespace: .other(xsiNamespace), local: "schemaLocation"),
                XMLName(namespace: .other(xsiNamespace), local: "noNamespaceSchemaLocation"):
                continue
            default:
                throw .invalidValue(path: "Message", reason: "the attribute \(name.display) is not allowed")
            }
        }
        guard let memoVersion, let version = MeMoVersion(rawValue: memoVersion) else {
            throw .unsupportedVersion(safeVersionText(memoVersion ?? ""))
        }
        if let schemaVersion, !schemaVersion.hasPrefix(version.rawValue + ".") {
            throw .unsupportedVersion(safeVersionText("\(memoVersion) (memoSchVersion \(schemaVersion))"))
        }
        return version
    }

    static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// The version text for an error: short and plain, or not at all, since it comes from the sender.
    private static func safeVersionText(_ text: String) -> String {
        let allowed = text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || "0123456789.-() ".unicodeScalars.contains($0))
        }
        return text.count <= 40 && allowed ? text : "(unreadable)"
    }
}
