import Foundation
import Mail
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import Vapor

/// The stand-in for an administration's mail server, for development and tests: a real SMTP
/// server on the loopback interface that accepts any message (EHLO, STARTTLS when it has a
/// certificate, AUTH PLAIN or LOGIN with any password, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and
/// keeps the newest ones in memory, read back by `/sandbox/post` and the tests.
public final class SandboxSMTPServer: Sendable {
    /// A message as it arrived: the envelope, and the message parsed (nil when it could not be).
    public struct Delivery: Sendable {
        public let from: String
        public let recipients: [String]
        public let mail: ReceivedMail?
        public let receivedAt: Date
        /// Whether the conversation was upgraded with STARTTLS, and who logged in.
        public let overTLS: Bool
        public let user: String?
    }

    /// The newest messages kept.
    public static let kept = 200
    /// A message larger than this is refused (552).
    public static let maximumSize = 1 << 20

    public let port: Int
    private let deliveries = NIOLockedValueBox<[Delivery]>([])
    private let channel: any Channel
    /// Codes to answer instead of 250, once each, by command ("RCPT": 550): a test's faults.
    private let faults = NIOLockedValueBox<[String: Int]>([:])
    /// The AUTH mechanisms EHLO offers.
    private let mechanisms = NIOLockedValueBox("PLAIN LOGIN")
    /// The open conversations, closed with the server.
    private let connections = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])

    /// Starts a server on 127.0.0.1 (`port` 0: any free one). With `tls`, it offers STARTTLS.
    public static func start(port: Int = 0, tls: TLSConfiguration? = nil) async throws -> SandboxSMTPServer {
        let context = try tls.map { try NIOSSLContext(configuration: $0) }
        let box = NIOLockedValueBox<SandboxSMTPServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let server = box.withLockedValue { $0 }
                    server?.opened(channel)
                    try channel.pipeline.syncOperations.addHandler(
                        ConversationHandler(
                            tls: context,
                            mechanisms: server?.mechanisms.withLockedValue { $0 } ?? "PLAIN LOGIN",
                            record: { server?.record($0) },
                            fault: { server?.fault(for: $0) }
                        )
                    )
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        let server = SandboxSMTPServer(channel: channel, port: channel.localAddress?.port ?? port)
        box.withLockedValue { $0 = server }
        return server
    }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// The messages received, newest first.
    public var received: [Delivery] { deliveries.withLockedValue { $0.reversed() } }

    /// The next `command` ("MAIL", "RCPT", "DATA") is answered with `code`; after "CONNECT", the
    /// next client is never greeted; after "STARTTLS", a plaintext line follows the go-ahead (1:
    /// in the same write, 2: a moment later) and TLS never starts; after "EHLO", a forged
    /// go-ahead follows EHLO's reply.
    public func fail(_ command: String, with code: Int) {
        faults.withLockedValue { $0[command] = code }
    }

    /// EHLO offers only these AUTH mechanisms from now on ("LOGIN").
    public func offer(_ mechanisms: String) {
        self.mechanisms.withLockedValue { $0 = mechanisms }
    }

    public func stop() async throws {
        for connection in connections.withLockedValue({ Array($0.values) }) {
            try? await connection.close()
        }
        try await channel.close()
    }

    func opened(_ connection: any Channel) {
        let key = ObjectIdentifier(connection)
        connections.withLockedValue { $0[key] = connection }
        connection.closeFuture.whenComplete { [weak self] _ in
            _ = self?.connections.withLockedValue { $0.removeValue(forKey: key) }
        }
    }

    func record(_ delivery: Delivery) {
        deliveries.withLockedValue {
            $0.append(delivery)
            if $0.count > Self.kept { $0.removeFirst($0.count - Self.kept) }
        }
    }

    func fault(for command: String) -> Int? {
        faults.withLockedValue { $0.removeValue(forKey: command) }
    }
}

/// One client's conversation, line by line, on its channel's event loop.
private final class ConversationHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let tls: NIOSSLContext?
    let record: @Sendable (SandboxSMTPServer.Delivery) -> Void
    let fault: @Sendable (String) -> Int?
    var pending = ByteBuffer()
    var from: String?
    var recipients: [String] = []
    var data: String?
    /// The message went over the size limit: its lines are swallowed until the dot, then 552.
    var tooLarge = false
    var overTLS = false
    var user: String?
    let mechanisms: String
    /// AUTH LOGIN's next answer: the user name (1), then the password (2).
    var loginStep = 0

    init(
        tls: NIOSSLContext?,
        mechanisms: String,
        record: @escaping @Sendable (SandboxSMTPServer.Delivery) -> Void,
        fault: @escaping @Sendable (String) -> Int?
    ) {
        self.mechanisms = mechanisms
        self.tls = tls
        self.record = record
        self.fault = fault
    }

    func channelActive(context: ChannelHandlerContext) {
        // A fault for "CONNECT": the server accepts and says nothing.
        guard fault("CONNECT") == nil else { return }
        reply("220 almen-sandbox ESMTP", context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending.writeBuffer(&buffer)
        while let line = nextLine() {
            handle(line, context: context)
        }
        // A line longer than any command, or than a message: not SMTP.
        if pending.readableBytes > (self.data == nil ? 4096 : SandboxSMTPServer.maximumSize) {
            context.close(promise: nil)
        }
    }

    private func nextLine() -> String? {
        guard let view = pending.readableBytesView.firstRange(of: [13, 10]) else { return nil }
        let length = view.lowerBound - pending.readerIndex
        let line = pending.readString(length: length) ?? ""
        pending.moveReaderIndex(forwardBy: 2)
        pending.discardReadBytes()
        return line
    }

    private func handle(_ line: String, context: ChannelHandlerContext) {
        if let message = data {
            if line == "." {
                data = nil
                if tooLarge {
                    tooLarge = false
                    from = nil
                    recipients = []
                    return reply("552 Message too large", context: context)
                }
                if let code = fault("DATA") { return reply("\(code) refused by the sandbox", context: context) }
                record(
                    SandboxSMTPServer.Delivery(
                        from: from ?? "",
                        recipients: recipients,
                        mail: ReceivedMail(parsing: message),
                        receivedAt: Date(),
                        overTLS: overTLS,
                        user: user
                    )
                )
                from = nil
                recipients = []
                return reply("250 OK: queued", context: context)
            }
            guard !tooLarge else { return }
            if message.utf8.count + line.utf8.count > SandboxSMTPServer.maximumSize {
                tooLarge = true
                data = ""
                return
            }
            data?.append((line.hasPrefix(".") ? String(line.dropFirst()) : line) + "\r\n")
            return
        }
        if loginStep > 0 {
            let decoded = Data(base64Encoded: line).flatMap { String(data: $0, encoding: .utf8) }
            if loginStep == 1 {
                user = decoded
                loginStep = 2
                return reply("334 UGFzc3dvcmQ6", context: context)
            }
            loginStep = 0
            return reply(decoded == nil ? "535 Authentication failed" : "235 Authenticated", context: context)
        }
        let verb = line.prefix(while: { $0 != " " }).uppercased()
        let argument = line.dropFirst(verb.count).trimmingCharacters(in: .whitespaces)
        switch verb {
        case "EHLO", "HELO":
            // A fault for "EHLO": a go-ahead for TLS follows the reply, as an attacker would
            // append it before the client asks.
            let forged = fault("EHLO") != nil ? "\r\n220 Ready to start TLS" : ""
            let lines = [
                "250-almen-sandbox", tls != nil && !overTLS ? "250-STARTTLS" : nil, "250-AUTH \(mechanisms)",
                "250 SIZE \(SandboxSMTPServer.maximumSize)",
            ]
            reply(lines.compactMap { $0 }.joined(separator: "\r\n") + forged, context: context)
        case "STARTTLS":
            guard let tls, !overTLS else { return reply("502 Not available", context: context) }
            // A fault for "STARTTLS": a line follows the go-ahead in plaintext, as an attacker
            // in the middle would inject it: in the same write (1), or a moment later (2).
            switch fault("STARTTLS") {
            case 1:
                return reply("220 Ready to start TLS\r\n250 injected", context: context)
            case 2:
                reply("220 Ready to start TLS", context: context)
                let channel = context.channel
                channel.eventLoop.scheduleTask(in: .milliseconds(50)) {
                    channel.writeAndFlush(ByteBuffer(string: "250 injected\r\n"), promise: nil)
                }
                return
            default:
                reply("220 Ready to start TLS", context: context)
            }
            overTLS = true
            pending.clear()
            _ = try? context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
        case "AUTH":
            let parts = argument.split(separator: " ")
            if parts.first?.uppercased() == "LOGIN", mechanisms.contains("LOGIN") {
                loginStep = 1
                return reply("334 VXNlcm5hbWU6", context: context)
            }
            guard parts.first?.uppercased() == "PLAIN", mechanisms.contains("PLAIN"), parts.count == 2,
                let decoded = Data(base64Encoded: String(parts[1])).flatMap({ String(data: $0, encoding: .utf8) })
            else { return reply("501 AUTH PLAIN with its token only", context: context) }
            user = decoded.split(separator: "\u{0}", omittingEmptySubsequences: false).dropFirst().first.map(
                String.init
            )
            reply("235 Authenticated", context: context)
        case "MAIL":
            if let code = fault("MAIL") { return reply("\(code) refused by the sandbox", context: context) }
            from = Self.path(argument, after: "FROM:")
            recipients = []
            reply(from == nil ? "501 MAIL FROM:<address>" : "250 OK", context: context)
        case "RCPT":
            guard from != nil else { return reply("503 MAIL first", context: context) }
            if let code = fault("RCPT") { return reply("\(code) refused by the sandbox", context: context) }
            guard let recipient = Self.path(argument, after: "TO:") else {
                return reply("501 RCPT TO:<address>", context: context)
            }
            recipients.append(recipient)
            reply("250 OK", context: context)
        case "DATA":
            guard from != nil, !recipients.isEmpty else { return reply("503 MAIL and RCPT first", context: context) }
            data = ""
            reply("354 End data with <CR><LF>.<CR><LF>", context: context)
        case "RSET":
            from = nil
            recipients = []
            reply("250 OK", context: context)
        case "NOOP":
            reply("250 OK", context: context)
        case "QUIT":
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "221 Bye\r\n"))).whenComplete { _ in
                channel.close(promise: nil)
            }
        default:
            reply("500 Unknown command", context: context)
        }
    }

    /// "FROM:<a@b.dk>" → "a@b.dk".
    private static func path(_ argument: String, after prefix: String) -> String? {
        guard argument.uppercased().hasPrefix(prefix) else { return nil }
        let rest = argument.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("<"), let end = rest.firstIndex(of: ">") else { return nil }
        return String(rest[rest.index(after: rest.startIndex)..<end])
    }

    private func reply(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

extension SandboxSMTPServer {
    /// `/sandbox/post`: the messages received, newest first, each with its text.
    public func register(on routes: any RoutesBuilder) {
        routes.get("sandbox", "post") { [self] _ in
            let items = received.map { delivery in
                let subject = delivery.mail?.subject ?? "(kunne ikke læses)"
                let body = delivery.mail?.body ?? ""
                return """
                    <li class="card"><h2>\(SandboxPages.escape(subject))</h2>\
                    <p class="meta">Til \(SandboxPages.escape(delivery.recipients.joined(separator: ", "))) · \
                    \(ISO8601DateFormatter().string(from: delivery.receivedAt))</p>\
                    <pre class="pre-line">\(SandboxPages.escape(body))</pre></li>
                    """
            }
            let list = items.isEmpty ? "<p>Ingen mails endnu.</p>" : "<ul class=\"org-list\">\(items.joined())</ul>"
            return SandboxPages.response(
                SandboxPages.document(
                    title: "E-mail (sandkasse)",
                    body:
                        "<h1>E-mail (sandkasse)</h1><p class=\"lead\">Mails til medarbejdere, som Almen har sendt til sandkassens SMTP-server på port \(port).</p>\(list)",
                    standsInFor: "en rigtig mailserver"
                )
            )
        }
    }
}
