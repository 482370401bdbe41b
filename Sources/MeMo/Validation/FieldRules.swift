import Foundation

/// The checks on single values, as pure functions: each answers whether a text has the form
/// digital-post.md asks for.
enum FieldRules {
    /// A UUID of version 4 with the RFC 4122 variant: `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`,
    /// either case.
    static func isUUIDv4(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 8, 13, 18, 23: guard byte == UInt8(ascii: "-") else { return false }
            default: guard isHexDigit(byte) else { return false }
            }
        }
        return bytes[14] == UInt8(ascii: "4") && "89abAB".utf8.contains(bytes[19])
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            true
        default: false
        }
    }

    static func isDigits(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// Two lowercase ASCII letters (ISO 639-1), such as `da`.
    static func isLanguage(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
    }

    /// `type/subtype` with RFC 6838's restricted names, optionally followed by `;` parameters.
    static func isMIMEType(_ text: String) -> Bool {
        let mediaType = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
        let parts = mediaType[0].trimmingCharacters(in: .whitespaces).split(
            separator: "/",
            omittingEmptySubsequences: false
        )
        guard parts.count == 2, parts.allSatisfy(isRestrictedName) else { return false }
        guard mediaType.count == 2 else { return true }
        return mediaType[1].unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
    }

    private static func isRestrictedName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 127,
            first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "!#$&-^_.+".unicodeScalars.contains(scalar))
        }
    }

    /// Characters a filename must not contain (digital-post.md): those Windows forbids, line
    /// breaks, and Unicode spaces and separators that make names look alike.
    static let forbiddenFilenameScalars: Set<Unicode.Scalar> = {
        var scalars = Set("<>:\"/\\|?*\r\n".unicodeScalars)
        for value: UInt32 in [0x00A0, 0x2028, 0x205F, 0x2060, 0x3000] { scalars.insert(Unicode.Scalar(value)!) }
        for value: UInt32 in 0x2000...0x200A { scalars.insert(Unicode.Scalar(value)!) }
        return scalars
    }()

    static func hasForbiddenFilenameCharacter(_ filename: String) -> Bool {
        filename.unicodeScalars.contains(where: forbiddenFilenameScalars.contains)
    }

    /// Whether every character can be carried by XML 1.0 (no control characters other than tab,
    /// line feed and carriage return; no U+FFFE or U+FFFF).
    static func isXMLText(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: true
            case 0x00..<0x20, 0xFFFE, 0xFFFF: false
            default: true
            }
        }
    }

    /// The problem with an action's link, if any: `NOT_HTTPS` for a URL of another scheme,
    /// `INVALID_URL` for text that is not an absolute URL with a host. A user name or password
    /// before the host (`https://nemid.dk@example.com`) is refused too, as it disguises the host.
    static func urlProblem(_ text: String) -> String? {
        guard
            !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return MeMoFieldError.Code.invalidURL }
        // URLComponents wants ASCII; letters such as ø (as in the official example) are encoded first.
        let printableASCII = CharacterSet(charactersIn: Unicode.Scalar(0x21)...Unicode.Scalar(0x7E))
        guard let encoded = text.addingPercentEncoding(withAllowedCharacters: printableASCII),
            let components = URLComponents(string: encoded), let scheme = components.scheme
        else { return MeMoFieldError.Code.invalidURL }
        guard scheme.lowercased() == "https" else { return MeMoFieldError.Code.notHTTPS }
        guard let host = components.host, !host.isEmpty, components.user == nil, components.password == nil
        else { return MeMoFieldError.Code.invalidURL }
        return nil
    }
}
