import AlmenDomain
import LeafKit
import Letters
import Vapor

/// What can go wrong making a letter, with a message for staff in Danish and in English. The
/// Danish never repeats a library's English words: a template's mistakes are said in Danish from
/// what they are (`TemplateProblem`, `LetterMarkupError.Problem`); the English adds Leaf's own.
enum LetterError: Error, Equatable, AbortError {
    case missingBuiltInTemplate(LetterKind)
    /// The template does not compile or run with the kind's context.
    case template(part: String, problem: TemplateProblem)
    /// The template's output is not valid letter markup.
    case markup(part: String, line: Int, problem: LetterMarkupError.Problem)
    /// Typesetting failed (a fault of the installation, not of the letter): the detail is logged
    /// where it happens (`LetterService`), never shown.
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
        case .missingBuiltInTemplate(let kind):
            "Standardskabelonen for \(Strings.danish["letterKind_\(kind.rawValue)"] ?? "brevet") mangler i installationen."
        case .template(let part, let problem):
            "Skabelonens \(Self.partDa(part))\(problem.line.map { " (linje \($0))" } ?? "") kan ikke bruges: \(problem.danish)"
        case .markup(let part, let line, let problem):
            "Linje \(line) i skabelonens \(Self.partDa(part)): \(Self.danish(problem))"
        case .rendering: "Brevet kunne ikke sættes op som PDF. Prøv igen om lidt; sker det igen, så kontakt driften."
        case .subjectEmpty: "Emnelinjen er tom."
        }
    }

    var messageEn: String {
        switch self {
        case .missingBuiltInTemplate(let kind):
            "The built-in template for \(kind.rawValue) is missing from the installation."
        case .template(let part, let problem):
            "The template's \(part)\(problem.line.map { " (line \($0))" } ?? "") cannot be used: \(problem.detail)"
        case .markup(let part, let line, let problem):
            "Line \(line) of the template's \(part): \(LetterMarkupError(line: line, problem: problem).message)"
        case .rendering:
            "The letter could not be typeset as PDF. Try again shortly; if it happens again, contact operations."
        case .subjectEmpty: "The subject line is empty."
        }
    }

    private static func partDa(_ part: String) -> String { part == "subject" ? "emnelinje" : "brødtekst" }

    /// A markup mistake in Danish.
    static func danish(_ problem: LetterMarkupError.Problem) -> String {
        switch problem {
        case .boldNotClosed: "»**« (fed skrift) er begyndt, men ikke afsluttet."
        case .headingLevel(let hashes): "Der er kun ét overskriftsniveau: skriv »# « i stedet for »\(hashes) «."
        case .totalRowNotLast: "Sumrækken (»|=«) skal være tabellens sidste række."
        case .tableStartsWithTotal: "En tabel skal begynde med en overskriftsrække, ikke med sumrækken."
        case .cellCount(let row, let header):
            "Rækken har \(row) \(row == 1 ? "celle" : "celler"), men overskriftsrækken har \(header)."
        case .alignmentRowMisplaced: "En justeringsrække (»|---|---:|«) skal stå lige efter overskriftsrækken."
        }
    }
}

/// Why Leaf could not use a template: what kind of mistake, where when Leaf says, and Leaf's own
/// words (English) for the English page and the log.
struct TemplateProblem: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A character that cannot stand in a tag's parameters.
        case character(String)
        /// A text in quotes not closed.
        case unterminatedText
        /// A `#(` whose line ends before its `)`.
        case unclosedTag
        /// `#extend` or `#import` of a template that does not exist.
        case missingTemplate
        /// A template that refers to itself.
        case selfReference
        /// A name that is no field of the letter (Leaf would print it as nothing).
        case unknownField(String)
        /// Anything else Leaf refuses (an unknown tag, an `#if` without `#endif`, …).
        case other
    }

    let kind: Kind
    let line: Int?
    let detail: String

    init(kind: Kind, line: Int?, detail: String) {
        self.kind = kind
        self.line = line
        self.detail = detail
    }

    init(_ error: any Error) {
        let detail = String(describing: error)
        // Leaf throws a lexer's error as it is, or inside its own.
        var reason: LeafError.Reason?
        if let leaf = error as? LeafError {
            reason = leaf.reason as LeafError.Reason
        } else if let lexer = error as? LexerError {
            reason = .lexerError(lexer)
        }
        guard let reason else {
            self.init(kind: .other, line: nil, detail: detail)
            return
        }
        switch reason {
        case .lexerError(let lexer):
            switch lexer.reason {
            case .invalidParameterToken(let character) where character.isNewline:
                // The line ended inside a tag: the lexer has counted that line already.
                self.init(kind: .unclosedTag, line: lexer.line, detail: detail)
            case .invalidParameterToken(let character):
                self.init(kind: .character(String(character)), line: lexer.line + 1, detail: detail)
            case .unterminatedStringLiteral:
                self.init(kind: .unterminatedText, line: lexer.line + 1, detail: detail)
            case .unknownError:
                self.init(kind: .other, line: lexer.line + 1, detail: detail)
            }
        case .noTemplateExists: self.init(kind: .missingTemplate, line: nil, detail: detail)
        case .cyclicalReference: self.init(kind: .selfReference, line: nil, detail: detail)
        default: self.init(kind: .other, line: nil, detail: detail)
        }
    }

    /// The mistake in Danish.
    var danish: String {
        switch kind {
        case .character(let character): "Tegnet »\(character)« kan ikke stå inde i et #( … )."
        case .unterminatedText: "En tekst i anførselstegn er ikke afsluttet."
        case .unclosedTag: "Et #( … ) er ikke lukket med »)« på samme linje."
        case .missingTemplate: "Den henviser til en skabelon, der ikke findes."
        case .selfReference: "Den henviser til sig selv."
        case .unknownField(let name): "Brevet har intet felt, der hedder »\(name)«. Brug et af felterne i listen."
        case .other:
            "Tjek, at hvert #( … ) nævner et felt, brevet har, og at hvert #if og #for er afsluttet med #endif og #endfor."
        }
    }
}
