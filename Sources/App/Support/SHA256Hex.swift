import Crypto
import Foundation

/// SHA-256 as lower-case hex: for storing digests of tokens, states and documents.
enum SHA256Hex {
    static func of(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
