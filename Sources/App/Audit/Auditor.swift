import Fluent
import Vapor

/// Writes audit events for a request: the actor is the signed-in principal (or anonymous), the
/// request id ties the event to the logs.
struct Auditor {
    let request: Request

    func record(
        _ action: String, subjectKind: String? = nil, subjectID: UUID? = nil, dataSubjectID: UUID? = nil,
        purpose: String, actor: Principal? = nil, on database: (any Database)? = nil
    ) async throws {
        let principal = actor ?? request.principal
        try await AuditEvent(
            id: request.application.dependencies.uuid(), at: request.application.dependencies.now(),
            actorKind: principal?.kind.rawValue ?? "anonymous", actorID: principal?.id, action: action,
            subjectKind: subjectKind, subjectID: subjectID, dataSubjectID: dataSubjectID, purpose: purpose,
            requestID: Self.loggable(request.id)
        ).create(on: database ?? request.db)
    }
}

extension Auditor {
    /// A read of several people's data at once (a list, a print batch): one event per person, so
    /// each sees it under "who has seen my data", written in one statement. Also one event for
    /// the whole read, for the staff audit log.
    func record(
        _ action: String, dataSubjects: some Collection<UUID>, subjectKind: String? = nil, subjectID: UUID? = nil, purpose: String,
        actor: Principal? = nil, on database: (any Database)? = nil
    ) async throws {
        let principal = actor ?? request.principal
        let dependencies = request.application.dependencies
        let now = dependencies.now()
        let requestID = Self.loggable(request.id)
        let subjects = [nil] + Array(Set(dataSubjects)).sorted { $0.uuidString < $1.uuidString }.map(Optional.some)
        let events = subjects.map { subject in
            AuditEvent(
                id: dependencies.uuid(), at: now, actorKind: principal?.kind.rawValue ?? "anonymous", actorID: principal?.id, action: action,
                subjectKind: subjectKind, subjectID: subjectID, dataSubjectID: subject, purpose: purpose, requestID: requestID
            )
        }
        try await events.create(on: database ?? request.db)
    }

    /// The request id as the logs show it, when it is a plain identifier: a client may send any
    /// `X-Request-Id`, and an audit event keeps only a short, harmless one.
    static func loggable(_ id: String) -> String {
        let plain = id.utf8.count <= 64 && id.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        return plain && !id.isEmpty ? id : "refused"
    }
}

extension Request {
    var audit: Auditor { Auditor(request: self) }
}
