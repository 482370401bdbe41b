import Fluent
import Foundation

/// A signed-in session, stored in the database so that web instances stay stateless. The cookie
/// holds a random token; only its SHA-256 is stored.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"
    /// Idle timeout and absolute lifetime (issue: Identity, "Sessions").
    static let idleTimeout: TimeInterval = 30 * 60
    static let absoluteLifetime: TimeInterval = 12 * 3600

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "principal_kind") var principalKind: PrincipalKind
    @OptionalParent(key: "person_id") var person: Person?
    @OptionalParent(key: "staff_user_id") var staffUser: StaffUser?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    /// When the person last proved who they are at the identity provider.
    @Field(key: "auth_time") var authTime: Date
    /// The resident a helper acts for under a fuldmagt in this session (`PowersOfAttorney.act`).
    @OptionalField(key: "acting_for") var actingFor: UUID?

    init() {}

    init(
        tokenHash: String,
        principalKind: PrincipalKind,
        personID: UUID?,
        staffUserID: UUID?,
        now: Date,
        authTime: Date
    ) {
        self.tokenHash = tokenHash
        self.principalKind = principalKind
        self.$person.id = personID
        self.$staffUser.id = staffUserID
        self.createdAt = now
        self.lastSeenAt = now
        self.authTime = authTime
    }

    func isExpired(at now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) > Self.idleTimeout || now.timeIntervalSince(createdAt) > Self.absoluteLifetime
    }
}

/// Who a session belongs to.
enum PrincipalKind: String, Codable, Sendable {
    case resident
    case staff
}
