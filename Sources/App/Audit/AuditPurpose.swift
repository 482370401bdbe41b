/// Why an audit event happened (its formål), said in both languages: the word
/// `auditPurpose_<key>` (`AuditPurposeWords`) filled with values. The Danish sentence is the
/// record (`audit_events.purpose`, as the log has always kept it); the English one is stored
/// beside it (`purpose_en`) so that a reader who chose English reads the log in English.
struct AuditPurpose: Sendable, Equatable {
    let danish: String
    let english: String

    /// A value filled into a purpose: the same text in both languages (a name, a number), a word
    /// said in each language, or a text the caller has in both.
    enum Value: Sendable, ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
        case same(String)
        case word(String)
        case both(da: String, en: String)

        init(stringLiteral value: String) {
            self = .same(value)
        }

        /// A value said by a function of the language (a date, a kind's title, a message).
        static func each(_ text: (Language) -> String) -> Value {
            .both(da: text(.da), en: text(.en))
        }

        func text(_ language: Language) -> String {
            switch self {
            case .same(let text): text
            case .word(let key): AuditPurpose.word(key, language)
            case .both(let da, let en): language == .da ? da : en
            }
        }
    }

    /// The purpose `auditPurpose_<key>` with its `{name}`s filled in.
    init(_ key: String, _ values: [String: Value] = [:]) {
        func said(_ language: Language) -> String {
            Strings.fill(Self.word("auditPurpose_" + key, language), values.mapValues { $0.text(language) })
        }
        self.init(danish: said(.da), english: said(.en))
    }

    init(danish: String, english: String) {
        self.danish = danish
        self.english = english
    }

    /// This purpose inside a longer one, `auditPurpose_<key>` with `{purpose}` for this one: "… i
    /// sag 2026-000123", "… (API-nøgle: Økonomisystem)".
    func within(_ key: String, _ values: [String: Value] = [:]) -> AuditPurpose {
        AuditPurpose(key, values.merging(["purpose": .both(da: danish, en: english)]) { $1 })
    }

    /// A word of a purpose. A missing one is a mistake in the code (the record would lose what it
    /// says): it stops a debug build and tests; a release build writes the key.
    static func word(_ key: String, _ language: Language) -> String {
        guard let word = Strings.table(language)[key] else {
            assertionFailure("No word \(key) for the audit log")
            return key
        }
        return word
    }

    /// The purpose in `language`: the English sentence when there is one (events written before
    /// it was kept have only the Danish).
    static func text(danish: String, english: String?, _ language: Language) -> String {
        language == .en ? (english ?? danish) : danish
    }
}
