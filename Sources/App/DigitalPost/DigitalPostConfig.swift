import DigitalPost
import Foundation

/// How the app reaches NgDP: base URL, system token and the OCES3 function certificate
/// (digital-post.md, "Transport"). Outside production without configuration: the stand-in.
public struct DigitalPostConfig: Sendable, Equatable {
    public var baseURL: String
    public var systemToken: String
    public var certificatePath: String?
    public var keyPath: String?
    /// Mount the NgDP stand-in under `/sandbox/ngdp` (development and tests only).
    public var standIn: Bool
    /// What NgDP sends in `Authorization: Basic ...` when it pushes mail to our receiving system.
    public var pushToken: String?
    /// Whether a letter sent through the shared connection names the administration company as
    /// `Sender/Representative` (MeMo 1.2; digital-post.md). `ALMEN_NGDP_REPRESENTATIVE=off` turns it off.
    public var namesRepresentative: Bool

    public init(
        baseURL: String,
        systemToken: String,
        certificatePath: String? = nil,
        keyPath: String? = nil,
        standIn: Bool,
        pushToken: String? = nil,
        namesRepresentative: Bool = true
    ) {
        self.namesRepresentative = namesRepresentative
        self.baseURL = baseURL
        self.systemToken = systemToken
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.standIn = standIn
        self.pushToken = pushToken
    }

    /// The stand-in of this app, at `publicBaseURL`.
    public static func standIn(publicBaseURL: String) -> DigitalPostConfig {
        DigitalPostConfig(
            baseURL: publicBaseURL + "/sandbox/ngdp/apis/v1/",
            systemToken: "sandbox-system-token",
            standIn: true,
            pushToken: standInPushToken
        )
    }

    /// The stand-in's push token: public, so production refuses it.
    public static let standInPushToken = "sandbox-push-token"

    static func fromEnvironment(
        production: Bool,
        variables: [String: String],
        publicBaseURL: String
    ) throws -> DigitalPostConfig? {
        let representative = variables["ALMEN_NGDP_REPRESENTATIVE"] ?? "on"
        guard ["on", "off"].contains(representative) else {
            throw ConfigurationError.invalid(variable: "ALMEN_NGDP_REPRESENTATIVE", expected: "on or off")
        }
        guard let base = variables["ALMEN_NGDP_BASE_URL"], !base.isEmpty else {
            guard !production else { return nil }
            var standIn = DigitalPostConfig.standIn(publicBaseURL: publicBaseURL)
            standIn.namesRepresentative = representative == "on"
            return standIn
        }
        guard let token = variables["ALMEN_NGDP_SYSTEM_TOKEN"], !token.isEmpty else {
            throw ConfigurationError.missing(variable: "ALMEN_NGDP_SYSTEM_TOKEN")
        }
        if production, URL(string: base)?.scheme?.lowercased() != "https" {
            throw ConfigurationError.invalid(variable: "ALMEN_NGDP_BASE_URL", expected: "an https URL in production")
        }
        let pushToken = variables["ALMEN_NGDP_PUSH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if production, let pushToken, pushToken == Self.standInPushToken || pushToken.count < 24 {
            throw ConfigurationError.invalid(
                variable: "ALMEN_NGDP_PUSH_TOKEN",
                expected: "a secret of at least 24 characters in production, not the stand-in's"
            )
        }
        let certificate = variables["ALMEN_NGDP_CERTIFICATE"]
        let key = variables["ALMEN_NGDP_PRIVATE_KEY"]
        if production, certificate == nil || key == nil {
            throw ConfigurationError.missing(
                variable: "ALMEN_NGDP_CERTIFICATE and ALMEN_NGDP_PRIVATE_KEY (the OCES3 function certificate)"
            )
        }
        return DigitalPostConfig(
            baseURL: base,
            systemToken: token,
            certificatePath: certificate,
            keyPath: key,
            standIn: false,
            pushToken: pushToken,
            namesRepresentative: representative == "on"
        )
    }

    /// The NgDP connection for the HTTP client.
    func connection() throws -> NgDPConnection {
        guard let url = URL(string: baseURL) else {
            throw ConfigurationError.invalid(variable: "ALMEN_NGDP_BASE_URL", expected: "a URL")
        }
        var certificate: NgDPClientCertificate?
        if let certificatePath, let keyPath {
            certificate = NgDPClientCertificate(
                certificateChain: .file(path: certificatePath),
                privateKey: .file(path: keyPath)
            )
        }
        return NgDPConnection(baseURL: url, systemToken: systemToken, clientCertificate: certificate)
    }
}
