import Foundation
import NIOCore
import NIOSSL
import Sandbox
import TestSupport
import Testing

@testable import Mail

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

    /// A server's TLS with a certificate for 127.0.0.1 from `pki`'s authority.
    static func serverTLS(_ pki: TestPKI) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(pki.serverCertificatePEM.utf8)).map {
                .certificate($0)
            },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pki.serverKeyPEM.utf8), format: .pem))
        )
        tls.minimumTLSVersion = .tlsv12
        return tls
    }

    /// How a conversation ends that TLS broke: the handshake fails (NIOSSL), the client's next
    /// write or read finds the channel closed, or both came in one read and are refused as
    /// malformed. Which one depends on how busy the machine is; none of them sends anything.
    static func refusedBeforeSending(_ error: any Error) -> Bool {
        error is NIOSSLError || error is ChannelError || error as? SMTPError == .malformedReply
            || error as? SMTPError == .connectionClosed
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
        let tls = try Self.serverTLS(pki)
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
        let untrusted = SMTPServer(host: "127.0.0.1", port: server.port, security: .startTLS, timeout: .seconds(60))
        // The handshake fails (NIOSSL), or, on a loaded machine, the write after it finds the
        // channel closed. (The deadline is long: the whole suite shares two cores, and a failure
        // must come from the handshake, not from the clock.)
        await #expect {
            try await SMTPClient(server: untrusted).send(try Self.message(body: "Nej."))
        } throws: { error in
            Self.refusedBeforeSending(error)
        }
        #expect(server.received.count == 1)
        try await server.stop()
    }

    @Test func plaintextAfterTheGoAheadForTLSIsRefused() async throws {
        let pki = try TestPKI(name: "SMTP")
        let tls = try Self.serverTLS(pki)
        let server = try await SandboxSMTPServer.start(tls: tls)
        let secure = SMTPServer(
            host: "127.0.0.1",
            port: server.port,
            security: .startTLS,
            trustRoots: try NIOSSLCertificate.fromPEMBytes(Array(pki.authorityPEM.utf8)),
            timeout: .seconds(60)
        )
        // In the same write as the go-ahead: refused before the handshake.
        server.fail("STARTTLS", with: 1)
        await #expect(throws: SMTPError.malformedReply) {
            try await SMTPClient(server: secure).send(try Self.message(body: "x"))
        }
        // A moment later: TLS has started, so the plaintext breaks the handshake (or, when the
        // client read late, both came in one read and are refused as above).
        server.fail("STARTTLS", with: 2)
        await #expect {
            try await SMTPClient(server: secure).send(try Self.message(body: "x"))
        } throws: { error in
            Self.refusedBeforeSending(error)
        }
        // A go-ahead forged after EHLO's reply, before the client asked: TLS never started, so
        // nothing more is said (no login, no message in plaintext).
        server.fail("EHLO", with: 0)
        let withLogin = SMTPServer(
            host: "127.0.0.1",
            port: server.port,
            security: .startTLS,
            username: "almen",
            password: "hemmeligt",
            trustRoots: try NIOSSLCertificate.fromPEMBytes(Array(pki.authorityPEM.utf8)),
            timeout: .seconds(60)
        )
        await #expect(throws: SMTPError.malformedReply) {
            try await SMTPClient(server: withLogin).send(try Self.message(body: "x"))
        }
        #expect(server.received.isEmpty)
        try await server.stop()
    }

    @Test func aMessageOverTheSizeLimitIsRefusedAndTheConversationGoesOn() async throws {
        let server = try await SandboxSMTPServer.start()
        let plain = SMTPServer(host: "127.0.0.1", port: server.port, security: .none)
        let huge = String(repeating: "Æbler og pærer. ", count: 70_000)
        do {
            try await SMTPClient(server: plain).send(try Self.message(body: huge))
            Issue.record("a message over the limit must be refused")
        } catch let error as SMTPError {
            guard case .rejected(let command, let code, _) = error else { throw error }
            #expect(command == "DATA" && code == 552 && error.permanent)
        }
        try await SMTPClient(server: plain).send(try Self.message(body: "Lille."))
        #expect(server.received.map { $0.mail?.body } == ["Lille."])
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
        let tls = try Self.serverTLS(pki)
        let server = try await SandboxSMTPServer.start(tls: tls)
        // Implicit TLS against a server that speaks plain SMTP first: the handshake fails.
        let wrong = SMTPServer(host: "127.0.0.1", port: server.port, security: .tls, timeout: .seconds(2))
        await #expect(throws: (any Error).self) {
            try await SMTPClient(server: wrong).send(try Self.message(body: "x"))
        }
        try await server.stop()
    }

    @Test func aServerOfferingOnlyLoginGetsLogin() async throws {
        let pki = try TestPKI(name: "SMTP")
        let server = try await SandboxSMTPServer.start(tls: try Self.serverTLS(pki))
        server.offer("LOGIN")
        let login = SMTPServer(
            host: "127.0.0.1",
            port: server.port,
            security: .startTLS,
            username: "almen",
            password: "hemmeligt",
            trustRoots: try NIOSSLCertificate.fromPEMBytes(Array(pki.authorityPEM.utf8))
        )
        try await SMTPClient(server: login).send(try Self.message(body: "Med LOGIN."))
        #expect(server.received.first?.user == "almen")
        // A server offering neither: a clear error, nothing sent.
        server.offer("XOAUTH2")
        await #expect(
            throws: SMTPError.rejected(command: "AUTH", code: 0, text: "no mechanism in common (PLAIN, LOGIN)")
        ) {
            try await SMTPClient(server: login).send(try Self.message(body: "x"))
        }
        #expect(server.received.count == 1)
        try await server.stop()
    }

    @Test(arguments: [
        ("almen.example.org", "almen.example.org"),
        ("127.0.0.1", "[127.0.0.1]"),
        ("::1", "[IPv6:::1]"),
        ("[2001:db8::1]", "[IPv6:2001:db8::1]"),
        ("", "localhost"),
    ])
    func theGreetingNamesAnAddressAsALiteral(name: String, argument: String) {
        #expect(SMTPClient.helloArgument(name) == argument)
    }

    @Test func aLineStartingWithADotIsDoubledAndTheDotEndsIt() {
        #expect(SMTPClient.dotStuffed("a\r\n.b\r\n..c\r\n") == "a\r\n..b\r\n...c\r\n.")
        #expect(SMTPClient.dotStuffed("Hej\r\n") == "Hej\r\n.")
    }

    @Test func namesWithSpecialCharactersAreQuoted() throws {
        #expect(try MailAddress("m@adm.dk", name: "Hansen, Mette").header == #""Hansen, Mette" <m@adm.dk>"#)
        #expect(try MailAddress("m@adm.dk", name: #"Mette "M" Hansen"#).header == #""Mette \"M\" Hansen" <m@adm.dk>"#)
        #expect(try MailAddress("m@adm.dk", name: "Mette Hansen").header == "Mette Hansen <m@adm.dk>")
        #expect(try MailAddress("m@adm.dk", name: "Mette Søndergaard").header.hasSuffix("?=\r\n <m@adm.dk>"))
    }

    @Test func headersCannotBeInjected() throws {
        #expect(throws: MailError.invalidSubject) {
            try Self.message(subject: "Hej\r\nBcc: alle@example.dk", body: "x")
        }
        for bad in [
            "a@b", "@b.dk", "a b@c.dk", "a@b.dk\r\nBcc: c@d.dk", "a<b@c.dk", "æ@b.dk", "a\u{0}@b.dk", "a\u{7F}@b.dk",
        ] {
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
        #expect(header.count <= 76)
        #expect(!rendered.contains("=?utf-8?B??="))
        #expect(rendered.contains("Auto-Submitted: auto-generated\r\n"))
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
