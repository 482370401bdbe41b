import Foundation
import NIOHTTP1

/// One call to NgDP before it becomes HTTP: the path relative to the base URL and the query kept
/// apart, so that errors can name the path while the query (a CPR number) stays out of them.
struct NgDPRequest: Sendable {
    var method: HTTPMethod
    /// Relative to the base URL, segments already escaped: `memos/`, `memos/{uuid}/receipt`.
    var path: String
    var query: [(name: String, value: String)] = []
    var contentType: String?
    var body: Data?
    var accept = "application/json"
    /// Largest successful answer read.
    var bodyLimit: Int

    /// Method and path, never the query: what errors say about the request.
    var operation: String { "\(method.rawValue) \(path)" }

    /// Escapes one path segment or query value: everything but RFC 3986's unreserved characters.
    static func escaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127))
        )
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    func url(base: String) -> String {
        let queryText = query.map { "\(Self.escaped($0.name))=\(Self.escaped($0.value))" }.joined(separator: "&")
        return base + path + (queryText.isEmpty ? "" : "?" + queryText)
    }
}
