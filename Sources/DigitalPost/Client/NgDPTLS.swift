import NIOSSL

/// Builds the TLS configuration for a connection: the system's trust roots plus any extra ones,
/// and the client certificate for mutual TLS.
enum NgDPTLS {
    static func configuration(for connection: NgDPConnection) throws(NgDPConfigurationError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let certificate = connection.clientCertificate {
            tls.certificateChain = try certificates(certificate.certificateChain, what: "client certificate chain")
                .map { .certificate($0) }
            tls.privateKey = .privateKey(try privateKey(certificate.privateKey))
        }
        var roots: [NIOSSLCertificate] = []
        for source in connection.extraTrustRoots {
            roots += try certificates(source, what: "extra trust root")
        }
        if !roots.isEmpty {
            tls.additionalTrustRoots = [.certificates(roots)]
        }
        // Building a context checks that the key belongs to the certificate, so a mistake shows at
        // start-up instead of as a failed handshake on the first letter.
        do {
            _ = try NIOSSLContext(configuration: tls)
        } catch {
            throw .tls("the client certificate, its key and the trust roots cannot be used together.")
        }
        return tls
    }

    private static func certificates(
        _ source: NgDPPEM,
        what: String
    ) throws(NgDPConfigurationError)
        -> [NIOSSLCertificate]
    {
        let loaded: [NIOSSLCertificate]
        do {
            switch source {
            case .text(let text): loaded = try NIOSSLCertificate.fromPEMBytes(Array(text.utf8))
            case .file(let path): loaded = try NIOSSLCertificate.fromPEMFile(path)
            }
        } catch {
            throw .tls("the \(what) (\(source)) is not readable PEM.")
        }
        guard !loaded.isEmpty else { throw .tls("the \(what) (\(source)) holds no certificate.") }
        return loaded
    }

    private static func privateKey(_ source: NgDPPEM) throws(NgDPConfigurationError) -> NIOSSLPrivateKey {
        do {
            switch source {
            case .text(let text): return try NIOSSLPrivateKey(bytes: Array(text.utf8), format: .pem)
            case .file(let path): return try NIOSSLPrivateKey(file: path, format: .pem)
            }
        } catch {
            throw .tls("the private key (\(source)) is not a readable, unencrypted PEM key.")
        }
    }
}
