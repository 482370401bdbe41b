/// Bad input to a rule: which parameter, what is wrong, in English and Danish. The API answers it
/// as HTTP 400 and `almen rules` as exit code 2, both with the same JSON body.
///
/// The two messages are one word of the tables (`Strings`, kept with the feature: `RulesWords`,
/// `ErrorWords`), filled with the same values, so the JSON's `messageDa` and the page's Danish
/// are the same sentence.
public struct RulesInputError: Error, Equatable, Sendable, Encodable {
    public let code: String
    public let field: String?
    public let message: String
    public let messageDa: String

    /// The word `key` in both languages, each `{name}` filled from `values`.
    init(code: String, field: String?, key: String, _ values: [String: String] = [:]) {
        self.init(code: code, field: field, key: key) { _ in values }
    }

    /// The word `key` in both languages, filled with values said in each (a date, an amount).
    init(code: String, field: String?, key: String, each values: (Language) -> [String: String]) {
        let words = BilingualWords(key: key, values: values)
        self.init(code: code, field: field, words: words)
    }

    init(code: String, field: String?, words: BilingualWords) {
        self.code = code
        self.field = field
        self.message = words.english
        self.messageDa = words.danish
    }

    /// The message in the given language.
    public func message(in language: Language) -> String { language == .da ? messageDa : message }

    /// `{"error": {...}}`, the shape of every error body of the API.
    public struct Body: Encodable, Sendable {
        public let error: RulesInputError
    }

    public var body: Body { Body(error: self) }
}

/// One word of the tables filled in both languages: what the API's bilingual messages are made
/// of (`RulesInputError`, `RuleReason`, a ledger file's problems).
struct BilingualWords: Sendable, Equatable {
    let danish: String
    let english: String

    init(key: String, values: (Language) -> [String: String]) {
        assert(Strings.danish[key] != nil, "No word \(key)")
        danish = Strings.danish.filled(key, values(.da))
        english = Strings.english.filled(key, values(.en))
    }

    init(key: String, _ values: [String: String] = [:]) {
        self.init(key: key) { _ in values }
    }

    /// The word for `count` of something (`key_one`, `key_other`), as `counted` picks it.
    init(key: String, count: Int, _ values: [String: String] = [:]) {
        self.init(key: key + (count == 1 ? "_one" : "_other")) { _ in values }
    }
}
