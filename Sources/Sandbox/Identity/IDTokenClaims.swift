import Foundation
import JWTKit

/// The ID token the sandbox issues, shaped like a MitID broker's (Signaturgruppen's claim names
/// by default: the CPR number in `dk.cpr`).
struct SandboxIDToken: JWTPayload {
    let iss: String
    let sub: String
    let aud: String
    let exp: Int
    let iat: Int
    let authTime: Int
    let nonce: String?
    let name: String
    let email: String?
    let cpr: String?
    let loa: String

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nonce, name, email, loa
        case authTime = "auth_time"
        case cpr = "dk.cpr"
    }

    func verify(using _: some JWTAlgorithm) async throws {}
}
