import Foundation

/// Reads the text of elements without children as the value types MeMo uses. Typed values
/// (booleans, dates) ignore surrounding white space, as XML Schema does; strings keep it.
enum LeafReader {
    static func string(_ node: XMLNode, path: String) throws(MeMoParseError) -> String {
        if let child = node.children.first {
            throw .unexpectedElement(path: ChildCursor.join(path, child.pathComponent))
        }
        return String(decoding: node.text, as: UTF8.self)
    }

    static func trimmed(_ node: XMLNode, path: String) throws(MeMoParseError) -> String {
        let text = try string(node, path: path)
        let bytes = text.utf8.drop(while: MeMoDate.isXMLSpace).reversed().drop(while: MeMoDate.isXMLSpace)
        return String(decoding: bytes.reversed(), as: UTF8.self)
    }

    /// `xs:boolean`: `true`, `false`, `1` or `0`.
    static func bool(_ node: XMLNode, path: String) throws(MeMoParseError) -> Bool {
        switch try trimmed(node, path: path) {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .invalidValue(path: path, reason: "expected true or false")
        }
    }

    static func dateTime(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoDateTime {
        guard let value = MeMoDateTime(try string(node, path: path)) else {
            throw .invalidValue(
                path: path,
                reason: "expected a UTC date-time ending in Z, such as 2024-05-03T12:00:00Z"
            )
        }
        return value
    }

    static func date(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoDate {
        guard let value = MeMoDate(try string(node, path: path)) else {
            throw .invalidValue(path: path, reason: "expected a date such as 2024-05-03")
        }
        return value
    }

    static func messageType(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoMessageType {
        guard let value = MeMoMessageType(rawValue: try trimmed(node, path: path)) else {
            throw .invalidValue(path: path, reason: "expected DIGITALPOST or NEMSMS")
        }
        return value
    }

    static func idType(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoIDType {
        MeMoIDType(rawValue: try string(node, path: path))
    }

    static func actionCode(_ node: XMLNode, path: String) throws(MeMoParseError) -> MeMoActionCode {
        MeMoActionCode(rawValue: try string(node, path: path))
    }

    /// `File/content`, already decoded from base64 while parsing (or only counted).
    static func content(_ node: XMLNode, path: String) throws(MeMoParseError) -> (data: Data, skippedBytes: Int?) {
        guard let binary = node.binary else {
            throw .invalidValue(path: path, reason: "the content is not valid base64")
        }
        return (Data(binary), node.skippedBinaryBytes)
    }
}
