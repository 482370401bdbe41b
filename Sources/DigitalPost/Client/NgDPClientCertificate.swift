/// The client certificate for mutual TLS: an OCES3 function certificate (funktionscertifikat),
/// one per NgDP environment, with its private key.
///
/// Keys delivered as PKCS#12 (`.p12`) are converted to PEM first
/// (`openssl pkcs12 -in cert.p12 -nodes`); an encrypted PEM key is not supported.
public struct NgDPClientCertificate: Hashable, Sendable, CustomStringConvertible {
    /// The certificate first, then any intermediate certificates.
    public var certificateChain: NgDPPEM
    public var privateKey: NgDPPEM

    public init(certificateChain: NgDPPEM, privateKey: NgDPPEM) {
        self.certificateChain = certificateChain
        self.privateKey = privateKey
    }

    public var description: String { "certificate \(certificateChain), key \(privateKey)" }
}
