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
        let subjects = [nil] + Array(Set(dataSubjects)).sorted { $0.uuidString < $1.uuidString }.map(Optional.some)
        try await write(
            action,
            subjects: subjects,
            subjectKind: subjectKind,
            subjectID: subjectID,
            purpose: purpose,
            actor: actor,
            on: database
        )
    }

    /// One multi-row `INSERT` through SQLKit: a page that audits a list of 25 people writes its
    /// events without building 26 Fluent models (which cost more than the rest of the page).
    private func write(
        _ action: AuditAction,
        subjects: [UUID?],
        subjectKind: AuditSubject?,
        subjectID: UUID?,
        purpose: AuditPurpose,
        actor: Principal?,
        on database: (any Database)?
    ) async throws {
        let sql = try (database ?? request.db).sql()
        let principal = actor ?? request.principal
        let dependencies = request.application.dependencies
        let now = dependencies.now()
        let requestID = Self.loggable(request.id)
        var insert = sql.insert(into: AuditEvent.schema)
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
                SQLBind(dependencies.uuid()), SQLBind(now), SQLBind(principal?.kind.rawValue ?? "anonymous"),
                // A helper acting under a fuldmagt is the actor, on behalf of the resident.
                SQLBind(principal?.signedInID),
                SQLBind(action.rawValue), SQLBind(subjectKind?.rawValue), SQLBind(subjectID), SQLBind(subject),
                SQLBind(purpose.danish), SQLBind(purpose.english), SQLBind(requestID),
                SQLBind(principal?.acting == nil ? nil : principal?.id),
            ])
        }
        try await insert.run()
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
