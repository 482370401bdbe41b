import AsyncHTTPClient
import Foundation
import MeMo
import NIOCore
import NIOHTTP1

/// The live `NgDPClient`: NgDP's REST API over HTTP/1.1 with mutual TLS, on AsyncHTTPClient
/// (digital-post.md, "Transport").
///
/// The client owns its `HTTPClient` (HTTP/1.1 only, no redirects, the connection's timeouts);
/// call `shutdown()` before letting it go, so that its connections close in an orderly way.
///
/// It logs nothing: what it knows (the token, the key, a CPR number in a look-up) reaches no log
/// line, and its errors name requests without the query.
public final class HTTPNgDPClient: NgDPClient {
    let connection: NgDPConnection
    let httpClient: HTTPClient
    /// The base URL as text, always ending in `/`.
    let base: String
    let authorization: String
    /// What library messages must never repeat.
    let secrets: [String]

    /// Checks the whole configuration (base URL, token, certificate, key, trust roots) before any
    /// request, so a mistake fails at start-up.
    public init(connection: NgDPConnection) throws(NgDPConfigurationError) {
        let (base, usesTLS) = try Self.normalisedBase(connection.baseURL)
        let token = try Self.checkedToken(connection.systemToken)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: usesTLS ? try NgDPTLS.configuration(for: connection) : nil,
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(connection.connectTimeout)),
            decompression: .disabled
        )
        configuration.httpVersion = .http1Only
        self.connection = connection
        self.base = base
        self.authorization = "Basic \(token)"
        self.secrets = [token, connection.systemToken]
        self.httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes the connections. Safe to call more than once; the client cannot be used afterwards.
    public func shutdown() async {
        // The only failure is an earlier shutdown, which leaves nothing to do.
        try? await httpClient.shutdown()
    }

    deinit {
        // AsyncHTTPClient traps in debug builds when a client is released without a shutdown; an
        // owner that forgot must not bring the whole process down, so the connections close in
        // the background instead. After `shutdown()` this is a no-op.
        httpClient.shutdown { _ in }
    }

    public func send(memo: Data, messageUUID: UUID) async throws(NgDPError) -> NgDPReceipt {
        let request = NgDPRequest(
            method: .POST,
            path: "memos/",
            // As MeMoWriter writes it: the parameter must equal the message's messageUUID.
            query: [("memo-message-uuid", messageUUID.uuidString.lowercased())],
            contentType: "application/xml",
            body: memo,
            bodyLimit: connection.maxJSONBytes
        )
        let response = try await exchange(request)
        do {
            return try decode(NgDPReceipt.self, from: response, of: request)
        } catch .invalidResponse(let reason) {
            throw .acceptedWithoutReceipt(reason)
        } catch {
            throw .acceptedWithoutReceipt(error.description)
        }
    }

    public func receipts(page: Int, size: Int) async throws(NgDPError) -> NgDPReceiptPage {
        try await list(path: "receipts/", page: page, size: size) { $0 }
    }

    public func receipt(id: String, delete: Bool) async throws(NgDPError) -> NgDPReceipt {
        let request = NgDPRequest(
            method: .GET,
            path: "receipts/\(NgDPRequest.escaped(id))",
            query: [("delete", delete ? "true" : "false")],
            bodyLimit: connection.maxJSONBytes
        )
        return try decode(NgDPReceipt.self, from: try await exchange(request), of: request)
    }

    public func deleteReceipt(id: String) async throws(NgDPError) {
        _ = try await exchange(
            NgDPRequest(
                method: .DELETE,
                path: "receipts/\(NgDPRequest.escaped(id))",
                bodyLimit: connection.maxJSONBytes
            )
        )
    }

    public func lookup(cpr: String) async throws(NgDPError) -> NgDPRegistration {
        // Checked here so that nothing but ten digits ever reaches the query string.
        guard cpr.utf8.count == 10, cpr.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            throw .validation([
                NgDPFieldError(
                    resource: "contacts",
                    field: "cprNumber",
                    code: "INVALID_CPR",
                    message: "A CPR number for the look-up is ten digits, without a hyphen."
                )
            ])
        }
        let request = NgDPRequest(
            method: .GET,
            path: "contacts/",
            query: [("cprNumber", cpr)],
            bodyLimit: connection.maxJSONBytes
        )
        return try decode(NgDPWire.ContactSearchResult.self, from: try await exchange(request), of: request)
            .registration
    }

    public func incoming(page: Int, size: Int) async throws(NgDPError) -> NgDPIncomingPage {
        try await list(path: "memos/", page: page, size: size) { UUID(uuidString: $0) }
    }

    public func fetchIncoming(_ messageUUID: UUID) async throws(NgDPError) -> Data {
        try await exchange(
            NgDPRequest(
                method: .GET,
                path: "memos/\(messageUUID.uuidString)",
                accept: "application/xml",
                bodyLimit: connection.maxMessageBytes
            )
        ).body
    }

    public func acknowledgeIncoming(
        _ messageUUID: UUID,
        status: NgDPIncomingStatus,
        transmissionID: UUID,
        at timeStamp: Date
    ) async throws(NgDPError) {
        let receipt = NgDPWire.Acknowledgement(
            messageUUID: messageUUID,
            transmissionID: transmissionID,
            timeStamp: timeStamp,
            status: status
        )
        _ = try await exchange(
            NgDPRequest(
                method: .POST,
                path: "memos/\(messageUUID.uuidString)/receipt",
                contentType: "application/json",
                body: receipt.json(),
                bodyLimit: connection.maxJSONBytes
            )
        )
    }

    public func deleteIncoming(_ messageUUID: UUID) async throws(NgDPError) {
        _ = try await exchange(
            NgDPRequest(method: .DELETE, path: "memos/\(messageUUID.uuidString)", bodyLimit: connection.maxJSONBytes)
        )
    }

    private func list<ID>(
        path: String,
        page: Int,
        size: Int,
        id: (String) -> ID?
    ) async throws(NgDPError) -> NgDPPage<ID> {
        guard page >= 0, size > 0 else {
            throw .validation([
                NgDPFieldError(
                    field: "page",
                    code: "INVALID_PAGE",
                    message: "Pages count from 0 and hold at least one item."
                )
            ])
        }
        let request = NgDPRequest(
            method: .GET,
            path: path,
            query: [("page", String(page)), ("size", String(size))],
            bodyLimit: connection.maxJSONBytes
        )
        let response = try await exchange(request)
        // An empty answer (204) is an empty list.
        if response.body.isEmpty {
            return NgDPPage(content: [], number: page, size: size, totalElements: 0, totalPages: 0)
        }
        guard
            let result = try decode(NgDPWire.Page.self, from: response, of: request)
                .page(requested: page, size: size, id: id)
        else {
            throw .invalidResponse("\(request.operation): the list holds an item that is not an id.")
        }
        return result
    }
}
