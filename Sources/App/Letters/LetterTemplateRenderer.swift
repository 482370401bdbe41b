import Foundation
import LeafKit
import Letters
import NIOConcurrencyHelpers
import NIOCore

/// Runs letter templates: Leaf turns a template version and a typed context into letter markup,
/// which `LetterMarkup` parses into the blocks the PDF renderer typesets.
///
/// Template versions never change, so each is compiled once and cached under its id.
/// `@unchecked`: `DefaultLeafCache` guards its storage with a lock but is not marked Sendable.
final class LetterTemplateRenderer: @unchecked Sendable {
    private let source = TemplateTextSource()
    private let sources: LeafSources
    /// Shared by every render (it locks internally), as Vapor shares its view cache.
    private let cache: DefaultLeafCache
    private let eventLoops: any EventLoopGroup

    init(eventLoops: any EventLoopGroup) {
        self.sources = .singleSource(source)
        self.cache = DefaultLeafCache()
        self.eventLoops = eventLoops
    }

    /// A renderer per render, as Vapor makes one per request: LeafRenderer is not Sendable.
    /// Previews of unsaved texts get a throwaway cache, so they leave nothing behind.
    private func renderer(cached: Bool) -> LeafRenderer {
        LeafRenderer(
            configuration: LeafConfiguration(rootDirectory: "/"),
            cache: cached ? cache : DefaultLeafCache(),
            sources: sources,
            eventLoop: eventLoops.any()
        )
    }

    /// Keys of unsaved texts start with this; saved versions are cached for good.
    static let previewPrefix = "preview-"

    /// The subject and body blocks of a letter.
    func render(
        templateKey: String,
        text: LetterTemplateText,
        common: LetterCommon,
        content: some LetterContent
    ) async throws(LetterError) -> (subject: String, body: [LetterBlock]) {
        let context: [String: LeafData]
        do {
            context = try Self.context(common: common, content: content)
        } catch {
            throw .rendering("context: \(error)")
        }
        // A text being tried (a preview, or one about to be saved) names only the letter's fields:
        // Leaf prints an unknown one as nothing, so a typo would drop words from letters.
        if templateKey.hasPrefix(Self.previewPrefix) {
            let known = Set(context.keys).union(Self.fieldNames(common)).union(Self.fieldNames(content))
            for (part, source) in [("subject", text.subject), ("body", text.body)] {
                if let unknown = Self.unknownField(in: source, known: known) {
                    throw .template(
                        part: part,
                        problem: TemplateProblem(
                            kind: .unknownField(unknown.name),
                            line: unknown.line,
                            detail: "there is no field \"\(unknown.name)\""
                        )
                    )
                }
            }
        }
        let subjectMarkup = try await run(
            name: "\(templateKey)-subject",
            source: text.subject,
            part: "subject",
            context: context
        )
        let bodyMarkup = try await run(name: "\(templateKey)-body", source: text.body, part: "body", context: context)
        let subjectBlocks = try parse(subjectMarkup, part: "subject")
        let subject = subjectBlocks.map(Self.plainText).joined(separator: " ").trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        guard !subject.isEmpty else { throw .subjectEmpty }
        return (subject, try parse(bodyMarkup, part: "body"))
    }

    private func run(
        name: String,
        source text: String,
        part: String,
        context: [String: LeafData]
    ) async throws(LetterError) -> String {
        // LeafKit's lexer force-unwraps the character after a tag parameter, so a template that
        // ends inside one ("#(subject") would crash the process; a final newline makes it a
        // parse error instead. Letter markup ignores the extra line.
        source.register(name: name, text: text + "\n")
        let cached = !name.hasPrefix(Self.previewPrefix)
        defer { if !cached { source.unregister(name: name) } }
        do {
            var buffer = try await renderer(cached: cached).render(path: name, context: context).get()
            return Self.decodeEntities(buffer.readString(length: buffer.readableBytes) ?? "")
        } catch {
            throw .template(part: part, problem: TemplateProblem(error))
        }
    }

    private func parse(_ markup: String, part: String) throws(LetterError) -> [LetterBlock] {
        do {
            return try LetterMarkup.parse(markup)
        } catch {
            throw .markup(part: part, line: error.line, problem: error.problem)
        }
    }

    /// Every stored property's name, the optional ones without a value too (the context leaves
    /// those out).
    static func fieldNames(_ value: Any) -> Set<String> {
        Set(Mirror(reflecting: value).children.compactMap(\.label))
    }

    /// The first name a tag of `text` uses that is neither a field nor a `#for` loop's variable,
    /// with its 1-based line: `#(navn)`, `#if(navn)`, `#for(x in navne)`. Functions (`count(x)`),
    /// keywords, numbers and quoted text are not names.
    static func unknownField(in text: String, known: Set<String>) -> (name: String, line: Int)? {
        let tag = #/#([A-Za-z]*)\(([^)\n]*)\)/#
        let identifier = #/[A-Za-z_][A-Za-z0-9_]*/#
        let keywords: Set<String> = ["true", "false", "nil", "in", "and", "or", "not"]
        let lines = text.components(separatedBy: "\n")
        var allowed = known
        for line in lines {
            for match in line.matches(of: tag) where match.output.1 == "for" {
                if let variable = match.output.2.split(separator: " ").first { allowed.insert(String(variable)) }
            }
        }
        for (number, line) in lines.enumerated() {
            for match in line.matches(of: tag) {
                // Quoted text is not a name; an unclosed quote is Leaf's to report.
                guard match.output.2.count(where: { $0 == "\"" }) % 2 == 0 else { continue }
                let parameters = String(match.output.2).replacing(#/"[^"]*"/#, with: "")
                for name in parameters.matches(of: identifier) {
                    let word = String(name.output)
                    let before = parameters[..<name.range.lowerBound].last
                    let after = parameters[name.range.upperBound...].first
                    if before == "." || after == "(" || keywords.contains(word) || allowed.contains(word) { continue }
                    return (word, number + 1)
                }
            }
        }
        return nil
    }

    /// Leaf escapes every value for HTML; letter markup is not HTML, so the five entities it
    /// writes are turned back into their characters (values were already escaped for markup).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A letter's body as a preview shows it, line by line: headings and paragraphs as they
    /// are, each list item on its own line with its marker ("•", "1."). Tables are left out (a
    /// page shows its amounts itself).
    static func previewLines(_ body: [LetterBlock]) -> [String] {
        body.flatMap { block -> [String] in
            switch block {
            case .bulletList(let items): items.map { "• " + $0.map(\.string).joined() }
            case .numberedList(let items):
                items.enumerated().map { "\($0.offset + 1). " + $0.element.map(\.string).joined() }
            default: [plainText(block)]
            }
        }.filter { !$0.isEmpty }
    }

    static func plainText(_ block: LetterBlock) -> String {
        switch block {
        case .heading(let text): text
        case .paragraph(let inlines): inlines.map(\.string).joined()
        default: ""
        }
    }

    /// The common fields and the kind's fields, as one flat Leaf context.
    static func context(common: LetterCommon, content: some LetterContent) throws -> [String: LeafData] {
        var merged = try leafDictionary(common)
        merged.merge(try leafDictionary(content)) { _, kindSpecific in kindSpecific }
        return merged
    }

    private static func leafDictionary(_ value: some Encodable) throws -> [String: LeafData] {
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
        return (json as? [String: Any] ?? [:]).mapValues(leafData)
    }

    private static func leafData(_ value: Any) -> LeafData {
        switch value {
        case let string as String: .string(string)
        // Contexts hold text (MarkupText) only; a number would be shown as written.
        case let number as NSNumber: .string(number.stringValue)
        case let array as [Any]: .array(array.map(leafData))
        case let dictionary as [String: Any]: .dictionary(dictionary.mapValues(leafData))
        default: .trueNil
        }
    }
}

/// Template versions by name, for Leaf. A name is registered before it is rendered; a version's
/// text never changes, so a name always maps to the same text.
private final class TemplateTextSource: LeafSource, Sendable {
    private let texts = NIOLockedValueBox<[String: String]>([:])

    func register(name: String, text: String) {
        texts.withLockedValue { $0[name] = text }
    }

    func unregister(name: String) {
        texts.withLockedValue { $0[name] = nil }
    }

    func file(template: String, escape: Bool, on eventLoop: any EventLoop) throws -> EventLoopFuture<ByteBuffer> {
        guard let text = texts.withLockedValue({ $0[template] }) else {
            return eventLoop.makeFailedFuture(LeafError(.noTemplateExists(template)))
        }
        return eventLoop.makeSucceededFuture(ByteBuffer(string: text))
    }
}
