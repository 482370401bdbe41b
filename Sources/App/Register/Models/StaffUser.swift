import Fluent
import Foundation

/// A member of the administration's staff: caseworker (sagsbehandler) or system administrator.
public final class StaffUser: Model, @unchecked Sendable {
    public static let schema = "staff_users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "email") public var email: String
    @Field(key: "role") public var role: StaffRole
    @Field(key: "active") public var active: Bool
    /// Whether the morning's reminder of cases due comes by e-mail (`StaffReminders`); the
    /// member of staff chooses on "Mine indstillinger".
    @Field(key: "reminders") public var reminders: Bool
    /// The language of those e-mails: "da" or "en".
    @Field(key: "reminder_language") public var reminderLanguage: String
    /// A local account's bcrypt hash; nil when the person logs in through the staff provider.
    @OptionalField(key: "password_hash") var passwordHash: String?
    /// The TOTP secret, sealed by `SecretBox`.
    @OptionalField(key: "totp_secret") var totpSecret: Data?
    /// The last TOTP time step accepted: a code works once (RFC 6238, 5.2).
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    /// The single sign-on login linked to the account (`StaffLinking`): the provider and its
    /// subject identifier, nil until the first login.
    @OptionalField(key: "oidc_issuer") var oidcIssuer: String?
    @OptionalField(key: "oidc_subject") var oidcSubject: String?

    public init() {}

    public init(id: UUID? = nil, name: String, email: String, role: StaffRole, active: Bool = true) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.active = active
        self.reminders = true
        self.reminderLanguage = "da"
    }
}

/// A member of staff may turn the e-mailed reminders off, and read them in English; everyone
/// has them, in Danish, until they choose.
struct AddStaffReminderChoice: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StaffUser.schema).field("reminders", .bool, .required, .sql(.default(true)))
            .update()
        try await database.schema(StaffUser.schema)
            .field("reminder_language", .string, .required, .sql(.default("da"))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffUser.schema).deleteField("reminder_language").update()
        try await database.schema(StaffUser.schema).deleteField("reminders").update()
    }
}

/// What a staff user does.
public enum StaffRole: String, Codable, CaseIterable, Sendable {
    case caseworker
    case administrator
}
