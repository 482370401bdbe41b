import Fluent
import Foundation
import Vapor

/// One entry of the audit trail: who did what to whose data, why and when (system.md: every
/// personal-data read by staff or boards, and every change). Append-only: the database refuses
/// updates and deletes (see `CreateAuditEvent`), but for the retention run's recorded erasures
/// (`CreateRetention`).
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @Field(key: "actor_kind") var actorKind: String
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "action") var action: String
    @OptionalField(key: "subject_kind") var subjectKind: String?
    @OptionalField(key: "subject_id") var subjectID: UUID?
    /// The person whose data it is, so that a resident can see who looked at their data.
    @OptionalField(key: "data_subject_id") var dataSubjectID: UUID?
    /// Why, in Danish: the record.
    @Field(key: "purpose") var purpose: String
    /// Why, in English (nil in events written before it was kept).
    @OptionalField(key: "purpose_en") var purposeEnglish: String?
    @Field(key: "request_id") var requestID: String
    /// The resident a helper acted for under a fuldmagt (the helper is the actor).
    @OptionalField(key: "on_behalf_of") var onBehalfOf: UUID?

    /// The actor kind of a change made with the `almen` command by an operator.
    static let commandLine = "command_line"

    /// The actor kind of a call a program made with an API key (`APIToken`, its id the actor).
    static let apiKey = "api_key"

    /// A call made with an API key: the key is the actor, and the purpose names it.
    static func byAPIKey(
        _ action: AuditAction,
        _ token: APIToken,
        purpose: AuditPurpose,
        request: Request
    ) -> AuditEvent {
        AuditEvent(
            id: request.application.dependencies.uuid(),
            at: request.application.dependencies.now(),
            actorKind: apiKey,
            actorID: token.id,
            action: action.rawValue,
            subjectKind: nil,
            subjectID: nil,
            dataSubjectID: nil,
            purpose: purpose.within("viaAPIKey", ["name": .same(token.name)]),
            requestID: Auditor.loggable(request.id)
        )
    }

    /// A change made with the `almen` command, which has no request behind it.
    static func byCommand(_ action: AuditAction, purpose: AuditPurpose, dependencies: AppDependencies) -> AuditEvent {
        AuditEvent(
            id: dependencies.uuid(),
            at: dependencies.now(),
            actorKind: commandLine,
            actorID: nil,
            action: action.rawValue,
            subjectKind: nil,
            subjectID: nil,
            dataSubjectID: nil,
            purpose: purpose,
            requestID: "-"
        )
    }

    init() {}

    init(
        id: UUID,
        at: Date,
        actorKind: String,
        actorID: UUID?,
        action: String,
        subjectKind: String?,
        subjectID: UUID?,
        dataSubjectID: UUID?,
        purpose: AuditPurpose,
        requestID: String
    ) {
        self.id = id
        self.at = at
        self.actorKind = actorKind
        self.actorID = actorID
        self.action = action
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.dataSubjectID = dataSubjectID
        self.purpose = purpose.danish
        self.purposeEnglish = purpose.english
        self.requestID = requestID
    }
}

/// `purpose_en`: each event's purpose in English beside the Danish record (`AuditPurpose`).
struct AddAuditPurposeEnglish: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).field("purpose_en", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).deleteField("purpose_en").update()
    }
}
