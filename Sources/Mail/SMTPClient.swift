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
        timeout: TimeAmount = .seconds(60)
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
            username: url.user(percentEncoded: true).flatMap { $0.removingPercentEncoding },
            password: url.password(percentEncoded: true).flatMap { $0.removingPercentEncoding }
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

/// Sends one message per connection: EHLO, STARTTLS when asked, AUTH (PLAIN, else LOGIN) when
/// the server has an account, MAIL, one RCPT per recipient, DATA (dot-stuffed), QUIT. Every step
/// waits for its reply and checks its code; anything else is an `SMTPError`, and the message is
/// not sent. Once DATA is accepted the message is sent, whatever becomes of QUIT.
public struct SMTPClient: Sendable {
    let server: SMTPServer
    let group: any EventLoopGroup
    /// The name this client gives in EHLO: its host's domain name (the public base URL's), or
    /// its address as an address literal (`helloArgument`).
    let helloName: String

    public init(
        server: SMTPServer,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        helloName: String = "localhost"
    ) {
        self.server = server
        self.group = group
        self.helloName = Self.helloArgument(helloName)
    }

    /// EHLO's argument for a name: a domain name as it is; an address in brackets, as RFC 5321
    /// §4.1.3 writes an address literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`). Servers that check
    /// the greeting refuse a bare address.
    static func helloArgument(_ name: String) -> String {
        let bare = name.hasPrefix("[") && name.hasSuffix("]") ? String(name.dropFirst().dropLast()) : name
        guard let address = try? SocketAddress(ipAddress: bare, port: 0) else {
            return name.isEmpty ? "localhost" : name
        }
        switch address {
        case .v6: return "[IPv6:\(bare)]"
        default: return "[\(bare)]"
        }
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
        let (channel, startTLS) = try await ClientBootstrap(group: group)
            .connectTimeout(server.timeout)
            .connect(host: server.host, port: server.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: context, serverHostname: Self.sniName(host))
                        )
                    }
                    let startTLS = StartTLSHandler(tls: context, serverHostname: Self.sniName(host))
                    try channel.pipeline.syncOperations.addHandler(startTLS)
                    return (
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel),
                        NIOLoopBound(startTLS, eventLoop: channel.eventLoop)
                    )
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
                        arm: {
                            // On the channel's event loop: the go-ahead then starts TLS in the same turn.
                            try await startTLS.eventLoop.submit { startTLS.value.armed = true }.get()
                        },
                        upgraded: {
                            try await startTLS.eventLoop.submit { startTLS.value.upgraded }.get()
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

    /// A host name for SNI: none for an IP address (v4 or v6).
    static func sniName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// The message as DATA sends it: a line starting with a dot gets a second one (RFC 5321
    /// §4.5.2), and the lone dot ends it.
    static func dotStuffed(_ rendered: String) -> String {
        rendered.split(separator: "\r\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix(".") ? "." + $0 : String($0)
        }.joined(separator: "\r\n") + "."
    }

    private func converse(
        _ session: inout Session,
        message: MailMessage,
        arm: () async throws -> Void,
        upgraded: () async throws -> Bool
    ) async throws {
        try await session.expect(220, after: "CONNECT")
        var features = try await session.command("EHLO \(helloName)", expect: 250)
        if server.security == .startTLS {
            guard features.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                throw SMTPError.rejected(command: "STARTTLS", code: 0, text: "not offered")
            }
            // The go-ahead starts TLS on the event loop as it arrives (`StartTLSHandler`): nothing
            // sent after it in plaintext is read as if it had come over TLS.
            guard session.pending.isEmpty else { throw SMTPError.malformedReply }
            try await arm()
            _ = try await session.command("STARTTLS", expect: 220)
            // The go-ahead must be the one the handler saw and started TLS on: a "220" an attacker
            // sent earlier (after EHLO's reply) would be read here while TLS never started.
            guard session.pending.isEmpty, try await upgraded() else { throw SMTPError.malformedReply }
            features = try await session.command("EHLO \(helloName)", expect: 250)
        }
        if let username = server.username, let password = server.password {
            let offered = Set(
                features.filter { $0.uppercased().hasPrefix("AUTH ") }
                    .flatMap { $0.uppercased().split(separator: " ").dropFirst().map(String.init) }
            )
            if offered.contains("PLAIN") {
                let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
                _ = try await session.command("AUTH PLAIN \(token)", expect: 235, shown: "AUTH")
            } else if offered.contains("LOGIN") {
                _ = try await session.command("AUTH LOGIN", expect: 334, shown: "AUTH")
                _ = try await session.command(Data(username.utf8).base64EncodedString(), expect: 334, shown: "AUTH")
                _ = try await session.command(Data(password.utf8).base64EncodedString(), expect: 235, shown: "AUTH")
            } else {
                throw SMTPError.rejected(command: "AUTH", code: 0, text: "no mechanism in common (PLAIN, LOGIN)")
            }
        }
        _ = try await session.command("MAIL FROM:<\(message.from.address)>", expect: 250, shown: "MAIL")
        for recipient in message.to {
            _ = try await session.command("RCPT TO:<\(recipient.address)>", expect: 250, shown: "RCPT", also: [251])
        }
        _ = try await session.command("DATA", expect: 354)
        _ = try await session.command(Self.dotStuffed(message.rendered), expect: 250, shown: "DATA")
        // Sent. QUIT is a courtesy: its answer is not awaited, so a slow goodbye cannot make a
        // delivered message look failed (and be sent again).
        try? await session.outbound.write(ByteBuffer(string: "QUIT\r\n"))
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

/// Starts TLS in the event-loop turn in which the server's go-ahead for STARTTLS arrives, once
/// armed: the reply is passed on, and `NIOSSLClientHandler` goes first in the pipeline before
/// another byte is read. Bytes that came with the go-ahead are an attack (STARTTLS command
/// injection) and close the connection. Any other reply is passed on as it is.
final class StartTLSHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let tls: NIOSSLContext
    let serverHostname: String?
    var armed = false
    /// Set in the turn TLS starts, before the go-ahead is passed on.
    var upgraded = false
    private var buffered = ByteBuffer()

    init(tls: NIOSSLContext, serverHostname: String?) {
        self.tls = tls
        self.serverHostname = serverHostname
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard armed else { return context.fireChannelRead(data) }
        var bytes = unwrapInboundIn(data)
        buffered.writeBuffer(&bytes)
        // The reply's last line ends with CRLF and has a space after its code.
        var offset = buffered.readerIndex
        var end: Int?
        while let crlf = buffered.readableBytesView[offset...].firstRange(of: [13, 10]) {
            let lineLength = crlf.lowerBound - offset
            if lineLength < 4 || buffered.getInteger(at: offset + 3, as: UInt8.self) == UInt8(ascii: " ") {
                end = crlf.upperBound
                break
            }
            offset = crlf.upperBound
        }
        guard let end else {
            // A reply longer than any reply: not SMTP.
            if buffered.readableBytes > 4096 {
                armed = false
                context.fireErrorCaught(SMTPError.malformedReply)
                context.close(promise: nil)
            }
            return
        }
        armed = false
        let reply = buffered.readSlice(length: end - buffered.readerIndex) ?? ByteBuffer()
        let rest = buffered
        buffered = ByteBuffer()
        guard reply.readableBytesView.starts(with: "220".utf8) else {
            context.fireChannelRead(wrapInboundOut(reply))
            if rest.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(rest)) }
            return
        }
        guard rest.readableBytes == 0 else {
            context.fireErrorCaught(SMTPError.malformedReply)
            context.close(promise: nil)
            return
        }
        do {
            try context.pipeline.syncOperations.addHandler(
                try NIOSSLClientHandler(context: tls, serverHostname: serverHostname),
                position: .first
            )
        } catch {
            context.fireErrorCaught(error)
            context.close(promise: nil)
            return
        }
        upgraded = true
        context.fireChannelRead(wrapInboundOut(reply))
        // The TLS handler, now first, would not pass on this read's completion: say it here, or
        // the reply waits in the async channel's buffer.
        context.fireChannelReadComplete()
    }
}
