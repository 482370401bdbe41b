/// A form's problem at one of its fields, in the reader's words: shown at the field, and in the
/// summary above the form with the field's label ("Titel: Skriv en titel.").
struct FieldError: Encodable, Sendable {
    let field: String
    let message: String

    /// Each field's first problem: the words at the field (by field name) and the summary list.
    /// `problems` pair a field with its message; `labelKey` gives the key of a field's label.
    static func collect(
        _ problems: [(field: String, message: String)],
        labelKey: (String) -> String,
        _ strings: [String: String]
    ) -> (atField: [String: String], summary: [FieldError]) {
        var atField: [String: String] = [:]
        var summary: [FieldError] = []
        for (field, message) in problems where atField[field] == nil {
            atField[field] = message
            // A label that asks ("Hvad har udlejeren svaret?") takes no colon after its mark.
            let label = strings[labelKey(field)] ?? field
            let separator = label.hasSuffix("?") ? " " : ": "
            summary.append(FieldError(field: field, message: label + separator + message))
        }
        return (atField, summary)
    }

    /// Whether `address` can be an address a letter reaches: a street (letters) and a number,
    /// in two words at least ("Nørregade 1, 8000 Aarhus C"; "12" or "x" cannot). Foreign
    /// addresses pass; nothing is looked up.
    static func looksLikeAddress(_ address: String) -> Bool {
        let words = address.split { $0.isWhitespace || $0 == "," }
        return words.count >= 2 && address.contains(where: \.isLetter) && address.contains(where: \.isNumber)
    }

    /// The message key for a required text: nil when `text` is written and at most `max`
    /// characters long; `key` ("Beskriv fejlen.") when nothing is written; `key` + "Long"
    /// ("Beskrivelsen må højst være 2.000 tegn.") when there is too much.
    static func requiredText(_ text: String, max: Int, _ key: String) -> String? {
        if text.isEmpty { return key }
        return text.count > max ? key + "Long" : nil
    }

    /// The message key for a person's name as MitID will give it when they sign: `key` ("Skriv
    /// fremlejetagerens fornavn og efternavn.") for fewer than two words, `key` + "Long" for
    /// more than `max` characters, nil for a name.
    static func fullName(_ text: String, max: Int, _ key: String) -> String? {
        if text.count > max { return key + "Long" }
        return text.split(separator: " ").count < 2 ? key : nil
    }
}
