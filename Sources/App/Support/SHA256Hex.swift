import Crypto
import Foundation

/// SHA-256 as lower-case hex: for storing digests of tokens, states and documents.
enum SHA256Hex {
    /// Every signed-in request hashes its session token, so the hex is written by table, not by
    /// `String(format:)` (which cost more than the digest).
    static func of(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lower-case hex of bytes.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
