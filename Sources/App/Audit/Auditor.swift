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
            requestID: request.headers.first(name: "X-Request-ID") ?? request.id
        ).create(on: database ?? request.db)
    }
}

extension Request {
    var audit: Auditor { Auditor(request: self) }
}
