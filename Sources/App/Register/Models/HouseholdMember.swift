import Fluent
import Foundation

/// A member of the household (husstand) living in the dwelling who is not on the lease.
public final class HouseholdMember: Model, @unchecked Sendable {
    public static let schema = "household_members"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "lease_id") public var lease: Lease
    @Parent(key: "person_id") public var person: Person
    /// Adults may log in for help, democracy and their own data; children may not.
    @Field(key: "adult") public var adult: Bool

    public init() {}

    public init(id: UUID? = nil, leaseID: UUID, personID: UUID, adult: Bool) {
        self.id = id
        self.$lease.id = leaseID
        self.$person.id = personID
        self.adult = adult
    }
}
