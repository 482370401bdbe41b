import Crypto
import Foundation
import SwiftASN1
import X509

/// A throwaway certificate authority made at test time, with a server certificate for 127.0.0.1
/// and a client certificate for mutual TLS, all as PEM. Nothing is read from or written to disk.
public struct TestPKI: Sendable {
    public let authorityPEM: String
    public let serverCertificatePEM: String
    public let serverKeyPEM: String
    public let clientCertificatePEM: String
    public let clientKeyPEM: String

    public init(name: String) throws {
        let authorityKey = P256.Signing.PrivateKey()
        let authorityName = try DistinguishedName {
            OrganizationName("Almen tests")
            CommonName("\(name) test CA")
        }
        let authority = try Self.certificate(
            subject: authorityName,
            publicKey: authorityKey.publicKey,
            issuer: authorityName,
            issuerKey: authorityKey,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            }
        )
        let serverKey = P256.Signing.PrivateKey()
        let server = try Self.certificate(
            subject: try DistinguishedName { CommonName("127.0.0.1") },
            publicKey: serverKey.publicKey,
            issuer: authorityName,
            issuerKey: authorityKey,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))])
            }
        )
        let clientKey = P256.Signing.PrivateKey()
        let client = try Self.certificate(
            subject: try DistinguishedName {
                OrganizationName("Boligforeningen Test")
                CommonName("Almen NgDP function certificate")
            },
            publicKey: clientKey.publicKey,
            issuer: authorityName,
            issuerKey: authorityKey,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.clientAuth])
            }
        )
        authorityPEM = try authority.serializeAsPEM().pemString
        serverCertificatePEM = try server.serializeAsPEM().pemString
        serverKeyPEM = serverKey.pemRepresentation
        clientCertificatePEM = try client.serializeAsPEM().pemString
        clientKeyPEM = clientKey.pemRepresentation
    }

    private static func certificate(
        subject: DistinguishedName,
        publicKey: P256.Signing.PublicKey,
        issuer: DistinguishedName,
        issuerKey: P256.Signing.PrivateKey,
        extensions: Certificate.Extensions
    ) throws -> Certificate {
        let now = Date()
        return try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(86_400),
            issuer: issuer,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: Certificate.PrivateKey(issuerKey)
        )
    }
}
