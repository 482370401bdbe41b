import Fluent
import Foundation

/// A login started here and not yet finished: the OIDC state (hashed), nonce and PKCE verifier.
/// Used once, then deleted; older than 10 minutes it is refused.
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"
    static let lifetime: TimeInterval = 600

    @ID(key: .id) var id: UUID?
    @Field(key: "audience") var audience: String
    @Field(key: "state_hash") var stateHash: String
    @Field(key: "nonce") var nonce: String
    @Field(key: "code_verifier") var codeVerifier: String
    @Field(key: "return_to") var returnTo: String
    @Field(key: "created_at") var createdAt: Date
    /// Asked the provider to authenticate anew (`max_age=0`), to confirm a sensitive change.
    @Field(key: "fresh") var fresh: Bool

    init() {}

    init(
        audience: OIDCConfiguration.Audience,
        stateHash: String,
        nonce: String,
        codeVerifier: String,
        returnTo: String,
        createdAt: Date,
        fresh: Bool = false
    ) {
        self.fresh = fresh
        self.audience = audience.rawValue
        self.stateHash = stateHash
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.returnTo = returnTo
        self.createdAt = createdAt
    }
}
