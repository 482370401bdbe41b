import Foundation
import JWTKit

/// A verified ID token's claims, whatever their names: the standard ones are checked by
/// `OIDCClient`, the broker-specific ones (CPR, name) are read by configured name.
struct IDTokenClaims: JWTPayload {
    let values: [String: ClaimValue]

    /// The JSON values a claim can have that we read.
    enum ClaimValue: Decodable, Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case strings([String])
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let list = try? container.decode([String].self) {
                self = .strings(list)
            } else {
                self = .other
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        var values: [String: ClaimValue] = [:]
        for key in container.allKeys {
            values[key.stringValue] = try container.decode(ClaimValue.self, forKey: key)
        }
        self.values = values
    }

    func encode(to encoder: any Encoder) throws {}

    /// Standard claims are checked with the injected clock after the signature (see `OIDCClient`).
    func verify(using _: some JWTAlgorithm) async throws {}

    func string(_ name: String) -> String? {
        if case .string(let value) = values[name] { return value }
        return nil
    }

    func flag(_ name: String) -> Bool? {
        if case .bool(let value) = values[name] { return value }
        return nil
    }

    func seconds(_ name: String) -> Double? {
        if case .number(let value) = values[name] { return value }
        return nil
    }

    /// `aud` is a string or a list of strings (OpenID Connect Core 2).
    var audiences: [String] {
        switch values["aud"] {
        case .string(let value): [value]
        case .strings(let list): list
        default: []
        }
    }
}
