import Crypto
import Foundation

/// Seals small secrets other than CPR numbers (e.g. TOTP seeds) with a key derived from the CPR
/// encryption key by HKDF, so that one secret protects the data at rest but each use has its own key.
struct SecretBox: Sendable {
    let key: SymmetricKey

    init(keys: CPRKeys, purpose: String) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: keys.encryptionKey,
            info: Data("almen \(purpose)".utf8),
            outputByteCount: 32
        )
    }

    func seal(_ plain: Data) throws -> Data {
        guard let combined = try AES.GCM.seal(plain, using: key).combined else { throw CPRVaultError.cannotSeal }
        return combined
    }

    func open(_ sealed: Data) throws -> Data {
        try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key)
    }
}

/// RFC 4648 base32, for TOTP secrets in authenticator apps.
enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    static func encode(_ data: Data) -> String {
        var output = ""
        var buffer = 0
        var bits = 0
        for byte in data {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return output
    }
}
