import Foundation
import Vapor

/// JSON bodies with one encoder configuration: sorted keys and ISO dates, so answers are stable.
public enum JSONResponse {
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func ok(_ value: some Encodable) throws -> Response {
        try make(value, status: .ok)
    }

    static func make(_ value: some Encodable, status: HTTPResponseStatus) throws -> Response {
        let response = Response(status: status, body: .init(data: try encoder.encode(value)))
        response.headers.contentType = .json
        return response
    }
}
