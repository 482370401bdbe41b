import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// A successful (2xx) answer, read whole.
struct NgDPResponse: Sendable {
    var status: Int
    var body: Data
}

extension HTTPNgDPClient {
    /// Error answers are read only this far: enough for an ErrorMessage, and a huge one is not
    /// worth waiting for.
    static let errorBodyLimit = 65_536

    /// Sends one request and returns its 2xx answer; anything else becomes an `NgDPError`.
    func exchange(_ request: NgDPRequest) async throws(NgDPError) -> NgDPResponse {
        var http = HTTPClientRequest(url: request.url(base: base))
        http.method = request.method
        http.headers.add(name: "Authorization", value: authorization)
        http.headers.add(name: "Accept", value: request.accept)
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: request.contentType ?? "application/octet-stream")
            http.body = .bytes(ByteBuffer(data: body))
        }
        let deadline = NIODeadline.now() + TimeAmount(connection.requestTimeout)
        do {
            let response = try await httpClient.execute(http, deadline: deadline)
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                let body = try? await response.body.collect(upTo: Self.errorBodyLimit)
                throw NgDPError.from(
                    status: status,
                    retryAfter: response.headers.first(name: "Retry-After"),
                    body: body.map { Data(buffer: $0) } ?? Data(),
                    operation: request.operation,
                    now: Date()
                )
            }
            let body = try await response.body.collect(upTo: request.bodyLimit)
            return NgDPResponse(status: status, body: Data(buffer: body))
        } catch {
            throw NgDPError.from(transportError: error, operation: request.operation, secrets: secrets)
        }
    }

    /// Decodes a JSON answer; the error names the path and what was wrong, never a value.
    func decode<Value: Decodable>(
        _ type: Value.Type,
        from response: NgDPResponse,
        of request: NgDPRequest
    ) throws(NgDPError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch let error as DecodingError {
            throw .invalidResponse(
                "\(request.operation): the answer is not the expected JSON (\(Self.summary(of: error)))."
            )
        } catch {
            throw .invalidResponse("\(request.operation): the answer is not the expected JSON.")
        }
    }

    /// Which key and what kind of problem, without the debug text (which may quote the data).
    private static func summary(of error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the whole answer" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : path(context) + "."
            return "\(parent)\(key.stringValue) is missing"
        case .valueNotFound(_, let context): return "\(path(context)) is null"
        case .typeMismatch(_, let context): return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context): return "\(path(context)) is not valid"
        @unknown default: return "undecodable"
        }
    }
}
