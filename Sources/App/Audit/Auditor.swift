import Fluent
import SQLKit
import Vapor

/// Writes audit events for a request: the actor is the signed-in principal (or anonymous), the
/// request id ties the event to the logs.
struct Auditor {
    let request: Request

    func record(
        _ action: AuditAction,
        subjectKind: AuditSubject? = nil,
        subjectID: UUID? = nil,
        dataSubjectID: UUID? = nil,
        purpose: AuditPurpose,
        actor: Principal? = nil,
        on database: (any Database)? = nil
    ) async throws {
        try await write(
            action,
            subjects: [dataSubjectID],
            subjectKind: subjectKind,
            subjectID: subjectID,
            purpose: purpose,
            actor: actor,
            on: database
        )
    }
}

extension Auditor {
    /// A read of several people's data at once (a list, a print batch): one event per person, so
    /// each sees it under "who has seen my data", written in one statement. Also one event for
    /// the whole read, for the staff audit log.
    func record(
        _ action: AuditAction,
        dataSubjects: some Collection<UUID>,
        subjectKind: AuditSubject? = nil,
        subjectID: UUID? = nil,
        purpose: AuditPurpose,
        actor: Principal? = nil,
        on database: (any Database)? = nil
    ) async throws {
        try await write(
            action,
            subjects: AuditedRead.events(of: dataSubjects),
            subjectKind: subjectKind,
            subjectID: subjectID,
            purpose: purpose,
            actor: actor,
            on: database
        )
    }

    /// One multi-row `INSERT` (`AuditedRead.write`): a page that audits a list of 25 people
    /// writes its events without building 26 Fluent models.
    private func write(
        _ action: AuditAction,
        subjects: [UUID?],
        subjectKind: AuditSubject?,
        subjectID: UUID?,
        purpose: AuditPurpose,
        actor: Principal?,
        on database: (any Database)?
    ) async throws {
        try await read(action, subjectKind: subjectKind, subjectID: subjectID, purpose: purpose, actor: actor)
            .write(subjects, on: try (database ?? request.db).sql())
    }

    /// The request id as the logs show it, when it is a plain identifier: a client may send any
    /// `X-Request-Id`, and an audit event keeps only a short, harmless one.
    static func loggable(_ id: String) -> String {
        let plain =
            id.utf8.count <= 64
            && id.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
        return plain && !id.isEmpty ? id : "refused"
    }
}

extension Request {
    var audit: Auditor { Auditor(request: self) }
}

/// A read of personal data whose audit event is written by the statement that reads it.
///
/// A staff page's read was two round trips: the page's statement, then the audit's `INSERT`.
/// On PostgreSQL the event is now written by the page's statement itself
/// (`WITH audit_write AS (INSERT …) SELECT …`): one round trip, and the read and its event are
/// stored together or not at all. SQLite has no `INSERT` in a `WITH`; there the event is written
/// just after the read (`finish`), as `Auditor.record` writes it.
///
/// The events are those of `Auditor.record(_:dataSubjects:…)`: one for the whole read, and one per
/// person read (`subjects`, a statement of their ids as `person_id`), each found by that person
/// under "who has seen my data". The whole read's id comes from the injected ids; each person's
/// event's id is derived from it and the person's id (SHA-256, which a server in FIPS mode
/// allows, where it refuses MD5), so a run is repeatable.
///
/// On PostgreSQL the events are stored when the statement runs, before the rest of the page is
/// read: a page that fails after it has recorded a read it did not show (never the other way
/// round). A statement with an `INSERT` is a write: it runs on the primary, and PostgreSQL plans
/// it without parallel workers, which the pages' indexed reads do not use anyway.
struct AuditedRead: Sendable {
    let action: AuditAction
    let subjectKind: AuditSubject?
    let subjectID: UUID?
    let purpose: AuditPurpose
    let actor: Principal?
    let at: Date
    let requestID: String
    /// The injected ids (`AppDependencies.uuid`).
    let ids: @Sendable () -> UUID

    /// Whether `statement` writes the event on `database` (PostgreSQL), or `finish` must.
    static func writesInStatement(on database: any SQLDatabase) -> Bool {
        database.dialect.name == "postgresql"
    }

    /// `query` (a `SELECT`) with the event's `INSERT` before it where the database allows.
    /// `subjects` selects the people read (one column, `person_id`); `condition` says whether the
    /// read found what it audits (a case in the staff's scope), so nothing is recorded for a 404.
    func statement(
        _ query: SQLQueryString,
        subjects: SQLQueryString? = nil,
        when condition: SQLQueryString = "TRUE",
        on database: any SQLDatabase
    ) -> SQLQueryString {
        guard Self.writesInStatement(on: database) else { return query }
        let id = ids()
        // A NULL is written into the text: a NULL bind has no type for PostgreSQL to prepare.
        func uuid(_ value: UUID?) -> SQLQueryString { value.map { "\(bind: $0)" } ?? "CAST(NULL AS UUID)" }
        func text(_ value: String?) -> SQLQueryString { value.map { "\(bind: $0)" } ?? "CAST(NULL AS TEXT)" }
        let people: SQLQueryString =
            subjects.map { "SELECT CAST(NULL AS UUID) AS person_id UNION SELECT sp.person_id FROM (" + $0 + ") sp" }
            ?? "SELECT CAST(NULL AS UUID) AS person_id"
        let events: SQLQueryString = """
            WITH audit_write AS (INSERT INTO audit_events (id, at, actor_kind, actor_id, action, subject_kind,
              subject_id, data_subject_id, purpose, purpose_en, request_id, on_behalf_of)
            SELECT CASE WHEN w.person_id IS NULL THEN \(bind: id)
              ELSE CAST(substr(encode(sha256(convert_to(CAST(\(bind: id) AS TEXT) || CAST(w.person_id AS TEXT),
                'UTF8')), 'hex'), 1, 32) AS UUID) END,
              \(bind: at), \(bind: actor?.kind.rawValue ?? "anonymous"), \(uuid(actor?.signedInID)),
              \(bind: action.rawValue), \(text(subjectKind?.rawValue)), \(uuid(subjectID)), w.person_id,
              \(bind: purpose.danish), \(bind: purpose.english), \(bind: requestID),
              \(uuid(actor?.acting == nil ? nil : actor?.id))
            FROM (
            """
        return events + people + ") w WHERE " + condition + ") " + query
    }

    /// After the read, where `statement` could not write the events: writes them now, for the
    /// people read. Nothing on PostgreSQL.
    func finish(subjects: some Collection<UUID> = [UUID](), on database: any SQLDatabase) async throws {
        guard !Self.writesInStatement(on: database) else { return }
        try await write(Self.events(of: subjects), on: database)
    }

    /// The data subjects of a read's events: none (the whole read), then each person once.
    static func events(of people: some Collection<UUID>) -> [UUID?] {
        [nil] + Set(people).sorted { $0.sortsBefore($1) }.map(Optional.some)
    }

    /// The events in one multi-row `INSERT`, one per data subject (nil: none, the whole read).
    func write(_ subjects: [UUID?], on database: any SQLDatabase) async throws {
        var insert = database.insert(into: AuditEvent.schema)
            .columns(
                "id",
                "at",
                "actor_kind",
                "actor_id",
                "action",
                "subject_kind",
                "subject_id",
                "data_subject_id",
                "purpose",
                "purpose_en",
                "request_id",
                "on_behalf_of"
            )
        for subject in subjects {
            insert = insert.values([
                SQLBind(ids()), SQLBind(at), SQLBind(actor?.kind.rawValue ?? "anonymous"),
                // A helper acting under a fuldmagt is the actor, on behalf of the resident.
                SQLBind(actor?.signedInID),
                SQLBind(action.rawValue), SQLBind(subjectKind?.rawValue), SQLBind(subjectID), SQLBind(subject),
                SQLBind(purpose.danish), SQLBind(purpose.english), SQLBind(requestID),
                SQLBind(actor?.acting == nil ? nil : actor?.id),
            ])
        }
        try await insert.run()
    }
}

extension Auditor {
    /// The event of a read the page's statement writes (`AuditedRead`).
    func read(
        _ action: AuditAction,
        subjectKind: AuditSubject? = nil,
        subjectID: UUID? = nil,
        purpose: AuditPurpose,
        actor: Principal? = nil
    ) -> AuditedRead {
        let dependencies = request.application.dependencies
        return AuditedRead(
            action: action,
            subjectKind: subjectKind,
            subjectID: subjectID,
            purpose: purpose,
            actor: actor ?? request.principal,
            at: dependencies.now(),
            requestID: Self.loggable(request.id),
            ids: dependencies.uuid
        )
    }
}
