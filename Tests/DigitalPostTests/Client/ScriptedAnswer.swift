import Foundation
import NIOCore
import NIOHTTP1

/// What the scripted server does with the next request it receives.
enum ScriptedAnswer: Sendable {
    case respond(status: Int, headers: [(String, String)], body: Data)
    /// Sends the head and part of a body that it announced longer, then closes the connection.
    case closeMidResponse
    /// Answers only after `delay`; a test ends before that, which cancels it.
    case delayed(Duration, status: Int)

    static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> ScriptedAnswer {
        .respond(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8))
    }

    static func status(_ status: Int, headers: [(String, String)] = []) -> ScriptedAnswer {
        .respond(status: status, headers: headers, body: Data())
    }

    static func xml(_ data: Data) -> ScriptedAnswer {
        .respond(status: 200, headers: [("Content-Type", "application/xml")], body: data)
    }

    /// Plays the answer; false when the connection must close afterwards.
    func play(on outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws -> Bool {
        switch self {
        case .respond(let status, let headers, let body):
            try await write(status: status, headers: headers, body: body, to: outbound)
            return true
        case .closeMidResponse:
            var headers = HTTPHeaders([("Content-Type", "application/json"), ("Content-Length", "1000")])
            headers.add(name: "Connection", value: "close")
            try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .created, headers: headers)))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: #"{"transmissionId":"#))))
            return false
        case .delayed(let delay, let status):
            try await Task.sleep(for: delay)
            try await write(status: status, headers: [], body: Data(), to: outbound)
            return false
        }
    }

    private func write(
        status: Int,
        headers: [(String, String)],
        body: Data,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var head = HTTPHeaders(headers)
        head.replaceOrAdd(name: "Content-Length", value: String(body.count))
        let responseHead = HTTPResponseHead(
            version: .http1_1,
            status: HTTPResponseStatus(statusCode: status),
            headers: head
        )
        try await outbound.write(.head(responseHead))
        if !body.isEmpty {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
        }
        try await outbound.write(.end(nil))
    }
}
