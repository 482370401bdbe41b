import AsyncHTTPClient
import Foundation
import Vapor

@testable import App

/// A minimal browser over real HTTP for the login tests: keeps cookies, does not follow
/// redirects (the tests look at each hop), and records every URL it was sent to.
final class TestBrowser: @unchecked Sendable {
    struct Page {
        let status: Int
        let headers: [(String, String)]
        let body: String

        var location: String? { headers.first { $0.0.lowercased() == "location" }?.1 }
        func header(_ name: String) -> [String] { headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) }
    }

    let base: String
    private let client: HTTPClient
    private(set) var cookies: [String: String] = [:]
    private(set) var visited: [String] = []

    init(base: String) {
        self.base = base
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async throws {
        try await client.shutdown()
    }

    func get(_ target: String, headers extra: [(String, String)] = []) async throws -> Page {
        try await send(.GET, target, body: nil, headers: extra)
    }

    /// The `_csrf` value the page's forms carry: the session's token when signed in, the CSRF
    /// cookie before.
    var formToken: String? {
        if let session = cookies[SessionCookie.session], !session.isEmpty {
            return CSRFProtection.token(forSession: session)
        }
        return cookies[SessionCookie.csrf]
    }

    /// Posts a form, with the page's CSRF token as `_csrf` unless `csrf` says otherwise.
    func post(
        _ target: String,
        form: [(String, String)] = [],
        csrf: String? = nil,
        headers extra: [(String, String)] = []
    ) async throws -> Page {
        var fields = form
        if let token = csrf ?? formToken, !token.isEmpty { fields.append(("_csrf", token)) }
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
        let encoded = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return try await send(
            .POST,
            target,
            body: encoded,
            headers: [("Content-Type", "application/x-www-form-urlencoded")] + extra
        )
    }

    func postJSON(_ target: String, body: Data) async throws -> Page {
        try await postJSON(target, json: String(decoding: body, as: UTF8.self))
    }

    /// Posts `multipart/form-data` with the CSRF field and one file, as a browser's upload form.
    func postFile(
        _ target: String,
        field: String,
        filename: String,
        contentType: String,
        data: Data,
        headers extra: [(String, String)] = []
    ) async throws -> Page {
        let boundary = "almen-test-\(UUID().uuidString)"
        var body = Data()
        func append(_ text: String) { body.append(Data(text.utf8)) }
        if let token = formToken {
            append("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(token)\r\n")
        }
        append(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\nContent-Type: \(contentType)\r\n\r\n"
        )
        body.append(data)
        append("\r\n--\(boundary)--\r\n")
        return try await send(
            .POST,
            target,
            bytes: body,
            headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")] + extra
        )
    }

    func postJSON(_ target: String, json: String, headers extra: [(String, String)] = []) async throws -> Page {
        try await send(.POST, target, body: json, headers: [("Content-Type", "application/json")] + extra)
    }

    func forget(cookie name: String) {
        cookies[name] = nil
    }

    /// Sets a cookie by hand, as a replaying attacker would.
    func set(cookie name: String, to value: String) {
        cookies[name] = value
    }

    private func send(
        _ method: HTTPMethod,
        _ target: String,
        body: String?,
        headers extra: [(String, String)]
    ) async throws -> Page {
        try await send(method, target, bytes: body.map { Data($0.utf8) }, headers: extra)
    }

    private func send(
        _ method: HTTPMethod,
        _ target: String,
        bytes body: Data?,
        headers extra: [(String, String)]
    ) async throws -> Page {
        let url = target.hasPrefix("http") ? target : base + target
        visited.append(url)
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if !cookies.isEmpty {
            request.headers.add(
                name: "Cookie",
                value: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
            )
        }
        if let body { request.body = .bytes(ByteBuffer(data: body)) }
        // Generous: the whole suite runs in parallel on two cores, with running servers; a
        // request that waits its turn is not a failure of what the test checks.
        let response = try await client.execute(request, timeout: .seconds(90))
        let bytes = try await response.body.collect(upTo: 10 * 1024 * 1024)
        for value in response.headers["Set-Cookie"] { remember(value) }
        return Page(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: String(buffer: bytes)
        )
    }

    private func remember(_ setCookie: String) {
        let parts = setCookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { return }
        let name = String(pair[..<equals])
        let value = String(pair[pair.index(after: equals)...])
        let expired = parts.contains { $0.lowercased() == "max-age=0" } || value.isEmpty
        cookies[name] = expired ? nil : value
    }
}
