/// The state of one validation: the errors found so far, and the checks shared by all fields.
struct ValidationRun {
    let context: MeMoValidationContext
    let version: MeMoVersion
    private(set) var errors: [MeMoFieldError] = []

    init(context: MeMoValidationContext, version: MeMoVersion) {
        self.context = context
        self.version = version
    }

    /// Most MeMo texts hold at most 256 characters (XSD); the exceptions pass their own limit.
    static let defaultMaxLength = 256

    mutating func report(_ field: String, _ code: String, _ message: String) {
        errors.append(MeMoFieldError(field: field, code: code, message: message))
    }

    /// An optional text: when present, at most `maxLength` characters (Unicode scalars, as XML
    /// Schema counts) that XML can carry.
    mutating func text(_ value: String?, _ field: String, maxLength: Int = defaultMaxLength) {
        guard let value else { return }
        if value.unicodeScalars.count > maxLength {
            report(field, MeMoFieldError.Code.tooLong, "At most \(maxLength) characters are allowed.")
        }
        if !FieldRules.isXMLText(value) {
            report(
                field,
                MeMoFieldError.Code.invalidCharacter,
                "The text contains control characters XML cannot carry."
            )
        }
    }

    /// A required text: present and not only white space, then as `text`.
    mutating func requiredText(_ value: String?, _ field: String, maxLength: Int = defaultMaxLength) {
        guard let value, !value.allSatisfy(\.isWhitespace) else {
            return report(field, MeMoFieldError.Code.required, "The field is required and must not be empty.")
        }
        text(value, field, maxLength: maxLength)
    }

    /// A UUID field (all of MeMo's are version 4 in the XSD); `nil` is fine, as presence is the
    /// parser's or the caller's concern.
    mutating func uuid(_ value: String?, _ field: String) {
        guard let value else { return }
        if value.isEmpty {
            report(field, MeMoFieldError.Code.required, "The field is required and must not be empty.")
        } else if !FieldRules.isUUIDv4(value) {
            report(
                field,
                MeMoFieldError.Code.invalidUUID,
                "Must be a UUID of version 4 (xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx)."
            )
        }
    }

    /// An identifier and its `idType`: CPR (ten digits) or CVR (eight), or only `allowed` types.
    mutating func identifier(_ id: String, type: MeMoIDType, field: String, typeField: String, allowed: [MeMoIDType]) {
        guard allowed.contains(type), let digits = type.digitCount else {
            let names = allowed.map(\.rawValue).joined(separator: " or ")
            return report(typeField, MeMoFieldError.Code.invalidIDType, "The idType must be \(names).")
        }
        if id.isEmpty {
            report(field, MeMoFieldError.Code.required, "The field is required and must not be empty.")
        } else if !FieldRules.isDigits(id, count: digits) {
            report(field, MeMoFieldError.Code.invalidID, "A \(type.rawValue) number has exactly \(digits) digits.")
        }
    }

    mutating func maxCount(_ count: Int, _ limit: Int, _ field: String) {
        if count > limit {
            report(field, MeMoFieldError.Code.tooMany, "At most \(limit) are allowed.")
        }
    }

    /// A period given by two optional instants must not end before it starts.
    /// Only a rule for what we send: the official Full examples have such periods, so a message
    /// we receive is not refused for one.
    mutating func period(_ start: MeMoDateTime?, _ end: MeMoDateTime?, endField: String) {
        if context.strictSenderRules, let start, let end, end < start {
            report(endField, MeMoFieldError.Code.invalidPeriod, "The end must not be before the start.")
        }
    }
}
