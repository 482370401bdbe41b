import AlmenDomain
import Letters
import Vapor

/// What can go wrong making a letter, with a message for staff (Danish first).
enum LetterError: Error, Equatable, AbortError {
    case missingBuiltInTemplate(LetterKind)
    /// The template does not compile or run with the kind's context (Leaf's own message).
    case template(part: String, message: String)
    /// The template's output is not valid letter markup.
    case markup(part: String, line: Int, message: String)
    case rendering(String)
    case subjectEmpty

    var status: HTTPResponseStatus {
        switch self {
        case .missingBuiltInTemplate, .rendering: .internalServerError
        case .template, .markup, .subjectEmpty: .unprocessableEntity
        }
    }

    var reason: String { messageDa }

    var messageDa: String {
        switch self {
        case .missingBuiltInTemplate(let kind): "Standardskabelonen for \(kind.rawValue) mangler i installationen."
        case .template(let part, let message):
            "Skabelonens \(part == "subject" ? "emnelinje" : "brødtekst") kan ikke bruges: \(message)"
        case .markup(let part, let line, let message):
            "Linje \(line) i skabelonens \(part == "subject" ? "emnelinje" : "brødtekst"): \(message)"
        case .rendering(let message): "Brevet kunne ikke sættes op som PDF: \(message)"
        case .subjectEmpty: "Emnelinjen er tom."
        }
    }

    var messageEn: String {
        switch self {
        case .missingBuiltInTemplate(let kind):
            "The built-in template for \(kind.rawValue) is missing from the installation."
        case .template(let part, let message): "The template's \(part) cannot be used: \(message)"
        case .markup(let part, let line, let message): "Line \(line) of the template's \(part): \(message)"
        case .rendering(let message): "The letter could not be typeset as PDF: \(message)"
        case .subjectEmpty: "The subject line is empty."
        }
    }
}
