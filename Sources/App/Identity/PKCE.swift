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

extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
