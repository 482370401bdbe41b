import AlmenDomain
import Foundation
import NIOConcurrencyHelpers

/// A template's two parts as an administrator edits them, and the built-in texts shipped in
/// `Resources/Letters/<kind>.leaf` (first line: the subject; the rest: the body).
struct LetterTemplateText: Sendable, Equatable {
    var subject: String
    var body: String

    /// Splits a built-in file: the first line is the subject, the rest the body.
    init(file: String) {
        let normalised = file.replacingOccurrences(of: "\r\n", with: "\n")
        let parts = normalised.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        subject = parts.first.map(String.init) ?? ""
        body = parts.count > 1 ? String(parts[1]) : ""
    }

    init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    /// The built-in text of a kind, read once per process (it ships with the release).
    static func builtIn(_ kind: LetterKind, resources: String = Resources.directory) throws -> LetterTemplateText {
        let path = resources + "Letters/\(kind.rawValue).leaf"
        if let known = builtIns.withLockedValue({ $0[path] }) { return known }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw LetterError.missingBuiltInTemplate(kind)
        }
        let template = LetterTemplateText(file: text)
        builtIns.withLockedValue { $0[path] = template }
        return template
    }

    private static let builtIns = NIOLockedValueBox<[String: LetterTemplateText]>([:])
}
