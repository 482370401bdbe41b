import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A real HTTP/1.1 server on 127.0.0.1 (a port the system picks) that plays scripted answers in
/// order and records every request, optionally over TLS. Unscripted requests get 418, which no
/// client mapping expects.
final class ScriptedNgDPServer: Sendable {
    let port: Int
    let scheme: String
    private let state: NIOLockedValueBox<State>

    private struct State {
        var answers: [ScriptedAnswer]
        var received: [RecordedRequest] = []
    }

    private init(port: Int, scheme: String, answers: [ScriptedAnswer]) {
        self.port = port
        self.scheme = scheme
        self.state = NIOLockedValueBox(State(answers: answers))
    }

    /// `http://127.0.0.1:<port>/apis/v1/`, as NgDP's base URL looks.
    var baseURL: URL { URL(string: "\(scheme)://127.0.0.1:\(port)/apis/v1/")! }

    var received: [RecordedRequest] { state.withLockedValue { $0.received } }

    /// Runs `body` with a server that lives exactly as long as it.
    static func run<Result>(
        answers: [ScriptedAnswer],
        tls: TLSConfiguration? = nil,
        _ body: (ScriptedNgDPServer) async throws -> Result
    ) async throws -> Result {
        let context = try tls.map { try NIOSSLContext(configuration: $0) }
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        let server = ScriptedNgDPServer(
            port: listener.channel.localAddress!.port!,
            scheme: tls == nil ? "http" : "https",
            answers: answers
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await listener.executeThenClose { connections in
                    try await withThrowingDiscardingTaskGroup { handlers in
                        for try await connection in connections {
                            handlers.addTask { await server.serve(connection) }
                        }
                    }
                }
            }
            defer { group.cancelAll() }
            return try await body(server)
        }
    }

    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        // A client that goes away, or a TLS handshake the server refuses, ends only this connection.
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let requestHead):
                    head = requestHead
                    body.clear()
                case .body(var chunk):
                    body.writeBuffer(&chunk)
                case .end:
                    guard let head else { return }
                    let answer = record(head: head, body: Data(body.readableBytesView))
                    guard try await answer.play(on: outbound) else { return }
                }
            }
        }
    }

    private func record(head: HTTPRequestHead, body: Data) -> ScriptedAnswer {
        state.withLockedValue { state in
            state.received.append(
                RecordedRequest(method: head.method.rawValue, uri: head.uri, headers: head.headers, body: body)
            )
            return state.answers.isEmpty ? .status(418) : state.answers.removeFirst()
        }
    }
}
