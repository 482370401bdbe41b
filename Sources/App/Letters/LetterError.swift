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

    var reason: String { words.danish }

    /// What went wrong, in both languages (`LetterErrorWords`).
    var words: BilingualWords {
        switch self {
        case .missingBuiltInTemplate(let kind):
            BilingualWords(key: "letterError_missingTemplate") {
                ["kind": Strings.table($0).filled("letterKind_\(kind.rawValue)")]
            }
        case .template(let part, let problem):
            problem.line.map { line in
                BilingualWords(key: "letterError_templateLine") {
                    ["part": Self.part(part, $0), "line": String(line), "problem": problem.text($0)]
                }
            }
                ?? BilingualWords(key: "letterError_template") {
                    ["part": Self.part(part, $0), "problem": problem.text($0)]
                }
        case .markup(let part, let line, let problem):
            BilingualWords(key: "letterError_markup") {
                ["part": Self.part(part, $0), "line": String(line), "problem": Self.text(problem, $0)]
            }
        case .rendering: BilingualWords(key: "letterError_rendering")
        case .subjectEmpty: BilingualWords(key: "letterError_subjectEmpty")
        }
    }

    func message(in language: Language) -> String { language == .da ? words.danish : words.english }

    private static func part(_ part: String, _ language: Language) -> String {
        let strings = Strings.table(language)
        return part == "subject" ? strings.filled("letterPart_subject") : strings.filled("letterPart_body")
    }

    /// A markup mistake in words.
    static func text(_ problem: LetterMarkupError.Problem, _ language: Language) -> String {
        let strings = Strings.table(language)
        return switch problem {
        case .boldNotClosed: strings.filled("markupProblem_boldNotClosed")
        case .headingLevel(let hashes): strings.filled("markupProblem_headingLevel", ["hashes": hashes])
        case .totalRowNotLast: strings.filled("markupProblem_totalRowNotLast")
        case .tableStartsWithTotal: strings.filled("markupProblem_tableStartsWithTotal")
        case .cellCount(let row, let header):
            strings.counted("markupProblem_cellCount", row, ["row": String(row), "header": String(header)])
        case .alignmentRowMisplaced: strings.filled("markupProblem_alignmentRowMisplaced")
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

    /// The mistake in words; the English adds Leaf's own (the Danish never repeats a library's
    /// English).
    func text(_ language: Language) -> String {
        let strings = Strings.table(language)
        let text =
            switch kind {
            case .character(let character): strings.filled("templateProblem_character", ["character": character])
            case .unterminatedText: strings.filled("templateProblem_unterminatedText")
            case .unclosedTag: strings.filled("templateProblem_unclosedTag")
            case .missingTemplate: strings.filled("templateProblem_missingTemplate")
            case .selfReference: strings.filled("templateProblem_selfReference")
            case .unknownField(let name): strings.filled("templateProblem_unknownField", ["name": name])
            case .other: strings.filled("templateProblem_other")
            }
        return language == .da ? text : "\(text) (Leaf: \(detail))"
    }
}
