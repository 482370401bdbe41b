/// Bad input to a rule: which parameter, what is wrong, in English and Danish. The API answers it
/// as HTTP 400 and `almen rules` as exit code 2, both with the same JSON body.
public struct RulesInputError: Error, Equatable, Sendable, Encodable {
    public let code: String
    public let field: String?
    public let message: String
    public let messageDa: String

    public init(code: String, field: String?, message: String, messageDa: String) {
        self.code = code
        self.field = field
        self.message = message
        self.messageDa = messageDa
    }

    /// The message in the given language.
    public func message(in language: Language) -> String { language == .da ? messageDa : message }

    /// `{"error": {...}}`, the shape of every error body of the API.
    public struct Body: Encodable, Sendable {
        public let error: RulesInputError
    }

    public var body: Body { Body(error: self) }
}
