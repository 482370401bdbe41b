import Fluent
import Foundation

/// Assigning caseworkers to organisations (`almen staff assign`).
public enum StaffAssignments {
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// Assigns (or, with `assigned: false`, unassigns) and says what was done.
    public static func set(
        email: String,
        organisationCVR: String,
        assigned: Bool,
        on database: any Database,
        ids: @Sendable () -> UUID
    ) async throws -> String {
        guard let staff = try await StaffUser.query(on: database).filter(\.$email == email.lowercased()).first() else {
            throw Problem(description: "No staff member has the e-mail address \(email).")
        }
        guard
            let organisation = try await HousingOrganisation.query(on: database).filter(\.$cvr == organisationCVR)
                .first()
        else {
            throw Problem(description: "No housing organisation has CVR \(organisationCVR).")
        }
        let staffID = try staff.requireID()
        let organisationID = try organisation.requireID()
        let existing = try await StaffAssignment.query(on: database).filter(\.$staff.$id == staffID).filter(
            \.$organisation.$id == organisationID
        ).first()
        if assigned {
            if existing == nil {
                try await StaffAssignment(id: ids(), staffID: staffID, organisationID: organisationID).create(
                    on: database
                )
            }
            return "\(staff.name) now sees the records of \(organisation.name)"
                + (staff.role == .administrator ? " (as an administrator, all organisations anyway)." : ".")
        }
        try await existing?.delete(on: database)
        return "\(staff.name) no longer sees the records of \(organisation.name)."
    }
}
