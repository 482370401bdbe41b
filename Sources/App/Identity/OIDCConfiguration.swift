import Foundation

/// One OpenID Connect relying-party registration: MitID through a broker for residents, or the
/// organisation's provider for staff. Claim names differ between brokers, so they are configured.
public struct OIDCConfiguration: Sendable, Equatable {
    /// Which login this is.
    public enum Audience: String, Sendable {
        case resident = "mitid"
        case staff = "medarbejder"
    }

    public var audience: Audience
    public var issuer: String
    public var clientID: String
    public var clientSecret: String
    public var scopes: [String]
    /// Where the CPR number is in the ID token (Signaturgruppen: `dk.cpr`; Criipto:
    /// `cprNumberIdentifier`).
    public var cprClaim: String
    public var nameClaim: String
    public var emailClaim: String
    /// Where the ID token says how strongly the person was identified (NSIS level of assurance:
    /// Signaturgruppen's `loa`, or `acr`); nil when the login does not check it (staff).
    public var assuranceClaim: String?
    /// Asked for at the provider (`acr_values`), when set.
    public var acrValues: String?

    /// NSIS levels of assurance at or above Substantial (betydelig), as brokers write them. A MitID
    /// login below that (Low) is refused: a resident's personal data and legal letters need it.
    public static let substantialOrHigher: Set<String> = [
        "substantial", "high",
        "https://data.gov.dk/concept/core/nsis/loa/substantial", "https://data.gov.dk/concept/core/nsis/loa/high",
    ]

    public init(
        audience: Audience,
        issuer: String,
        clientID: String,
        clientSecret: String,
        scopes: [String] = ["openid", "profile", "ssn"],
        cprClaim: String = "dk.cpr",
        nameClaim: String = "name",
        emailClaim: String = "email"
    ) {
        self.audience = audience
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.cprClaim = cprClaim
        self.nameClaim = nameClaim
        self.emailClaim = emailClaim
        // MitID logins are checked by default; staff logins use the organisation's own provider.
        self.assuranceClaim = audience == .resident ? "loa" : nil
        self.acrValues = audience == .resident ? "https://data.gov.dk/concept/core/nsis/loa/Substantial" : nil
    }
}

/// How people log in: the two OIDC registrations, and whether the sandbox providers are mounted.
public struct IdentityConfig: Sendable, Equatable {
    public var resident: OIDCConfiguration
    public var staff: OIDCConfiguration
    /// Mount the sandbox MitID and staff providers under `/sandbox/` (development and tests only).
    public var sandbox: Bool

    public init(resident: OIDCConfiguration, staff: OIDCConfiguration, sandbox: Bool) {
        self.resident = resident
        self.staff = staff
        self.sandbox = sandbox
    }

    /// The sandbox providers of this app, reached over HTTP at `publicBaseURL`.
    public static func sandbox(publicBaseURL: String, secret: String) -> IdentityConfig {
        IdentityConfig(
            resident: OIDCConfiguration(
                audience: .resident,
                issuer: publicBaseURL + "/sandbox/mitid",
                clientID: "almen-portal",
                clientSecret: secret
            ),
            staff: OIDCConfiguration(
                audience: .staff,
                issuer: publicBaseURL + "/sandbox/medarbejder",
                clientID: "almen-backoffice",
                clientSecret: secret,
                scopes: ["openid", "profile", "email"]
            ),
            sandbox: true
        )
    }

    /// The redirect URI registered for a login: `<base>/log-ind/<audience>/retur`.
    public static func redirectURI(_ audience: OIDCConfiguration.Audience, publicBaseURL: String) -> String {
        publicBaseURL + SiteRoute.loginCallback(audience).path
    }
}
