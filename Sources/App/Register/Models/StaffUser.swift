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

    public init() {}

    public init(id: UUID? = nil, name: String, email: String, role: StaffRole, active: Bool = true) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.active = active
    }
}

/// What a staff user does.
public enum StaffRole: String, Codable, CaseIterable, Sendable {
    case caseworker
    case administrator
}
