import Foundation
import Vapor

/// The query string's parameters, read once per request.
///
/// `req.query[String.self, at: "q"]` runs Vapor's form decoder over the whole query string each
/// time it is asked, even an empty one; a list page asks ten times (its filters, the cursor, a
/// notice), and a profile of the inbox put a fortieth of the app's time there. `req.queryValue`
/// parses the string once, reading a plain parameter as Vapor does: `+` is a space, names and
/// values are percent-decoded, the last of a repeated name counts, and a value that is not valid
/// percent-encoding gives nothing (`QueryParametersTests` compares the two). It is more lenient
/// with a malformed pair: a name with brackets, or one that is not valid percent-encoding, is
/// skipped alone, where Vapor's decoder gives nothing for the whole query. Unlike Vapor's, it
/// drops a NUL character (`%00`) from a value.
struct QueryParameters: Sendable {
    private let values: [String: String?]

    init(_ query: String?) {
        var values: [String: String?] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let name = Self.decoded(parts[0]), !name.contains("[") else { continue }
            values[name] = Self.decoded(parts[1])
        }
        self.values = values
    }

    subscript(_ name: String) -> String? { values[name] ?? nil }

    /// A NUL character (`%00`) is dropped: no text holds one, and PostgreSQL refuses it.
    private static func decoded(_ text: Substring) -> String? {
        guard let value = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else { return nil }
        return value.contains("\u{0}") ? value.replacingOccurrences(of: "\u{0}", with: "") : value
    }
}

extension Request {
    private struct QueryParametersKey: StorageKey { typealias Value = QueryParameters }

    /// The query parameter `name`, as `query[String.self, at: name]` reads it, parsed once.
    func queryValue(_ name: String) -> String? {
        if let parameters = storage[QueryParametersKey.self] { return parameters[name] }
        let parameters = QueryParameters(url.query)
        storage[QueryParametersKey.self] = parameters
        return parameters[name]
    }
}
