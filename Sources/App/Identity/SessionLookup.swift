import AlmenDomain
import Fluent
import Foundation

/// The session of a cookie with its principal and the principal's roles today, in one statement
/// (issue: Fast pages). Every signed-in request runs it, so it reads only indexed rows: the session
/// by its token hash, the person or staff user by id, and one `EXISTS` per role.
enum SessionLookup {
    /// One session row as the statement returns it.
    struct Row: Decodable, Sendable {
        let session_id: UUID
        let principal_kind: String
        let created_at: Date
        let last_seen_at: Date
        let auth_time: Date
        let person_id: UUID?
        let given_name: String?
        let family_name: String?
        let staff_id: UUID?
        let staff_name: String?
        let staff_role: String?
        let staff_active: Bool?
        let is_tenant: Bool
        let is_household_member: Bool
        let on_department_board: Bool
        let on_organisation_board: Bool
        let is_other_party: Bool
        /// The fuldmagt the session acts under, and the helper who is signed in.
        let attorney_id: UUID?
        /// Set while the session acts for someone; with no `attorney_id` the fuldmagt has ended.
        let acting_for: UUID?
        let attorney_may_file: Bool?
        let session_person_id: UUID?
        let helper_given_name: String?
        let helper_family_name: String?

        /// Idle timeout and absolute lifetime, as `UserSession.isExpired(at:)`.
        func isExpired(at now: Date) -> Bool {
            now.timeIntervalSince(last_seen_at) > UserSession.idleTimeout
                || now.timeIntervalSince(created_at) > UserSession.absoluteLifetime
        }

        /// The principal, or nil when the person or staff user is gone or deactivated.
        var principal: Principal? {
            switch PrincipalKind(rawValue: principal_kind) {
            case .resident:
                guard let person_id, let given_name, let family_name else { return nil }
                var roles: Set<Role> = []
                if is_tenant { roles.insert(.tenant) }
                if is_household_member { roles.insert(.householdMember) }
                if on_department_board { roles.insert(.departmentBoardMember) }
                if on_organisation_board { roles.insert(.organisationBoardMember) }
                if is_other_party { roles.insert(.otherParty) }
                var acting: Principal.Acting?
                if let attorney_id, let session_person_id, let helper_given_name, let helper_family_name {
                    // A seat on a board is the resident's own: never lent with a fuldmagt.
                    roles.subtract([.departmentBoardMember, .organisationBoardMember])
                    acting = Principal.Acting(
                        powerID: attorney_id,
                        helperID: session_person_id,
                        helperName: "\(helper_given_name) \(helper_family_name)",
                        mayFile: attorney_may_file ?? false
                    )
                }
                return Principal(
                    kind: .resident,
                    id: person_id,
                    name: "\(given_name) \(family_name)",
                    sessionID: session_id,
                    authTime: auth_time,
                    roles: roles,
                    acting: acting,
                    actingEnded: acting_for != nil && attorney_id == nil
                )
            case .staff:
                guard let staff_id, let staff_name, staff_active == true else { return nil }
                let roles: Set<Role> =
                    staff_role == StaffRole.administrator.rawValue ? [.administrator, .caseworker] : [.caseworker]
                return Principal(
                    kind: .staff,
                    id: staff_id,
                    name: staff_name,
                    sessionID: session_id,
                    authTime: auth_time,
                    roles: roles
                )
            case nil:
                return nil
            }
        }
    }

    /// The session whose token hashes to `tokenHash`, or nil. `today` (ISO) decides board terms.
    struct Query: PreparedQuery {
        typealias Row = SessionLookup.Row
        let tokenHash: String
        let today: String

        static let sql = """
            SELECT s.id AS session_id, s.principal_kind, s.created_at, s.last_seen_at, s.auth_time,
              p.id AS person_id, p.given_name, p.family_name,
              u.id AS staff_id, u.name AS staff_name, u.role AS staff_role, u.active AS staff_active,
              EXISTS (SELECT 1 FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id
                      WHERE lt.person_id = p.id AND l.status <> $2) AS is_tenant,
              EXISTS (SELECT 1 FROM household_members h
                      WHERE h.person_id = p.id AND h.adult = $3) AS is_household_member,
              EXISTS (SELECT 1 FROM board_memberships b
                      WHERE b.person_id = p.id AND b.board = $4 AND b.term_start <= $6 AND b.term_end >= $6) AS on_department_board,
              EXISTS (SELECT 1 FROM board_memberships b
                      WHERE b.person_id = p.id AND b.board = $5 AND b.term_start <= $6 AND b.term_end >= $6) AS on_organisation_board,
              EXISTS (SELECT 1 FROM case_parties cp JOIN cases c ON c.id = cp.case_id
                      WHERE cp.person_id = p.id AND cp.role = $7 AND c.status = $8) AS is_other_party,
              a.id AS attorney_id, a.may_file AS attorney_may_file, s.person_id AS session_person_id, s.acting_for,
              hp.given_name AS helper_given_name, hp.family_name AS helper_family_name
            FROM user_sessions s
            LEFT JOIN powers_of_attorney a ON a.id = (
              SELECT a2.id FROM powers_of_attorney a2
              WHERE s.acting_for IS NOT NULL AND a2.grantor_id = s.acting_for AND a2.helper_id = s.person_id
                AND a2.accepted_at IS NOT NULL AND a2.revoked_at IS NULL
                AND a2.valid_from <= $6 AND (a2.valid_to IS NULL OR a2.valid_to >= $6)
              ORDER BY a2.may_file DESC, a2.id LIMIT 1)
            LEFT JOIN people p ON p.id = COALESCE(a.grantor_id, s.person_id)
            LEFT JOIN people hp ON hp.id = s.person_id AND a.id IS NOT NULL
            LEFT JOIN staff_users u ON u.id = s.staff_user_id
            WHERE s.token_hash = $1
            """

        var binds: [SQLValue] {
            [
                .text(tokenHash), .text(LeaseStatus.ended.rawValue), .bool(true), .text(BoardKind.department.rawValue),
                .text(BoardKind.organisation.rawValue), .text(today), .text(CasePartyRole.otherParty.rawValue),
                .text(CaseStatus.open.rawValue),
            ]
        }
    }
}
