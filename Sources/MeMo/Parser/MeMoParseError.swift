/// Why a MeMo document was refused by `MeMoParser`.
///
/// Paths name elements, as in `MessageBody.MainDocument.File[0].filename`, never their text: the
/// text may hold CPR numbers, so no case carries message content and every description is safe to
/// log or show.
public enum MeMoParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The document has more bytes than `MeMoLimits.maxBytes`; it was not parsed.
    case tooLarge(limit: Int)
    /// A document type declaration (DTD): never accepted, as it is how entity attacks start.
    case doctypeNotAllowed
    /// An entity declaration or a reference to an entity other than XML's five built-in ones.
    case entityNotAllowed
    case tooDeep(limit: Int)
    case tooManyElements(limit: Int)
    case textTooLong(path: String, limit: Int)
    case timeLimitExceeded
    /// Not well-formed XML (or not UTF-8); `reason` is expat's description of the problem. Lines
    /// count from 1 and columns from 0, as expat reports them.
    case malformedXML(line: Int, column: Int, reason: String)
    /// The root element is not `Message` in the MeMo namespace.
    case wrongRoot
    /// An element that MeMo does not allow where it stands: unknown, in another namespace,
    /// repeated, out of order, or of a later MeMo version.
    case unexpectedElement(path: String)
    case missingElement(path: String)
    /// Text or an attribute that cannot be read as what the element holds.
    case invalidValue(path: String, reason: String)
    /// The root's `memoVersion` is neither 1.1 nor 1.2 (empty when it is missing).
    case unsupportedVersion(String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "The document is larger than the limit of \(limit) bytes."
        case .doctypeNotAllowed: "The document has a document type declaration (DOCTYPE), which is not allowed."
        case .entityNotAllowed: "The document declares or uses an XML entity, which is not allowed."
        case .tooDeep(let limit): "Elements are nested deeper than the limit of \(limit) levels."
        case .tooManyElements(let limit): "The document has more than the limit of \(limit) elements."
        case .textTooLong(let path, let limit): "The text of \(path) is longer than the limit of \(limit) bytes."
        case .timeLimitExceeded: "Reading the document took longer than the time limit."
        case .malformedXML(let line, let column, let reason):
            "The document is not well-formed XML at line \(line), column \(column): \(reason)."
        case .wrongRoot: "The root element is not a MeMo Message (namespace https://DigitalPost.dk/MeMo-1)."
        case .unexpectedElement(let path): "The element \(path) is not allowed there."
        case .missingElement(let path): "The required element \(path) is missing."
        case .invalidValue(let path, let reason): "The value of \(path) is invalid: \(reason)."
        case .unsupportedVersion(let version):
            version.isEmpty
                ? "The message has no memoVersion; versions 1.1 and 1.2 are supported."
                : "MeMo version \(version) is not supported; versions 1.1 and 1.2 are."
        }
    }

    /// A stable machine-readable name of the case, for JSON and logs.
    public var code: String {
        switch self {
        case .tooLarge: "TOO_LARGE"
        case .doctypeNotAllowed: "DOCTYPE_NOT_ALLOWED"
        case .entityNotAllowed: "ENTITY_NOT_ALLOWED"
        case .tooDeep: "TOO_DEEP"
        case .tooManyElements: "TOO_MANY_ELEMENTS"
        case .textTooLong: "TEXT_TOO_LONG"
        case .timeLimitExceeded: "TIME_LIMIT_EXCEEDED"
        case .malformedXML: "MALFORMED_XML"
        case .wrongRoot: "WRONG_ROOT"
        case .unexpectedElement: "UNEXPECTED_ELEMENT"
        case .missingElement: "MISSING_ELEMENT"
        case .invalidValue: "INVALID_VALUE"
        case .unsupportedVersion: "UNSUPPORTED_VERSION"
        }
    }

    /// The element the problem is at, when there is one.
    public var path: String? {
        switch self {
        case .textTooLong(let path, _), .unexpectedElement(let path), .missingElement(let path),
            .invalidValue(let path, _):
            path
        case .wrongRoot, .unsupportedVersion: "Message"
        default: nil
        }
    }

    /// The error as one NgDP-style field error, for answering a 400 (the local stand-in).
    public var fieldError: MeMoFieldError {
        MeMoFieldError(field: path ?? "Message", code: code, message: description)
    }
}
