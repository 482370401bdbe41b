import Crypto
import Fluent
import Vapor

/// Local staff accounts for deployments without a staff identity provider: a bcrypt password and
/// a mandatory TOTP second factor (RFC 6238, SHA-1, 6 digits, 30 s, as authenticator apps expect).
public enum LocalAccounts {
    /// Failed attempts before the account locks, and for how long.
    static let maxFailures = 5
    static let lockout: TimeInterval = 15 * 60
    static let issuer = "Almen"

    /// What the administrator hands to the new user, once.
    public struct Credentials: Sendable {
        public let email: String
        public let password: String
        public let totpSecretBase32: String
        public var otpauthURI: String {
            "otpauth://totp/\(LocalAccounts.issuer):\(email)?secret=\(totpSecretBase32)&issuer=\(LocalAccounts.issuer)&algorithm=SHA1&digits=6&period=30"
        }
    }

    /// Creates the account (or resets its password and second factor) and returns the credentials.
    public static func provision(
        email rawEmail: String,
        name: String,
        role: StaffRole,
        on database: any Database,
        keys: CPRKeys
    ) async throws -> Credentials {
        let email = rawEmail.lowercased().trimmingCharacters(in: .whitespaces)
        guard email.contains("@"), email.count <= 254 else {
            throw Abort(.badRequest, reason: "Not an e-mail address.")
        }
        let password = PKCE.randomToken().prefix(20).description
        var generator = SystemRandomNumberGenerator()
        let secret = Data((0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let staff =
            try await StaffUser.query(on: database).filter(\.$email == email).first()
            ?? StaffUser(name: name, email: email, role: role)
        staff.name = name
        staff.role = role
        staff.active = true
        staff.passwordHash = try Bcrypt.hash(password)
        staff.totpSecret = try SecretBox(keys: keys, purpose: "totp").seal(secret)
        staff.totpLastStep = nil
        try await staff.save(on: database)
        // New credentials start without the old ones' failures.
        try await LoginFailures(database: database).clearAll(staff: try staff.requireID())
        return Credentials(email: email, password: password, totpSecretBase32: Base32.encode(secret))
    }

    /// The TOTP time step of `date`.
    static func step(_ date: Date) -> Int64 { Int64(floor(date.timeIntervalSince1970 / 30)) }

    /// The code for `secret` at a time step (also used by tests, as an authenticator app would).
    static func code(secret: Data, step: Int64) -> String {
        TOTP(key: SymmetricKey(data: secret), digest: .sha1, digits: .six, interval: 30)
            .generate(time: Date(timeIntervalSince1970: TimeInterval(step * 30)))
    }

    /// The accepted step for `code` within one step of clock drift and after the last used step.
    static func acceptedStep(code: String, secret: Data, now: Date, lastStep: Int64?) -> Int64? {
        let current = step(now)
        for candidate in [current, current - 1, current + 1] where candidate > (lastStep ?? .min) {
            let expected = Self.code(secret: secret, step: candidate)
            if Data(SHA256.hash(data: Data(expected.utf8))) == Data(SHA256.hash(data: Data(code.utf8))) {
                return candidate
            }
        }
        return nil
    }
}
