/// An activation code (aktiveringskode) as printed in a letter and typed by a resident: eight
/// characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z), shown as
/// "ABCD-EFGH". Typing is forgiving: case, spaces and dashes do not matter.
public enum ActivationCodeText {
    public static let alphabet = Array("ABCDEFGHJKMNPQRTUVWXY346789")
    public static let length = 8

    /// A code from `length` random bytes (any bytes; each picks a character). The modulo bias of
    /// 256 over 27 is under 2 % per character and leaves about 2^37 codes.
    public static func make(from bytes: [UInt8]) -> String {
        precondition(bytes.count >= length, "need \(length) random bytes")
        return String(bytes.prefix(length).map { alphabet[Int($0) % alphabet.count] })
    }

    /// "ABCDEFGH" as printed: "ABCD‑EFGH", with a non-breaking hyphen (U+2011) so that a line
    /// never breaks inside a code.
    public static func printed(_ code: String) -> String {
        guard code.count == length else { return code }
        return String(code.prefix(length / 2)) + "\u{2011}" + String(code.suffix(length / 2))
    }

    /// Separators a resident may type or paste: spaces, and every kind of dash.
    static let separators: Set<Character> = [
        "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}",
    ]

    /// What the resident typed, as stored; nil when it cannot be a code.
    public static func normalised(_ typed: String) -> String? {
        let kept = typed.uppercased().filter { !$0.isWhitespace && !separators.contains($0) }
        guard kept.count == length, kept.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return kept
    }
}
