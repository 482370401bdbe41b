import AlmenDomain
import Crypto
import Foundation

/// The two secrets that protect CPR numbers at rest: one encrypts, one keys the look-up hash.
public struct CPRKeys: Sendable {
    let encryptionKey: SymmetricKey
    let hashKey: SymmetricKey
    /// True for the built-in demo keys, which production refuses.
    public let isDemo: Bool

    /// Keys from base64 text, 32 bytes each (`openssl rand -base64 32`).
    public init(encryptionKeyBase64: String, hashKeyBase64: String) throws {
        guard let encryption = Data(base64Encoded: encryptionKeyBase64), encryption.count == 32 else {
            throw ConfigurationError.invalid(variable: "ALMEN_CPR_ENCRYPTION_KEY", expected: "32 bytes in base64")
        }
        guard let hash = Data(base64Encoded: hashKeyBase64), hash.count >= 32 else {
            throw ConfigurationError.invalid(variable: "ALMEN_CPR_HASH_KEY", expected: "at least 32 bytes in base64")
        }
        self.init(encryption: encryption, hash: hash, isDemo: false)
    }

    init(encryption: Data, hash: Data, isDemo: Bool) {
        encryptionKey = SymmetricKey(data: encryption)
        hashKey = SymmetricKey(data: hash)
        self.isDemo = isDemo
    }

    /// Fixed, public keys for the demo and tests, whose CPR numbers are all fictitious.
    public static let demo = CPRKeys(
        encryption: Data(SHA256.hash(data: Data("almen demo cpr encryption key".utf8))),
        hash: Data(SHA256.hash(data: Data("almen demo cpr hash key".utf8))),
        isDemo: true
    )
}

/// Encrypts CPR numbers (personnumre) for storage and computes the keyed hash used to find a
/// person by CPR without decrypting every row (rules.md section 9).
public struct CPRVault: Sendable {
    /// Prefixed to every ciphertext so that a later key rotation can tell the formats apart.
    static let formatVersion: UInt8 = 1
    let keys: CPRKeys

    public init(keys: CPRKeys) {
        self.keys = keys
    }

    /// AES-256-GCM with a random nonce: the same number encrypts differently each time.
    public func seal(_ cpr: CPRNumber) throws -> Data {
        let box = try AES.GCM.seal(Data(cpr.digits.utf8), using: keys.encryptionKey)
        guard let combined = box.combined else { throw CPRVaultError.cannotSeal }
        return Data([Self.formatVersion]) + combined
    }

    public func open(_ ciphertext: Data) throws -> CPRNumber {
        guard ciphertext.first == Self.formatVersion else { throw CPRVaultError.unknownFormat }
        let box = try AES.GCM.SealedBox(combined: ciphertext.dropFirst())
        let plain = try AES.GCM.open(box, using: keys.encryptionKey)
        guard let text = String(data: plain, encoding: .utf8) else { throw CPRVaultError.unknownFormat }
        return try CPRNumber(text)
    }

    /// HMAC-SHA256 of the ten digits, hex: stable, so it can be indexed and looked up.
    public func lookupHash(_ cpr: CPRNumber) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(cpr.digits.utf8), using: keys.hashKey)
        return SHA256Hex.hex(mac)
    }
}

/// A stored CPR number could not be sealed or opened. Never carries the number itself.
public enum CPRVaultError: Error, Equatable {
    case cannotSeal
    case unknownFormat
}
