import Crypto
import Foundation

/// Random values of the authorization code flow: state, nonce, and the PKCE verifier with its
/// S256 challenge (RFC 7636).
enum PKCE {
    /// 32 random bytes, base64url: 43 characters, the RFC's minimum verifier length.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64URL
    }

    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URL
    }

    /// SHA-256 hex, for storing tokens and states without storing the values themselves.
    static func hash(_ value: String) -> String {
        SHA256Hex.of(Data(value.utf8))
    }
}

private let base64URLAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

extension Data {
    /// Base64url without padding (RFC 4648 §5), written byte by byte: every page's CSRF token is
    /// one, and Foundation's base64 with three replacements took most of the token's time.
    var base64URL: String {
        let alphabet = base64URLAlphabet
        var output: [UInt8] = []
        output.reserveCapacity((count * 4 + 2) / 3)
        var index = startIndex
        while index < endIndex {
            let remaining = distance(from: index, to: endIndex)
            let b0 = UInt32(self[index])
            let b1 = remaining > 1 ? UInt32(self[self.index(index, offsetBy: 1)]) : 0
            let b2 = remaining > 2 ? UInt32(self[self.index(index, offsetBy: 2)]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            if remaining > 1 { output.append(alphabet[Int(group >> 6 & 63)]) }
            if remaining > 2 { output.append(alphabet[Int(group & 63)]) }
            index = self.index(index, offsetBy: Swift.min(3, remaining))
        }
        return String(decoding: output, as: UTF8.self)
    }
}
