import Foundation
import JWTKit

/// The ID token the sandbox issues, shaped like a MitID broker's (Signaturgruppen's claim names
/// by default: the CPR number in `dk.cpr`).
struct SandboxIDToken: JWTPayload {
    let iss: String
    let sub: String
    /// One audience is written as a string, several as an array (both are valid JWT).
    let aud: [String]
    let exp: Int
    let iat: Int
    let nbf: Int?
    let azp: String?
    let authTime: Int?
    let nonce: String?
    let name: String
    let email: String?
    let cpr: String?
    let loa: String

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nbf, azp, nonce, name, email, loa
        case emailVerified = "email_verified"
        case authTime = "auth_time"
        case cpr = "dk.cpr"
    }

    init(
        iss: String,
        sub: String,
        aud: [String],
        exp: Int,
        iat: Int,
        nbf: Int? = nil,
        azp: String? = nil,
        authTime: Int?,
        nonce: String?,
        name: String,
        email: String?,
        cpr: String?,
        loa: String
    ) {
        (self.iss, self.sub, self.aud, self.exp, self.iat, self.nbf, self.azp) = (iss, sub, aud, exp, iat, nbf, azp)
        (self.authTime, self.nonce, self.name, self.email, self.cpr, self.loa) = (
            authTime, nonce, name, email, cpr, loa
        )
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let audiences: [String]
        if let many = try? container.decode([String].self, forKey: .aud) {
            audiences = many
        } else {
            audiences = [try container.decode(String.self, forKey: .aud)]
        }
        self.init(
            iss: try container.decode(String.self, forKey: .iss),
            sub: try container.decode(String.self, forKey: .sub),
            aud: audiences,
            exp: try container.decode(Int.self, forKey: .exp),
            iat: try container.decode(Int.self, forKey: .iat),
            nbf: try container.decodeIfPresent(Int.self, forKey: .nbf),
            azp: try container.decodeIfPresent(String.self, forKey: .azp),
            authTime: try container.decodeIfPresent(Int.self, forKey: .authTime),
            nonce: try container.decodeIfPresent(String.self, forKey: .nonce),
            name: try container.decode(String.self, forKey: .name),
            email: try container.decodeIfPresent(String.self, forKey: .email),
            cpr: try container.decodeIfPresent(String.self, forKey: .cpr),
            loa: try container.decode(String.self, forKey: .loa)
        )
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(iss, forKey: .iss)
        try container.encode(sub, forKey: .sub)
        if aud.count == 1 {
            try container.encode(aud[0], forKey: .aud)
        } else {
            try container.encode(aud, forKey: .aud)
        }
        try container.encode(exp, forKey: .exp)
        try container.encode(iat, forKey: .iat)
        try container.encodeIfPresent(nbf, forKey: .nbf)
        try container.encodeIfPresent(azp, forKey: .azp)
        try container.encodeIfPresent(authTime, forKey: .authTime)
        try container.encodeIfPresent(nonce, forKey: .nonce)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(email, forKey: .email)
        // The sandbox's e-mail addresses are the staff register's own: verified.
        if email != nil { try container.encode(true, forKey: .emailVerified) }
        try container.encodeIfPresent(cpr, forKey: .cpr)
        try container.encode(loa, forKey: .loa)
    }

    func verify(using _: some JWTAlgorithm) async throws {}
}
