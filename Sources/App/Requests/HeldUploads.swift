import Fluent
import Foundation
import SQLKit
import Vapor

/// Photos and recordings a resident chose for a form not sent yet (one that came back with a
/// problem at another field, the fault report's preview, or the complaint form's search for a
/// home): kept on the server under the form's token, so
/// they are not chosen again on a phone. The form lists them, each with a tick to keep it; a
/// form sent keeps the ticked ones with the case and lets go of the rest. Only files that passed
/// their checks are held (cleaned of location data, like a case's attachments), and only for
/// `lifetime`: `JobKind.purgeSessions` removes older ones, and erasing a person removes theirs.
enum HeldUploads {
    /// How long a form's files are held after they were chosen.
    static let lifetime: TimeInterval = 86_400

    enum Kind: String, Sendable {
        case photo
        case recording
    }

    /// A held file as its form lists it.
    struct Held: Decodable, Sendable {
        let id: UUID
        let kind: String
        let filename: String
        let bytes: Int
        let position: Int
    }

    /// A file chosen now that passed its checks: its cleaned bytes, content type and name.
    struct Chosen: Sendable {
        let data: Data
        let contentType: String
        let filename: String
    }

    /// The files chosen in a form's file field (a browser sends an empty part for a field left
    /// empty), paired with what their check made of them, in order.
    static func chosen(_ files: [File]?, checked: [(Data, String)]) -> [Chosen] {
        // The name as the form lists it: no control characters (PostgreSQL refuses a NUL).
        let names = (files ?? []).filter { $0.data.readableBytes > 0 }.map {
            String(
                String.UnicodeScalarView(
                    $0.filename.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }
                ).prefix(120)
            )
        }
        return zip(checked, names).map { Chosen(data: $0.0.0, contentType: $0.0.1, filename: $0.1) }
    }

    /// The files held for `person`'s form `token`, in the order chosen; none for a form without one.
    static func list(person: UUID, token: String?, on database: any Database) async throws -> [Held] {
        guard let token else { return [] }
        return try await database.sql().raw(
            """
            SELECT id, kind, filename, byte_count AS bytes, position FROM held_uploads
            WHERE person_id = \(bind: person) AND form_token = \(bind: token) ORDER BY position, id
            """
        ).all(decoding: Held.self)
    }

    /// Holds `files` of `kind` for the form, numbered after `position`.
    private static func hold(
        _ files: [Chosen],
        kind: Kind,
        person: UUID,
        token: String,
        after position: Int,
        dependencies: AppDependencies,
        on database: any Database
    ) async throws {
        for (offset, file) in files.enumerated() {
            try await database.sql().raw(
                """
                INSERT INTO held_uploads (id, person_id, form_token, kind, filename, content_type, data, byte_count, position, created_at)
                VALUES (\(bind: dependencies.uuid()), \(bind: person), \(bind: token), \(bind: kind.rawValue),
                  \(bind: file.filename), \(bind: file.contentType), \(bind: file.data), \(bind: file.data.count),
                  \(bind: position + offset + 1), \(bind: dependencies.now()))
                ON CONFLICT (person_id, form_token, position) DO NOTHING
                """
            ).run()
        }
    }

    /// Lets go of the form's held files but `kept`.
    static func release(
        person: UUID,
        token: String,
        keeping kept: [UUID] = [],
        on database: any Database
    )
        async throws
    {
        var query: SQLQueryString =
            "DELETE FROM held_uploads WHERE person_id = \(bind: person) AND form_token = \(bind: token)"
        if !kept.isEmpty { query += " AND id NOT IN (\(binds: kept))" }
        try await database.sql().raw(query).run()
    }

    /// The bytes and content types of the held files `ids` of `kind`, in the order chosen.
    static func contents(
        _ ids: [UUID],
        kind: Kind,
        person: UUID,
        token: String,
        on database: any Database
    ) async throws -> [(Data, String)] {
        guard !ids.isEmpty else { return [] }
        struct Row: Decodable {
            let data: Data
            let content_type: String
        }
        return try await database.sql().raw(
            """
            SELECT data, content_type FROM held_uploads
            WHERE person_id = \(bind: person) AND form_token = \(bind: token) AND kind = \(bind: kind.rawValue)
              AND id IN (\(binds: ids)) ORDER BY position, id
            """
        ).all(decoding: Row.self).map { ($0.data, $0.content_type) }
    }

    /// A form that came back: lets go of the held files not ticked, holds those chosen now, and
    /// answers what the form holds then. In one transaction; the same form sent twice at once
    /// (a double click) holds its files once: the second's rows take the same places, which are
    /// unique.
    static func keep(
        _ files: [(FormFiles, Kind)],
        held: [Held],
        person: UUID,
        token: String,
        dependencies: AppDependencies,
        on database: any Database
    ) async throws -> [Held] {
        try await database.transaction { db in
            try await release(person: person, token: token, keeping: files.flatMap { $0.0.kept.map(\.id) }, on: db)
            var last = held.map(\.position).max() ?? 0
            for (form, kind) in files {
                try await hold(
                    form.chosen,
                    kind: kind,
                    person: person,
                    token: token,
                    after: last,
                    dependencies: dependencies,
                    on: db
                )
                last += form.chosen.count
            }
        }
        return try await list(person: person, token: token, on: database)
    }

    /// The form ticked a file that is no longer held (purged after `lifetime`, or never this
    /// form's): the resident is told to choose it again rather than find it missing from the case.
    static func gone(held: [Held], ticked: [String]?) -> Bool {
        let ids = Set(held.map(\.id))
        return (ticked ?? []).contains { UUID(uuidString: $0).map { !ids.contains($0) } ?? true }
    }

    /// Removes what was held longer than `lifetime`.
    static func purge(now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM held_uploads WHERE created_at < \(bind: now.addingTimeInterval(-lifetime))")
            .run()
    }
}

/// One form's files of one kind as the form was sent: the held ones the resident kept ticked, and
/// those chosen now that passed their checks.
struct FormFiles: Sendable {
    /// The held files still ticked.
    var kept: [HeldUploads.Held] = []
    var chosen: [HeldUploads.Chosen] = []

    var count: Int { kept.count + chosen.count }

    /// The ticked ones of the files held for the form: `ticked` are the ids the form sent.
    init(held: [HeldUploads.Held], kind: HeldUploads.Kind, ticked: [String]?) {
        let ids = Set((ticked ?? []).compactMap(UUID.init(uuidString:)))
        kept = held.filter { $0.kind == kind.rawValue && ids.contains($0.id) }
    }

    /// The files as the case stores them: the kept ones first, in the order chosen.
    func contents(
        kind: HeldUploads.Kind,
        person: UUID,
        token: String,
        on database: any Database
    ) async throws
        -> [(Data, String)]
    {
        try await HeldUploads.contents(kept.map(\.id), kind: kind, person: person, token: token, on: database)
            + chosen.map { ($0.data, $0.contentType) }
    }
}

/// The held files of a form as it lists them, each with its tick (`kept[]`).
struct HeldFileRow: Encodable, Sendable {
    let id: String
    /// "IMG_2031.jpg (1,2 MB)"
    let label: String

    static func rows(_ held: [HeldUploads.Held], kind: HeldUploads.Kind, _ language: Language) -> [HeldFileRow] {
        held.filter { $0.kind == kind.rawValue }.map {
            HeldFileRow(id: $0.id.lowercasedString, label: "\($0.filename) (\(FileSize.text($0.bytes, language)))")
        }
    }

    /// The list above a file field (`field` is its id): a group headed `legend`, a tick for each,
    /// ticked. `legend` and `hint` are HTML (escaped words). Empty for none.
    static func html(_ rows: [HeldFileRow], field: String, legend: String, hint: String) -> String {
        guard !rows.isEmpty else { return "" }
        let e = { (text: String) in HTMLText.escape(text) }
        var html = "<fieldset class=\"field held-files\" aria-describedby=\"\(field)-held-hint\">\n"
        html += "  <legend>\(legend)</legend>\n  <p class=\"hint\" id=\"\(field)-held-hint\">\(hint)</p>\n"
        for (number, row) in rows.enumerated() {
            let id = "\(field)-held-\(number + 1)"
            html += "  <div class=\"checkbox\"><input type=\"checkbox\" id=\"\(id)\" name=\"kept[]\""
            html += " value=\"\(e(row.id))\" checked> <label for=\"\(id)\">\(e(row.label))</label></div>\n"
        }
        return html + "</fieldset>\n"
    }
}

struct CreateHeldUploads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("held_uploads")
            .id()
            .field("person_id", .uuid, .required)
            .field("form_token", .string, .required)
            .field("kind", .string, .required)
            .field("filename", .string, .required)
            .field("content_type", .string, .required)
            .field("data", .data, .required)
            .field("byte_count", .int, .required)
            .field("position", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        // A form's files by their place: listed in order, and held once (`hold`).
        try await database.sql().raw(
            "CREATE UNIQUE INDEX held_uploads_form ON held_uploads (person_id, form_token, position)"
        ).run()
        try await database.sql().raw("CREATE INDEX held_uploads_created ON held_uploads (created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("held_uploads").delete()
    }
}
