/// One problem with one field of a message, shaped like an entry of NgDP's `fieldErrors` in a 400
/// answer. `field` is a path such as `MessageHeader.Sender.senderID` or
/// `MessageBody.AdditionalDocument[0].File[1].filename`. `message` never repeats the field's value:
/// it may be a CPR number.
public struct MeMoFieldError: Hashable, Sendable, Codable, CustomStringConvertible {
    public var field: String
    /// One of `MeMoFieldError.Code`.
    public var code: String
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public var description: String { "\(field): \(code): \(message)" }

    /// The codes the validator uses. NgDP's own codes are not public; these name the rule broken.
    public enum Code {
        public static let required = "REQUIRED"
        public static let tooLong = "TOO_LONG"
        public static let invalidCharacter = "INVALID_CHARACTER"
        public static let invalidUUID = "INVALID_UUID"
        public static let invalidID = "INVALID_ID"
        public static let invalidIDType = "INVALID_ID_TYPE"
        public static let notAllowed = "NOT_ALLOWED"
        public static let notAllowedInVersion = "NOT_ALLOWED_IN_VERSION"
        public static let tooMany = "TOO_MANY"
        public static let tooManyAttachments = "TOO_MANY_ATTACHMENTS"
        public static let tooManyFiles = "TOO_MANY_FILES"
        public static let tooLarge = "TOO_LARGE"
        public static let invalidFilename = "INVALID_FILENAME"
        public static let invalidLanguage = "INVALID_LANGUAGE"
        public static let invalidMIMEType = "INVALID_MIME_TYPE"
        public static let invalidURL = "INVALID_URL"
        public static let notHTTPS = "NOT_HTTPS"
        public static let unknownActionCode = "UNKNOWN_ACTION_CODE"
        public static let invalidPeriod = "INVALID_PERIOD"
    }
}
