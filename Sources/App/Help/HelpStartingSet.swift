import Foundation

/// The help articles that ship with Almen (`Resources/Help/da/<slug>.md`, and the English
/// translation in `en/<slug>.md`), written for this project in plain Danish. Each file starts with
/// a front matter block:
///
/// ```
/// ---
/// title: Opsigelse af din bolig
/// topic: flytning
/// summary: One sentence.
/// related: fraflytningssyn, boligbytte
/// embed: termination-calculator
/// ---
/// Markdown …
/// ```
enum HelpStartingSet {
    struct Article: Equatable, Sendable {
        let slug: String
        let text: HelpArticleText
    }

    enum LoadError: Error, Equatable, CustomStringConvertible {
        case missingField(file: String, field: String)
        case unknownValue(file: String, field: String, value: String)
        case badSlug(String)

        var description: String {
            switch self {
            case .missingField(let file, let field): "\(file): no \(field) in the front matter"
            case .unknownValue(let file, let field, let value): "\(file): unknown \(field) '\(value)'"
            case .badSlug(let file): "\(file): the file name is not a slug"
            }
        }
    }

    static let folder = Bundle.module.bundleURL.appendingPathComponent("Resources/Help")

    /// The articles, by slug; empty if the files cannot be read (a test loads them strictly).
    static let articles: [Article] = (try? load()) ?? []

    static func load(from folder: URL = folder) throws -> [Article] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("da").path)
            .filter { $0.hasSuffix(".md") }.sorted()
        return try files.map { file in
            let slug = String(file.dropLast(3))
            guard HelpArticleText.isSlug(slug) else { throw LoadError.badSlug(file) }
            let danish = try read(folder.appendingPathComponent("da").appendingPathComponent(file), name: "da/" + file)
            let englishURL = folder.appendingPathComponent("en").appendingPathComponent(file)
            let english =
                try FileManager.default.fileExists(atPath: englishURL.path)
                ? read(englishURL, name: "en/" + file) : nil
            let topicValue = try danish.field("topic")
            guard let topic = HelpTopic(rawValue: topicValue) else {
                throw LoadError.unknownValue(file: file, field: "topic", value: topicValue)
            }
            let embed = try danish.fields["embed"].map { value in
                guard let embed = HelpEmbed(rawValue: value) else {
                    throw LoadError.unknownValue(file: file, field: "embed", value: value)
                }
                return embed
            }
            return Article(
                slug: slug,
                text: HelpArticleText(
                    topic: topic,
                    related: (danish.fields["related"] ?? "").split(separator: ",")
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                    embed: embed,
                    danish: try danish.language(),
                    english: try english?.language()
                )
            )
        }
    }

    /// A file split into its front matter and its Markdown.
    struct File {
        let name: String
        let fields: [String: String]
        let body: String

        func field(_ key: String) throws -> String {
            guard let value = fields[key], !value.isEmpty else { throw LoadError.missingField(file: name, field: key) }
            return value
        }

        func language() throws -> HelpArticleText.Language {
            .init(title: try field("title"), summary: try field("summary"), body: body)
        }
    }

    static func read(_ url: URL, name: String) throws -> File {
        try parse(String(decoding: try Data(contentsOf: url), as: UTF8.self), name: name)
    }

    static func parse(_ text: String, name: String) throws -> File {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else {
            throw LoadError.missingField(file: name, field: "front matter")
        }
        var fields: [String: String] = [:]
        for line in lines[1..<end] {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].trimmingCharacters(in: .whitespaces)] =
                line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = lines[(end + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return File(name: name, fields: fields, body: body)
    }
}
