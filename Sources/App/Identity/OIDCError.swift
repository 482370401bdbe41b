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

    func message(_ language: Language) -> String {
        switch (self, language) {
        case (.providerUnavailable, .da): "Login-tjenesten svarer ikke lige nu. Prøv igen om lidt."
        case (.providerUnavailable, .en): "The login service is not answering right now. Please try again shortly."
        case (.stateMismatch, .da), (.loginExpired, .da):
            "Login-forsøget er udløbet eller blev ikke startet her. Start forfra."
        case (.stateMismatch, .en), (.loginExpired, .en):
            "The login attempt has expired or was not started here. Please start again."
        case (.unknownPerson, .da):
            "Vi kan ikke finde dig i vores register. Kontakt din boligorganisation, hvis du bor hos os."
        case (.unknownPerson, .en):
            "We cannot find you in our register. Contact your housing organisation if you live with us."
        case (.notFresh, .da):
            "Du skal logge ind igen for at bekræfte ændringen, men login-tjenesten brugte et ældre login. Prøv igen."
        case (.notFresh, .en):
            "You must log in again to confirm the change, but the login service used an earlier login. Please try again."
        case (.insufficientAssurance, .da):
            "Log ind med MitID på sikringsniveau betydelig eller høj, fx med MitID-appen eller en kodeviser. Et login på lavt niveau giver ikke adgang her."
        case (.insufficientAssurance, .en):
            "Log in with MitID at the substantial or high level of assurance, for example with the MitID app or a code display. A low-level login does not give access here."
        case (.staffLinkRefused, .da):
            "Dit login kan ikke kobles til en medarbejderkonto. Bed en administrator om at koble dit login til din konto."
        case (.staffLinkRefused, .en):
            "Your login cannot be linked to a staff account. Ask an administrator to link your login to your account."
        case (.tooManyStarts, .da):
            "Der er startet for mange login fra din forbindelse. Vent et minut, og prøv igen."
        case (.tooManyStarts, .en): "Too many logins were started from your connection. Wait a minute and try again."
        case (_, .da): "Login blev afvist af sikkerhedshensyn. Start forfra."
        case (_, .en): "The login was refused for security reasons. Please start again."
        }
    }
}
