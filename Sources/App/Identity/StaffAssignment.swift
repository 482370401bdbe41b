import Fluent
import Foundation

/// A caseworker's assignment to a housing organisation: caseworkers see the records of their
/// assigned organisations only; administrators see all (system.md, "Actors").
final class StaffAssignment: Model, @unchecked Sendable {
    static let schema = "staff_assignments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "staff_user_id") var staff: StaffUser
    @Parent(key: "organisation_id") var organisation: HousingOrganisation

    init() {}

    init(id: UUID, staffID: UUID, organisationID: UUID) {
        self.id = id
        self.$staff.id = staffID
        self.$organisation.id = organisationID
    }
}
