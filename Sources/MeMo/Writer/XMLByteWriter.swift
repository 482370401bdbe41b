import Foundation

/// Builds the XML bytes of a message directly into one growing buffer: no DOM, no intermediate
/// strings. Element names are static (`memo:label`), so only text is ever escaped. One element per
/// line, indented with tabs like the official examples.
struct XMLByteWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "\t"), count: depth))
    }

    /// Indents what follows one level deeper, for content written with `raw`.
    mutating func push() { depth += 1 }

    mutating func pop() { depth -= 1 }

    mutating func open(_ name: StaticString) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        raw(">\n")
        depth += 1
    }

    mutating func close(_ name: StaticString) {
        depth -= 1
        indent()
        raw("</")
        raw(name)
        raw(">\n")
    }

    mutating func leaf(_ name: StaticString, _ text: String) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        bytes.append(UInt8(ascii: ">"))
        escaped(text)
        raw("</")
        raw(name)
        raw(">\n")
    }

    mutating func leaf(_ name: StaticString, _ text: String?) {
        if let text { leaf(name, text) }
    }

    mutating func leaf(_ name: StaticString, _ value: Bool?) {
        if let value { leaf(name, value ? "true" : "false") }
    }

    mutating func leaf(_ name: StaticString, _ value: MeMoDateTime?) {
        if let value { leaf(name, value.text) }
    }

    mutating func base64Leaf(_ name: StaticString, _ data: Data) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        bytes.append(UInt8(ascii: ">"))
        data.withUnsafeBytes { Base64.encode($0, appendingTo: &bytes) }
        raw("</")
        raw(name)
        raw(">\n")
    }

    /// Text content, escaped. `&`, `<` and `>` become entities; a carriage return becomes `&#13;`
    /// because a parser would otherwise turn it into a line feed. Characters XML 1.0 cannot carry at
    /// all (other control characters, U+FFFE, U+FFFF) become U+FFFD: the writer cannot fail, and the
    /// validator reports such text before a message is sent.
    mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: Self.needsAttention) else {
                bytes.append(contentsOf: utf8)
                return
            }
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case UInt8(ascii: "&"): raw("&amp;")
                case UInt8(ascii: "<"): raw("&lt;")
                case UInt8(ascii: ">"): raw("&gt;")
                case 0x0D: raw("&#13;")
                case 0x09, 0x0A: bytes.append(byte)
                case 0x00..<0x20: raw("\u{FFFD}")
                case 0xEF where index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                    raw("\u{FFFD}")
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
        }
    }

    /// Bytes that the fast path cannot copy as they are; 0xEF may start U+FFFE or U+FFFF.
    private static func needsAttention(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">") || byte == 0x0D || byte == 0xEF
    }
}
