/// Why a message was not accepted: it could not be read, or it was read and broke rules.
/// Encodes as `{"parseError": {"code", "message", "path"?}}` or `{"fieldErrors": [...]}`.
public enum MeMoProblems: Error, Hashable, Sendable, Encodable, CustomStringConvertible {
    case parse(MeMoParseError)
    case fields([MeMoFieldError])

    /// The problems as NgDP-style field errors, a parse error becoming one.
    public var fieldErrors: [MeMoFieldError] {
        switch self {
        case .parse(let error): [error.fieldError]
        case .fields(let errors): errors
        }
    }

    public var description: String {
        fieldErrors.map(\.description).joined(separator: "\n")
    }

    private enum CodingKeys: String, CodingKey {
        case parseError, fieldErrors
    }

    private struct ParseErrorBody: Encodable {
        let code: String
        let message: String
        let path: String?
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .parse(let error):
            try container.encode(
                ParseErrorBody(code: error.code, message: error.description, path: error.path),
                forKey: .parseError
            )
        case .fields(let errors):
            try container.encode(errors, forKey: .fieldErrors)
        }
    }
}
