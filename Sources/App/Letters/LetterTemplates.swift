import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// Finds and saves template versions. An organisation's own copy wins over the built-in text;
/// the built-in text is stored as a version the first time a letter uses it, so every letter
/// points at the exact text it was made from.
struct LetterTemplates: Sendable {
    let database: any Database
    let dependencies: AppDependencies

    /// The version a new letter of `kind` from `organisationID` uses.
    func current(_ kind: LetterKind, organisationID: UUID) async throws -> LetterTemplate {
        if let own = try await latest(kind, scope: organisationID.lowercasedString) { return own }
        return try await builtIn(kind)
    }

    /// The stored version of the built-in text of `kind`, added when the text is new.
    func builtIn(_ kind: LetterKind) async throws -> LetterTemplate {
        let text = try LetterTemplateText.builtIn(kind)
        let digest = LetterTemplate.digest(subject: text.subject, body: text.body)
        if let stored = try await LetterTemplate.query(on: database).filter(\.$scope == LetterTemplate.builtInScope)
            .filter(\.$kind == kind).filter(\.$sourceDigest == digest).sort(\.$version, .descending).first()
        {
            return stored
        }
        return try await add(kind, scope: LetterTemplate.builtInScope, text: text, createdBy: nil)
    }

    /// The newest version of each kind an organisation has its own copy of, in one statement.
    func latestVersions(organisationID: UUID) async throws -> [LetterKind: Int] {
        struct Row: Decodable, Sendable {
            let kind: String
            let version: Int
        }
        guard let sql = database as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT kind, MAX(version) AS version FROM letter_templates
            WHERE scope = \(bind: organisationID.lowercasedString) GROUP BY kind
            """
        ).rows(decoding: Row.self)
        return Dictionary(
            rows.compactMap { row in LetterKind(rawValue: row.kind).map { ($0, row.version) } },
            uniquingKeysWith: max
        )
    }

    /// Saves a new version of an organisation's copy (already checked by the caller).
    func save(
        _ kind: LetterKind,
        organisationID: UUID,
        text: LetterTemplateText,
        createdBy: UUID?
    ) async throws -> LetterTemplate {
        try await add(kind, scope: organisationID.lowercasedString, text: text, createdBy: createdBy)
    }

    private func latest(_ kind: LetterKind, scope: String) async throws -> LetterTemplate? {
        try await LetterTemplate.query(on: database).filter(\.$scope == scope).filter(\.$kind == kind)
            .sort(\.$version, .descending).first()
    }

    /// Adds the next version. Two saves at once: the unique (scope, kind, version) index refuses
    /// the second, which then tries again with the next number.
    private func add(
        _ kind: LetterKind,
        scope: String,
        text: LetterTemplateText,
        createdBy: UUID?
    ) async throws -> LetterTemplate {
        var lastError: (any Error)?
        for _ in 0..<3 {
            let next = (try await latest(kind, scope: scope)?.version ?? 0) + 1
            let template = LetterTemplate(
                id: dependencies.uuid(),
                scope: scope,
                kind: kind,
                version: next,
                subjectSource: text.subject,
                bodySource: text.body,
                createdBy: createdBy,
                now: dependencies.now()
            )
            do {
                try await template.create(on: database)
                return template
            } catch {
                lastError = error
                if scope == LetterTemplate.builtInScope,
                    let stored = try await LetterTemplate.query(on: database).filter(\.$scope == scope).filter(
                        \.$kind == kind
                    )
                    .filter(\.$sourceDigest == template.sourceDigest).first()
                {
                    return stored
                }
            }
        }
        throw lastError ?? LetterError.rendering("template version")
    }
}
