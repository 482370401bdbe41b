import Foundation
import NIOHTTP1

/// One request as the scripted server received it.
struct RecordedRequest: Sendable {
    var method: String
    /// The target exactly as sent, query included.
    var uri: String
    var headers: HTTPHeaders
    var body: Data

    /// The path without the query.
    var path: String { String(uri.prefix { $0 != "?" }) }

    /// The query's parameters, decoded.
    var query: [String: String] {
        let items = URLComponents(string: uri)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    func header(_ name: String) -> String? { headers.first(name: name) }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}
