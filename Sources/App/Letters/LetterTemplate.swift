import AlmenDomain
import Fluent
import Foundation

/// One version of a letter template (brevskabelon): the built-in text, or an organisation's own
/// copy. Versions are never changed: saving adds a version, and every letter points at the exact
/// version it was made from.
final class LetterTemplate: Model, @unchecked Sendable {
    static let schema = "letter_templates"

    @ID(key: .id) var id: UUID?
    /// "builtin", or the organisation's id for its own copy.
    @Field(key: "scope") var scope: String
    @Field(key: "kind") var kind: LetterKind
    @Field(key: "version") var version: Int
    /// Leaf source of the subject line.
    @Field(key: "subject_source") var subjectSource: String
    /// Leaf source of the body, producing letter markup (`LetterMarkup`).
    @Field(key: "body_source") var bodySource: String
    /// SHA-256 of subject and body: finds the stored version of a built-in text.
    @Field(key: "source_digest") var sourceDigest: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    static let builtInScope = "builtin"

    init() {}

    init(
        id: UUID,
        scope: String,
        kind: LetterKind,
        version: Int,
        subjectSource: String,
        bodySource: String,
        createdBy: UUID?,
        now: Date
    ) {
        self.id = id
        self.scope = scope
        self.kind = kind
        self.version = version
        self.subjectSource = subjectSource
        self.bodySource = bodySource
        self.sourceDigest = Self.digest(subject: subjectSource, body: bodySource)
        self.createdBy = createdBy
        self.createdAt = now
    }

    static func digest(subject: String, body: String) -> String {
        SHA256Hex.of(Data((subject + "\u{0}" + body).utf8))
    }
}
