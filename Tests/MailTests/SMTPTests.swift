import Foundation
import Mail
import NIOCore
import NIOSSL
import Sandbox
import TestSupport
import Testing

/// The SMTP client against the sandbox's SMTP server over real TCP: plain to this machine,
/// STARTTLS with a certificate from a throwaway authority, AUTH PLAIN, refusals, and the message
/// read back as it was written (Danish letters in the subject and the body, a line with a dot).
@Suite("Sending e-mail by SMTP")
struct SMTPTests {
    static func message(subject: String = "Påmindelse: 2 sager med frist i dag", body: String) throws -> MailMessage {
        try MailMessage(
            from: try MailAddress("noreply@almen.example", name: "Almen Ærø"),
            to: [try MailAddress("mette@boligadministration.example", name: "Mette Søndergaard")],
            subject: subject,
            body: body,
            date: Date(timeIntervalSince1970: 1_796_000_000),
            id: UUID(uuidString: "7D444840-9DC0-11D1-B245-5FFDCE74FAD2")!
        )
    }

    @Test func aMessageArrivesAsItWasWritten() async throws {
        let server = try await SandboxSMTPServer.start()
        let body =
            "Hej Mette\n\n.En linje med et punktum først\nÆble, øl og å.\n" + String(repeating: "lang ", count: 60)
        try await SMTPClient(server: SMTPServer(host: "127.0.0.1", port: server.port, security: .none))
            .send(try Self.message(body: body))
        let delivery = try #require(server.received.first)
        #expect(delivery.from == "noreply@almen.example")
        #expect(delivery.recipients == ["mette@boligadministration.example"])
        #expect(delivery.overTLS == false && delivery.user == nil)
        let mail = try #require(delivery.mail)
        #expect(mail.subject == "Påmindelse: 2 sager med frist i dag")
        #expect(mail.body == body)
        #expect(mail.from == "Almen Ærø <noreply@almen.example>")
        #expect(mail.to == ["Mette Søndergaard <mette@boligadministration.example>"])
        try await server.stop()
    }

    @Test func startTLSIsRequiredAndUsedBeforeTheLogin() async throws {
        let pki = try TestPKI(name: "SMTP")
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(pki.serverCertificatePEM.utf8)).map {
                .certificate($0)
            },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pki.serverKeyPEM.utf8), format: .pem))
        )
        tls.minimumTLSVersion = .tlsv12
        let server = try await SandboxSMTPServer.start(tls: tls)
        let authority = try NIOSSLCertificate.fromPEMBytes(Array(pki.authorityPEM.utf8))
        let secure = SMTPServer(
            host: "127.0.0.1",
            port: server.port,
            security: .startTLS,
            username: "almen",
            password: "hemmeligt",
            trustRoots: authority
        )
        try await SMTPClient(server: secure).send(try Self.message(body: "Over TLS."))
        let delivery = try #require(server.received.first)
        #expect(delivery.overTLS && delivery.user == "almen")
        #expect(delivery.mail?.body == "Over TLS.")
        // A certificate from an authority the client does not trust: nothing is sent.
        let untrusted = SMTPServer(host: "127.0.0.1", port: server.port, security: .startTLS, timeout: .seconds(5))
        await #expect(throws: (any Error).self) {
            try await SMTPClient(server: untrusted).send(try Self.message(body: "Nej."))
        }
        #expect(server.received.count == 1)
        try await server.stop()
    }

    @Test func plaintextAfterTheGoAheadForTLSIsRefused() async throws {
        let pki = try TestPKI(name: "SMTP")
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(pki.serverCertificatePEM.utf8)).map {
                .certificate($0)
            },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pki.serverKeyPEM.utf8), format: .pem))
        )
        let server = try await SandboxSMTPServer.start(tls: tls)
        server.fail("STARTTLS", with: 0)
        let secure = SMTPServer(
            host: "127.0.0.1",
            port: server.port,
            security: .startTLS,
            trustRoots: try NIOSSLCertificate.fromPEMBytes(Array(pki.authorityPEM.utf8))
        )
        await #expect(throws: SMTPError.malformedReply) {
            try await SMTPClient(server: secure).send(try Self.message(body: "x"))
        }
        #expect(server.received.isEmpty)
        try await server.stop()
    }

    @Test func aServerWithoutStartTLSGetsNothing() async throws {
        let server = try await SandboxSMTPServer.start()
        let wanted = SMTPServer(host: "127.0.0.1", port: server.port, security: .startTLS, username: "a", password: "b")
        await #expect(throws: SMTPError.rejected(command: "STARTTLS", code: 0, text: "not offered")) {
            try await SMTPClient(server: wanted).send(try Self.message(body: "Ikke uden TLS."))
        }
        #expect(server.received.isEmpty)
        try await server.stop()
    }

    @Test func plainSMTPIsOnlyForThisMachineAndNeverWithAPassword() async throws {
        for server in [
            SMTPServer(host: "mail.example.dk", port: 25, security: .none),
            SMTPServer(host: "127.0.0.1", port: 25, security: .none, username: "a", password: "b"),
        ] {
            await #expect(throws: SMTPError.insecure) {
                try await SMTPClient(server: server).send(try Self.message(body: "x"))
            }
        }
    }

    @Test func aRefusedRecipientIsAPermanentError() async throws {
        let server = try await SandboxSMTPServer.start()
        server.fail("RCPT", with: 550)
        let plain = SMTPServer(host: "127.0.0.1", port: server.port, security: .none)
        do {
            try await SMTPClient(server: plain).send(try Self.message(body: "x"))
            Issue.record("a refused recipient must throw")
        } catch let error as SMTPError {
            #expect(error.permanent)
            guard case .rejected(let command, let code, _) = error else { throw error }
            #expect(command == "RCPT" && code == 550)
        }
        server.fail("DATA", with: 451)
        do {
            try await SMTPClient(server: plain).send(try Self.message(body: "x"))
            Issue.record("a refused message must throw")
        } catch let error as SMTPError {
            #expect(!error.permanent)
        }
        #expect(server.received.isEmpty)
        try await server.stop()
    }

    @Test func aServerThatSaysNothingTimesOut() async throws {
        let server = try await SandboxSMTPServer.start()
        server.fail("CONNECT", with: 0)
        let silent = SMTPServer(host: "127.0.0.1", port: server.port, security: .none, timeout: .seconds(1))
        await #expect(throws: SMTPError.timedOut) {
            try await SMTPClient(server: silent).send(try Self.message(body: "x"))
        }
        try await server.stop()
    }

    @Test func implicitTLSToAServerThatSpeaksPlainFirstFails() async throws {
        let pki = try TestPKI(name: "SMTP")
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(pki.serverCertificatePEM.utf8)).map {
                .certificate($0)
            },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pki.serverKeyPEM.utf8), format: .pem))
        )
        let server = try await SandboxSMTPServer.start(tls: tls)
        // Implicit TLS against a server that speaks plain SMTP first: the handshake fails.
        let wrong = SMTPServer(host: "127.0.0.1", port: server.port, security: .tls, timeout: .seconds(2))
        await #expect(throws: (any Error).self) {
            try await SMTPClient(server: wrong).send(try Self.message(body: "x"))
        }
        try await server.stop()
    }

    @Test func headersCannotBeInjected() throws {
        #expect(throws: MailError.invalidSubject) {
            try Self.message(subject: "Hej\r\nBcc: alle@example.dk", body: "x")
        }
        for bad in ["a@b", "@b.dk", "a b@c.dk", "a@b.dk\r\nBcc: c@d.dk", "a<b@c.dk", "æ@b.dk"] {
            #expect(throws: MailError.invalidAddress) { try MailAddress(bad) }
        }
        #expect(throws: MailError.invalidAddress) { try MailAddress("a@b.dk", name: "Mette\nBcc: x") }
        let parsed = try MailAddress(parsing: "Almen <noreply@almen.example>")
        #expect(parsed.address == "noreply@almen.example" && parsed.name == "Almen")
        #expect(try MailAddress(parsing: " noreply@almen.example ").name == nil)
    }

    @Test func aLongSubjectIsFoldedIntoEncodedWordsOfWholeCharacters() throws {
        let subject = String(repeating: "Påmindelse om frister æøå ", count: 6)
        let rendered = try Self.message(subject: subject, body: "x").rendered
        let header = try #require(rendered.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") })
        #expect(header.count <= 78 + 9)
        #expect(rendered.contains("\r\n =?utf-8?B?"))
        #expect(ReceivedMail(parsing: rendered)?.subject == subject)
        #expect(rendered.contains("Content-Type: text/plain; charset=utf-8\r\n"))
        #expect(rendered.contains("Message-ID: <7d444840-9dc0-11d1-b245-5ffdce74fad2@almen.example>"))
        #expect(rendered.hasPrefix("Date: Mon, 30 Nov 2026 00:53:20 +0000\r\n"))
    }

    @Test func urlsNameTheServer() {
        let starttls = SMTPServer(url: "smtp://almen%40adm.dk:p%C3%A5ssword@smtp.adm.dk")
        #expect(starttls?.host == "smtp.adm.dk" && starttls?.port == 587 && starttls?.security == .startTLS)
        #expect(starttls?.username == "almen@adm.dk" && starttls?.password == "påssword")
        #expect(SMTPServer(url: "smtps://smtp.adm.dk")?.port == 465)
        #expect(SMTPServer(url: "smtp+plain://127.0.0.1:2525")?.security == SMTPServer.Security.none)
        #expect(SMTPServer(url: "http://smtp.adm.dk") == nil)
        #expect(SMTPServer(url: "smtp://") == nil)
    }
}
