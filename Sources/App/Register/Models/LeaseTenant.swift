import Fluent
import Foundation

/// A person's place on a lease: tenant (lejer) or co-tenant (medlejer).
public final class LeaseTenant: Model, @unchecked Sendable {
    public static let schema = "lease_tenants"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "lease_id") public var lease: Lease
    @Parent(key: "person_id") public var person: Person
    @Field(key: "role") public var role: TenantRole

    public init() {}

    public init(id: UUID? = nil, leaseID: UUID, personID: UUID, role: TenantRole) {
        self.id = id
        self.$lease.id = leaseID
        self.$person.id = personID
        self.role = role
    }
}

/// A person's role on a lease.
public enum TenantRole: String, Codable, CaseIterable, Sendable {
    case tenant
    /// Medlejer: jointly liable, with the tenant's rights.
    case coTenant = "co_tenant"
}

extension QueryBuilder where Model == LeaseTenant {
    /// Tenancies of leases that have not ended, joined to their dwelling and department (so a
    /// caller can filter or read `Department` for the organisation).
    func current() -> Self {
        join(Lease.self, on: \LeaseTenant.$lease.$id == \Lease.$id).filter(Lease.self, \.$status != .ended)
            .join(Dwelling.self, on: \Lease.$dwelling.$id == \Dwelling.$id)
            .join(Department.self, on: \Dwelling.$department.$id == \Department.$id)
    }

    /// The same, in one organisation.
    func current(in organisationID: UUID) -> Self {
        current().filter(Department.self, \.$organisation.$id == organisationID)
    }
}

extension Lease {
    /// Whether letters to `personID` about this lease must go on paper because of the lease's
    /// opt-out (fritaget for digital kommunikation). The choice is its tenants': it does not reach
    /// an other party in a case about the lease, such as a sub-tenant.
    func optedOut(_ personID: UUID, on database: any Database) async throws -> Bool {
        guard digitalOptOut else { return false }
        return try await LeaseTenant.query(on: database).filter(\.$lease.$id == requireID()).filter(
            \.$person.$id == personID
        ).count() > 0
    }
}
