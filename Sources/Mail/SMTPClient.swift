import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Where mail goes: an SMTP server (a submission port with STARTTLS, or implicit TLS), with the
/// account's name and password when it asks for them (AUTH PLAIN, only over TLS).
public struct SMTPServer: Sendable {
    public enum Security: String, Sendable {
        /// No TLS: only to a server on the loopback interface (the sandbox's stand-in).
        case none
        /// Plain TCP, upgraded with STARTTLS before anything else is said (port 587).
        case startTLS
        /// TLS from the first byte (port 465).
        case tls
    }

    public let host: String
    public let port: Int
    public let security: Security
    public let username: String?
    public let password: String?
    /// Extra authorities to trust (tests; a server with a private CA); the system's always count.
    public let trustRoots: [NIOSSLCertificate]
    public let timeout: TimeAmount

    public init(
        host: String,
        port: Int,
        security: Security,
        username: String? = nil,
        password: String? = nil,
        trustRoots: [NIOSSLCertificate] = [],
        timeout: TimeAmount = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.trustRoots = trustRoots
        self.timeout = timeout
    }

    /// `smtp://user:password@host:587` (STARTTLS), `smtps://…:465` (TLS), or
    /// `smtp+plain://127.0.0.1:2525` (no TLS: loopback only). Nil for anything else.
    public init?(url text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            return nil
        }
        let security: Security
        switch scheme {
        case "smtp": security = .startTLS
        case "smtps": security = .tls
        case "smtp+plain": security = .none
        default: return nil
        }
        self.init(
            host: host,
            port: url.port ?? (security == .tls ? 465 : 587),
            security: security,
            username: url.user.flatMap { $0.removingPercentEncoding },
            password: url.password.flatMap { $0.removingPercentEncoding }
        )
    }

    public var isLoopback: Bool { host == "127.0.0.1" || host == "::1" || host == "localhost" }
}

/// Why a message was not sent. `permanent` (a 5xx reply) will not change by trying again.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered `code` to `command` ("MAIL", "RCPT", …) where another was expected.
    case rejected(command: String, code: Int, text: String)
    /// Plain SMTP to a server that is not on this machine, or a password without TLS.
    case insecure
    /// The server said something that is not an SMTP reply.
    case malformedReply
    /// The server did not answer in time, or closed the connection.
    case timedOut
    case connectionClosed

    public var permanent: Bool {
        if case .rejected(_, let code, _) = self { return code >= 500 }
        return self == .insecure
    }

    public var description: String {
        switch self {
        case .rejected(let command, let code, let text): "SMTP \(command) refused: \(code) \(text)"
        case .insecure: "SMTP without TLS is only for a server on this machine"
        case .malformedReply: "SMTP reply malformed"
        case .timedOut: "SMTP server did not answer in time"
        case .connectionClosed: "SMTP server closed the connection"
        }
    }
}

/// Sends one message per connection: EHLO, STARTTLS when asked, AUTH PLAIN when the server has
/// an account, MAIL, one RCPT per recipient, DATA (dot-stuffed), QUIT. Every step waits for its
/// reply and checks its code; anything else is an `SMTPError`, and the message is not sent.
public struct SMTPClient: Sendable {
    let server: SMTPServer
    let group: any EventLoopGroup
    /// The name this client gives in EHLO.
    let helloName: String

    public init(
        server: SMTPServer,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        helloName: String = "almen"
    ) {
        self.server = server
        self.group = group
        self.helloName = helloName
    }

    public func send(_ message: MailMessage) async throws {
        guard server.security != .none || (server.isLoopback && server.password == nil) else {
            throw SMTPError.insecure
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if !server.trustRoots.isEmpty { tls.additionalTrustRoots = [.certificates(server.trustRoots)] }
        let context = try NIOSSLContext(configuration: tls)
        let host = server.host
        let implicit = server.security == .tls
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(server.timeout)
            .connect(host: server.host, port: server.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: context, serverHostname: Self.sniName(host))
                        )
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let timeout = server.timeout
        try await channel.executeThenClose { inbound, outbound in
            // One deadline for the whole conversation: a server that stalls closes it.
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask {
                    var session = Session(inbound: inbound.makeAsyncIterator(), outbound: outbound)
                    try await self.converse(
                        &session,
                        message: message,
                        upgrade: {
                            // The handler is made and added on the channel's own event loop.
                            let raw = channel.channel
                            try await raw.eventLoop.submit {
                                try raw.pipeline.syncOperations.addHandler(
                                    try NIOSSLClientHandler(context: context, serverHostname: Self.sniName(host)),
                                    position: .first
                                )
                            }.get()
                        }
                    )
                }
                tasks.addTask {
                    try await Task.sleep(nanoseconds: UInt64(timeout.nanoseconds))
                    throw SMTPError.timedOut
                }
                defer { tasks.cancelAll() }
                try await tasks.next()
            }
        }
    }

    /// A host name for SNI: none for an IP address.
    static func sniName(_ host: String) -> String? {
        host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host
    }

    private func converse(_ session: inout Session, message: MailMessage, upgrade: () async throws -> Void) async throws
    {
        try await session.expect(220, after: "CONNECT")
        var features = try await session.command("EHLO \(helloName)", expect: 250)
        if server.security == .startTLS {
            guard features.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                throw SMTPError.rejected(command: "STARTTLS", code: 0, text: "not offered")
            }
            _ = try await session.command("STARTTLS", expect: 220)
            // Nothing may follow the go-ahead before the handshake: plaintext sent after it would
            // be read as if it had come over TLS (STARTTLS command injection).
            guard session.pending.isEmpty else { throw SMTPError.malformedReply }
            try await upgrade()
            features = try await session.command("EHLO \(helloName)", expect: 250)
        }
        if let username = server.username, let password = server.password {
            let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
            _ = try await session.command("AUTH PLAIN \(token)", expect: 235, shown: "AUTH")
        }
        _ = features
        _ = try await session.command("MAIL FROM:<\(message.from.address)>", expect: 250, shown: "MAIL")
        for recipient in message.to {
            _ = try await session.command("RCPT TO:<\(recipient.address)>", expect: 250, shown: "RCPT", also: [251])
        }
        _ = try await session.command("DATA", expect: 354)
        // A line starting with a dot gets a second one (RFC 5321 §4.5.2); the lone dot ends it.
        let stuffed = message.rendered.split(separator: "\r\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix(".") ? "." + $0 : String($0)
        }.joined(separator: "\r\n")
        _ = try await session.command(stuffed + ".", expect: 250, shown: "DATA")
        _ = try? await session.command("QUIT", expect: 221)
    }

    /// The conversation's two directions: commands out, replies in (lines gathered until a
    /// reply's last line, "250 OK" after any "250-…").
    struct Session {
        var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var pending = ""

        /// Sends `line` and checks the reply's code; the reply's lines after the first (EHLO's
        /// features), without their codes.
        mutating func command(
            _ line: String,
            expect code: Int,
            shown: String? = nil,
            also: Set<Int> = []
        ) async throws -> [String] {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
            return try await expect(code, after: shown ?? line, also: also)
        }

        @discardableResult
        mutating func expect(_ code: Int, after command: String, also: Set<Int> = []) async throws -> [String] {
            var lines: [String] = []
            while true {
                let line = try await nextLine()
                guard line.count >= 3, let got = Int(line.prefix(3)) else { throw SMTPError.malformedReply }
                lines.append(String(line.dropFirst(4)))
                if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                    guard got == code || also.contains(got) else {
                        throw SMTPError.rejected(command: command, code: got, text: lines.joined(separator: " "))
                    }
                    return Array(lines.dropFirst())
                }
            }
        }

        mutating func nextLine() async throws -> String {
            while true {
                if let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    return line
                }
                guard pending.utf8.count < 4096 else { throw SMTPError.malformedReply }
                guard let buffer = try await inbound.next() else { throw SMTPError.connectionClosed }
                pending += String(buffer: buffer)
            }
        }
    }
}
