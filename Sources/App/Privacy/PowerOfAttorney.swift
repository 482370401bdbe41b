import AlmenDomain
import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// A fuldmagt: the grantor (a resident) lets a helper act for them in the portal for a period,
/// or staff register a guardian (værge). The helper accepts with a one-time code, logs in with
/// their own MitID and acts visibly "on behalf of"; every action is audited under both.
final class PowerOfAttorney: Model, @unchecked Sendable {
    static let schema = "powers_of_attorney"

    @ID(key: .id) var id: UUID?
    @Field(key: "grantor_id") var grantorID: UUID
    /// Set when the helper accepted with the code.
    @OptionalField(key: "helper_id") var helperID: UUID?
    /// The helper's name as the grantor (or staff) wrote it; MitID's name must match it.
    @Field(key: "helper_name") var helperName: String
    @Field(key: "kind") var kind: PowerOfAttorneyKind
    /// The helper may file requests (termination, fault reports, ...), not only read.
    @Field(key: "may_file") var mayFile: Bool
    /// The helper sees a copy of each letter to the grantor made after the fuldmagt was taken into
    /// use, under their own letters.
    @Field(key: "copies") var copies: Bool
    @Field(key: "valid_from") var validFrom: String
    /// Nil for a guardian: until staff end it.
    @OptionalField(key: "valid_to") var validTo: String?
    /// The one-time code's hash, until it is used or expires.
    @OptionalField(key: "code_hash") var codeHash: String?
    @Field(key: "code_expires_at") var codeExpiresAt: Date
    @Field(key: "created_at") var createdAt: Date
    /// The member of staff who registered a guardian.
    @OptionalField(key: "created_by_staff") var createdByStaff: UUID?
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    /// The form's one-time token: the same form sent twice gives one fuldmagt.
    @OptionalField(key: "submission_token") var submissionToken: String?

    init() {}

    /// A code not used within 30 days expires; the grantor makes a new one.
    static let codeLifetime: TimeInterval = 30 * 86_400

    var start: LocalDate? { LocalDate(iso: validFrom) }
    var end: LocalDate? { validTo.flatMap(LocalDate.init(iso:)) }

    func holds(on day: LocalDate) -> Bool {
        guard acceptedAt != nil, revokedAt == nil, let start else { return false }
        return PowerOfAttorneyRules.holds(from: start, to: end, on: day)
    }
}

enum PowerOfAttorneyKind: String, Codable, Sendable {
    /// Given by the resident in the portal.
    case fuldmagt
    /// Registered by staff from the court's or the Familieretshus' decision.
    case guardian
}

/// Powers of attorney, the session's "acting for", and the audit events' "on behalf of".
struct CreatePowersOfAttorney: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PowerOfAttorney.schema)
            .id()
            .field("grantor_id", .uuid, .required, .references(Person.schema, .id))
            .field("helper_id", .uuid, .references(Person.schema, .id))
            .field("helper_name", .string, .required)
            .field("kind", .string, .required)
            .field("may_file", .bool, .required)
            .field("copies", .bool, .required)
            .field("valid_from", .string, .required)
            .field("valid_to", .string)
            .field("code_hash", .string)
            .field("code_expires_at", .datetime, .required)
            .field("created_at", .datetime, .required)
            .field("created_by_staff", .uuid)
            .field("accepted_at", .datetime)
            .field("revoked_at", .datetime)
            .field("submission_token", .string)
            .unique(on: "code_hash")
            .unique(on: "submission_token")
            .create()
        try await SchemaIndex.create("poa_grantor", on: PowerOfAttorney.schema, columns: ["grantor_id"], in: database)
        try await SchemaIndex.create("poa_helper", on: PowerOfAttorney.schema, columns: ["helper_id"], in: database)
        try await database.schema(UserSession.schema).field("acting_for", .uuid).update()
        try await database.schema(AuditEvent.schema).field("on_behalf_of", .uuid).update()
        // The retention run finds a person's events as actor and as the one acted for.
        try await SchemaIndex.create("audit_events_actor", on: AuditEvent.schema, columns: ["actor_id"], in: database)
        try await SchemaIndex.create(
            "audit_events_on_behalf_of",
            on: AuditEvent.schema,
            columns: ["on_behalf_of"],
            in: database
        )
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema).deleteField("on_behalf_of").update()
        try await database.schema(UserSession.schema).deleteField("acting_for").update()
        try await database.schema(PowerOfAttorney.schema).delete()
    }
}

/// What the portal does with powers of attorney. Every effect comes in: database, clock, ids.
struct PowersOfAttorney: Sendable {
    let database: any Database
    let dependencies: AppDependencies

    enum Refusal: Error, Equatable {
        case code
        case ownCode
        case notFound
    }

    private var today: LocalDate { LocalDate(dependencies.now(), timeZone: danishTimeZone) }

    /// A new power of attorney waiting for its helper, and the code to give them.
    func grant(
        by grantorID: UUID,
        helperName: String,
        kind: PowerOfAttorneyKind,
        mayFile: Bool,
        copies: Bool = false,
        from start: LocalDate,
        to end: LocalDate?,
        staff: UUID? = nil,
        token: String? = nil
    ) async throws -> (PowerOfAttorney, String) {
        let code = Activation.randomCode()
        let now = dependencies.now()
        let power = PowerOfAttorney()
        power.id = dependencies.uuid()
        power.grantorID = grantorID
        power.helperName = helperName
        power.kind = kind
        power.mayFile = mayFile
        power.copies = copies
        power.validFrom = start.iso
        power.validTo = end?.iso
        power.codeHash = Activation.hash(code)
        power.codeExpiresAt = now.addingTimeInterval(PowerOfAttorney.codeLifetime)
        power.createdAt = now
        power.createdByStaff = staff
        power.submissionToken = token
        try await power.create(on: database)
        return (power, code)
    }

    /// The waiting power of attorney a typed code names, if any (not the grantor's own).
    func waiting(code typed: String, on db: (any Database)? = nil) async throws -> PowerOfAttorney? {
        guard let normalised = ActivationCodeText.normalised(typed) else { return nil }
        return try await PowerOfAttorney.query(on: db ?? database).filter(\.$codeHash == Activation.hash(normalised))
            .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).filter(\.$codeExpiresAt > dependencies.now())
            .first()
    }

    /// The helper `helperID` (MitID name `helperName`) accepts with `code`: one conditional
    /// statement, so a code is used once.
    func accept(
        code typed: String,
        helper helperID: UUID,
        helperName: String,
        on db: (any Database)? = nil
    ) async throws
        -> PowerOfAttorney
    {
        let db = db ?? database
        guard let power = try await waiting(code: typed, on: db), let id = power.id,
            Self.nameMatches(power.helperName, helperName)
        else { throw Refusal.code }
        guard power.grantorID != helperID else { throw Refusal.ownCode }
        struct Row: Decodable { let id: UUID }
        let taken = try await db.sql().raw(
            """
            UPDATE powers_of_attorney SET helper_id = \(bind: helperID), accepted_at = \(bind: dependencies.now()), code_hash = NULL
            WHERE id = \(bind: id) AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id
            """
        ).first(decoding: Row.self)
        guard taken != nil else { throw Refusal.code }
        power.helperID = helperID
        return power
    }

    /// The name the grantor wrote against MitID's: the first given name and the last name.
    static func nameMatches(_ written: String, _ provided: String) -> Bool {
        let words = written.split(separator: " ").map(String.init)
        guard let family = words.last, words.count >= 2 else { return false }
        return NameMatch.matches(providerName: provided, givenName: words[0], familyName: family)
    }

    /// Ends it now (the grantor, the helper, or staff for a guardian). A session acting on it
    /// stops at its next request (`SessionLookup` reads only powers that hold), and the helper is
    /// told so once (`Principal.actingEnded`).
    func revoke(_ id: UUID) async throws {
        try await database.sql().raw(
            """
            UPDATE powers_of_attorney SET revoked_at = \(bind: dependencies.now()), code_hash = NULL
            WHERE id = \(bind: id) AND revoked_at IS NULL
            """
        ).run()
    }

    /// Starts acting for the grantor in this session, when the power holds today.
    func act(_ power: PowerOfAttorney, session sessionID: UUID) async throws {
        guard power.holds(on: today) else { throw Refusal.notFound }
        try await database.sql().raw(
            "UPDATE user_sessions SET acting_for = \(bind: power.grantorID) WHERE id = \(bind: sessionID)"
        ).run()
    }

    func stop(session sessionID: UUID) async throws {
        try await database.sql().raw("UPDATE user_sessions SET acting_for = NULL WHERE id = \(bind: sessionID)").run()
    }
}

extension Application {
    /// Powers of attorney with this application's database, clock and ids.
    var powersOfAttorney: PowersOfAttorney { PowersOfAttorney(database: db, dependencies: dependencies) }
    /// Consents with this application's database, clock and ids.
    var consents: Consents { Consents(database: db, dependencies: dependencies) }
}
