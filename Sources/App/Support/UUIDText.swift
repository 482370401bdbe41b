import Foundation

extension UUID {
    /// The id as lowercase text ("0f1e2d3c-…"), as URLs, forms and pages carry it: the same text as
    /// `uuidString.lowercased()`, written from the bytes through a table. Foundation formats an id
    /// through `snprintf` and lowercasing makes a second string; a list page writes hundreds of ids
    /// (the inbox's profile: 2 % of its CPU in `snprintf`).
    var lowercasedString: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                let digits: StaticString = "0123456789abcdef"
                var at = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    text[at] = digits.utf8Start[Int(byte >> 4)]
                    text[at + 1] = digits.utf8Start[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }
}
