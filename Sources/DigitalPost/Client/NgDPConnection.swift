import Foundation

/// How to reach NgDP: one environment's base URL, the system token and the mutual-TLS
/// certificate (digital-post.md, "Transport"). All of it is configuration; nothing is built in.
///
/// A plain `http://` base URL is accepted for the local stand-in on loopback; the client
/// certificate is then not used. `description` and `dump` show neither the token nor key text.
public struct NgDPConnection: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Such as `https://api.test.digitalpost.dk/apis/v1/`; the trailing slash may be left out.
    public var baseURL: URL
    /// The system API token, sent as `Authorization: Basic <token>`.
    public var systemToken: String
    public var clientCertificate: NgDPClientCertificate?
    /// Trusted in addition to the system's roots, such as a test CA.
    public var extraTrustRoots: [NgDPPEM]
    /// For opening the connection, TLS handshake included.
    public var connectTimeout: Duration
    /// For one whole request, from sending to the last byte of the answer.
    public var requestTimeout: Duration
    /// Largest answer read as JSON; a larger one is an `invalidResponse`.
    public var maxJSONBytes: Int
    /// Largest incoming MeMo message fetched: above the 60 MB an organisation may opt in to, with
    /// base64 and XML overhead.
    public var maxMessageBytes: Int

    public init(
        baseURL: URL,
        systemToken: String,
        clientCertificate: NgDPClientCertificate? = nil,
        extraTrustRoots: [NgDPPEM] = [],
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(120),
        maxJSONBytes: Int = 1_048_576,
        maxMessageBytes: Int = 110 * 1_048_576
    ) {
        self.baseURL = baseURL
        self.systemToken = systemToken
        self.clientCertificate = clientCertificate
        self.extraTrustRoots = extraTrustRoots
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxJSONBytes = maxJSONBytes
        self.maxMessageBytes = maxMessageBytes
    }

    public var description: String {
        "NgDP at \(baseURL.absoluteString), token [redacted], "
            + (clientCertificate.map { "client \($0)" } ?? "no client certificate")
    }

    public var debugDescription: String { "NgDPConnection(\(description))" }

    public var customMirror: Mirror { Mirror(self, children: ["connection": description]) }
}
