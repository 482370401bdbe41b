import DigitalPost
import Foundation
import TestSupport
import Testing

@Suite("Configuring the NgDP connection")
struct ConnectionTests {
    static let url = URL(string: "https://api.test.digitalpost.dk/apis/v1/")!

    @Test(
        "Base URLs that cannot be NgDP's are refused at start-up",
        arguments: [
            "ftp://api.test.digitalpost.dk/apis/v1/", "https://api.test.digitalpost.dk/apis/v1/?x=1",
            "https://user:secret@api.test.digitalpost.dk/apis/v1/", "/apis/v1/",
            // Plain http only to this machine: the token would travel in clear.
            "http://api.test.digitalpost.dk/apis/v1/", "http://127.0.0.1.example/apis/v1/", "http://10.0.0.1/apis/v1/",
        ]
    )
    func badBaseURL(text: String) {
        let connection = NgDPConnection(baseURL: URL(string: text)!, systemToken: testToken)

        #expect {
            try HTTPNgDPClient(connection: connection)
        } throws: { error in
            guard case .invalidBaseURL = error as? NgDPConfigurationError else { return false }
            return true
        }
    }

    @Test(
        "Plain http is accepted for a stand-in on this machine",
        arguments: [
            "http://127.0.0.1:8090/apis/v1/", "http://localhost/apis/v1", "http://[::1]:8090/apis/v1/",
            "http://127.1.2.3/",
        ]
    )
    func loopbackHTTP(text: String) async throws {
        let client = try HTTPNgDPClient(connection: NgDPConnection(baseURL: URL(string: text)!, systemToken: testToken))
        await client.shutdown()
    }

    @Test(
        "Tokens that cannot go in a header are refused without being quoted",
        arguments: ["", "  ", "abc def", "abc\r\nX: y"]
    )
    func badToken(token: String) {
        let connection = NgDPConnection(baseURL: Self.url, systemToken: token)

        #expect(throws: NgDPConfigurationError.invalidToken) { try HTTPNgDPClient(connection: connection) }
    }

    @Test("Certificates and keys that cannot be read are refused at start-up")
    func unreadableCertificate() throws {
        let pki = try TestPKI(name: "Unreadable")
        let cases = [
            NgDPClientCertificate(certificateChain: .text("not PEM"), privateKey: .text(pki.clientKeyPEM)),
            NgDPClientCertificate(certificateChain: .text(pki.clientCertificatePEM), privateKey: .text("not PEM")),
            NgDPClientCertificate(
                certificateChain: .file(path: "/nonexistent/cert.pem"),
                privateKey: .text(pki.clientKeyPEM)
            ),
            // The server's key does not belong to the client's certificate.
            NgDPClientCertificate(
                certificateChain: .text(pki.clientCertificatePEM),
                privateKey: .text(pki.serverKeyPEM)
            ),
        ]

        for certificate in cases {
            let connection = NgDPConnection(baseURL: Self.url, systemToken: testToken, clientCertificate: certificate)
            #expect {
                try HTTPNgDPClient(connection: connection)
            } throws: { error in
                guard case .tls(let reason) = error as? NgDPConfigurationError else { return false }
                return !reason.contains("PRIVATE KEY")
            }
        }
    }

    @Test("Certificate and key files are read from disk")
    func filesRead() async throws {
        let pki = try TestPKI(name: "Files")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ngdp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("client.pem")
        let key = directory.appendingPathComponent("client.key")
        try pki.clientCertificatePEM.write(to: certificate, atomically: true, encoding: .utf8)
        try pki.clientKeyPEM.write(to: key, atomically: true, encoding: .utf8)
        let connection = NgDPConnection(
            baseURL: Self.url,
            systemToken: testToken,
            clientCertificate: NgDPClientCertificate(
                certificateChain: .file(path: certificate.path),
                privateKey: .file(path: key.path)
            )
        )

        let client = try HTTPNgDPClient(connection: connection)

        await client.shutdown()
    }

    @Test("The connection's description and dump show neither the token nor the key")
    func secretsHidden() throws {
        let pki = try TestPKI(name: "Hidden")
        let connection = NgDPConnection(
            baseURL: Self.url,
            systemToken: testToken,
            clientCertificate: NgDPClientCertificate(
                certificateChain: .text(pki.clientCertificatePEM),
                privateKey: .text(pki.clientKeyPEM)
            )
        )
        var dumped = ""

        dump(connection, to: &dumped)
        let renderings = [connection.description, String(reflecting: connection), dumped]

        let keyLine = try #require(pki.clientKeyPEM.split(separator: "\n").dropFirst().first)
        for text in renderings {
            #expect(!text.contains(testToken))
            #expect(!text.contains(keyLine))
            #expect(text.contains("api.test.digitalpost.dk"))
        }
    }
}
