import Foundation

/// Issued authorization codes: single use and short-lived, as RFC 6749 requires.
actor AuthorizationCodeStore {
    struct Grant: Sendable {
        let clientID: String
        let redirectURI: String
        let nonce: String?
        let codeChallenge: String
        let person: SandboxPerson
        let authTime: Date
        let expires: Date
    }

    private var grants: [String: Grant] = [:]

    func issue(_ grant: Grant) -> String {
        let code = SandboxRandom.token()
        grants[code] = grant
        return code
    }

    /// Removes and returns the grant: a code works once, also when the exchange then fails.
    func redeem(_ code: String, now: Date) -> Grant? {
        grants = grants.filter { $0.value.expires > now }
        return grants.removeValue(forKey: code)
    }
}

/// Unguessable tokens (base64url of 32 random bytes).
enum SandboxRandom {
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64URLEncoded
    }
}

extension Data {
    /// Base64url without padding (RFC 7515, appendix C).
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
