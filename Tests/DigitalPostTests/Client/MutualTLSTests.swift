import DigitalPost
import Foundation
import NIOSSL
import TestSupport
import Testing

@Suite("Mutual TLS with a client certificate")
struct MutualTLSTests {
    /// A server that demands a client certificate issued by `pki`'s authority.
    static func serverTLS(_ pki: TestPKI) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(pki.serverCertificatePEM.utf8)).map {
                .certificate($0)
            },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pki.serverKeyPEM.utf8), format: .pem)),
            trustRoots: .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pki.authorityPEM.utf8)))
        )
        tls.certificateVerification = .noHostnameVerification
        return tls
    }

    static func connection(
        _ server: ScriptedNgDPServer,
        trusting authority: String?,
        certificate: NgDPClientCertificate?
    ) -> NgDPConnection {
        NgDPConnection(
            baseURL: server.baseURL,
            systemToken: testToken,
            clientCertificate: certificate,
            extraTrustRoots: authority.map { [.text($0)] } ?? [],
            // A refused handshake is retried until the connect timeout: keep it short.
            connectTimeout: .seconds(2),
            // Generous: under `make test`'s load a handshake and answer once took over ten seconds.
            requestTimeout: .seconds(60)
        )
    }

    static func certificate(of pki: TestPKI) -> NgDPClientCertificate {
        NgDPClientCertificate(certificateChain: .text(pki.clientCertificatePEM), privateKey: .text(pki.clientKeyPEM))
    }

    @Test("With the client certificate the call succeeds over TLS")
    func withCertificate() async throws {
        let pki = try TestPKI(name: "NgDP")
        let uuid = UUID()

        let (receipt, received) = try await ScriptedNgDPServer.run(
            answers: [.json(201, receiptJSON(messageUUID: uuid))],
            tls: try Self.serverTLS(pki)
        ) { server in
            let connection = Self.connection(server, trusting: pki.authorityPEM, certificate: Self.certificate(of: pki))
            let receipt = try await withClient(connection) {
                try await $0.send(memo: Data("<m/>".utf8), messageUUID: uuid)
            }
            return (receipt, server.received)
        }

        #expect(receipt.messageUUID == uuid)
        #expect(received.first?.header("Authorization") == "Basic \(testToken)")
        #expect(received.first?.query["memo-message-uuid"] == uuid.uuidString.lowercased())
    }

    @Test("Without a client certificate the handshake fails as a transport error, and no request arrives")
    func withoutCertificate() async throws {
        let pki = try TestPKI(name: "NgDP")

        let (error, received) = try await ScriptedNgDPServer.run(
            answers: [.json(201, receiptJSON(messageUUID: UUID()))],
            tls: try Self.serverTLS(pki)
        ) { server in
            let connection = Self.connection(server, trusting: pki.authorityPEM, certificate: nil)
            let error = try await withClient(connection) { client in
                await ngdpError { () async throws(NgDPError) in try await client.lookup(cpr: testCPR) }
            }
            return (error, server.received)
        }

        guard case .transport(let reason) = error else {
            Issue.record("Expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(reason.hasPrefix("GET contacts/:"))
        #expect(received.isEmpty)
        #expect(!everyRendering(of: error!).contains(testCPR))
        #expect(!everyRendering(of: error!).contains(testToken))
    }

    @Test("A client certificate from another authority is refused as a transport error")
    func certificateFromAnotherAuthority() async throws {
        let pki = try TestPKI(name: "NgDP")
        let stranger = try TestPKI(name: "Stranger")

        let (error, received) = try await ScriptedNgDPServer.run(
            answers: [.json(201, receiptJSON(messageUUID: UUID()))],
            tls: try Self.serverTLS(pki)
        ) { server in
            let connection = Self.connection(
                server,
                trusting: pki.authorityPEM,
                certificate: Self.certificate(of: stranger)
            )
            let error = try await withClient(connection) { client in
                await ngdpError { () async throws(NgDPError) in try await client.incoming(page: 0, size: 10) }
            }
            return (error, server.received)
        }

        guard case .transport = error else {
            Issue.record("Expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(received.isEmpty)
    }

    @Test("A server whose authority is not trusted is refused as a transport error")
    func untrustedServer() async throws {
        let pki = try TestPKI(name: "NgDP")

        let (error, received) = try await ScriptedNgDPServer.run(
            answers: [.json(201, receiptJSON(messageUUID: UUID()))],
            tls: try Self.serverTLS(pki)
        ) { server in
            let connection = Self.connection(server, trusting: nil, certificate: Self.certificate(of: pki))
            let error = try await withClient(connection) { client in
                await ngdpError { () async throws(NgDPError) in try await client.incoming(page: 0, size: 10) }
            }
            return (error, server.received)
        }

        guard case .transport(let reason) = error else {
            Issue.record("Expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("TLS"))
        #expect(received.isEmpty)
    }
}
