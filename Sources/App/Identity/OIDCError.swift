/// Why a login was refused. The messages are for the person logging in (Danish first) and never
/// contain token contents or personal data.
public enum OIDCError: Error, Equatable, Sendable {
    case providerUnavailable
    case stateMismatch
    case loginExpired
    case providerError(String)
    case tokenRejected(String)
    case invalidSignature
    case expired
    case wrongIssuer
    case wrongAudience
    case nonceMismatch
    case missingClaim(String)
    case unknownPerson
    /// A login asked for fresh authentication came back with an older one.
    case notFresh
    /// The person was identified below NSIS Substantial (MitID's lowest level, or none said).
    case insufficientAssurance
    /// A staff login whose e-mail belongs to an account already linked to another login, or
    /// whose e-mail the provider has not verified.
    case staffLinkRefused
    /// Too many logins started from one client in a short time.
    case tooManyStarts

    var code: String {
        switch self {
        case .providerUnavailable: "provider_unavailable"
        case .stateMismatch: "state_mismatch"
        case .loginExpired: "login_expired"
        case .providerError: "provider_error"
        case .tokenRejected: "token_rejected"
        case .invalidSignature: "invalid_signature"
        case .expired: "token_expired"
        case .wrongIssuer: "wrong_issuer"
        case .wrongAudience: "wrong_audience"
        case .nonceMismatch: "nonce_mismatch"
        case .missingClaim: "missing_claim"
        case .unknownPerson: "unknown_person"
        case .notFresh: "not_fresh"
        case .staffLinkRefused: "staff_link_refused"
        case .insufficientAssurance: "insufficient_assurance"
        case .tooManyStarts: "too_many_starts"
        }
    }

    /// The message's key in the words (`IdentityWords`): the refusals a person can do something
    /// about have their own; the rest share one.
    var messageKey: String {
        switch self {
        case .providerUnavailable, .unknownPerson, .notFresh, .insufficientAssurance, .staffLinkRefused, .tooManyStarts:
            "loginError_\(code)"
        case .stateMismatch, .loginExpired: "loginError_login_expired"
        case .providerError, .tokenRejected, .invalidSignature, .expired, .wrongIssuer, .wrongAudience,
            .nonceMismatch, .missingClaim:
            "loginError_refused"
        }
    }

    func message(_ language: Language) -> String {
        Strings.table(language)[messageKey] ?? ""
    }
}
