import AlmenDomain
import Fluent
import Foundation

/// What the termination page reads besides the lease (`MyHomePage.lease`): the lease's tenants,
/// each with whether they have signed the lease's notice, and the notice if there is one. One
/// statement.
enum TerminationNoticePage {
    struct Row: Decodable, Sendable {
        let person_id: UUID
        let given_name: String
        let family_name: String
        let notice_id: UUID?
        let case_id: UUID?
        let filed_by: UUID?
        let forwarding_address: String?
        let viewing: String?
        let received_on: String?
        let end_date: String?
        let signed_at: Date?
        let case_status: String?
        let case_number: String?

        var name: String { "\(given_name) \(family_name)" }
        /// Staff closed the notice's case before every tenant had signed: it was withdrawn.
        var isWithdrawn: Bool { received_on == nil && case_status == CaseStatus.closed.rawValue }
    }

    struct Query: PreparedQuery {
        typealias Row = TerminationNoticePage.Row
        let leaseID: UUID
        static let sql = """
            SELECT p.id AS person_id, p.given_name, p.family_name, n.id AS notice_id, n.case_id, n.filed_by,
              n.forwarding_address, n.viewing, n.received_on, n.end_date, s.signed_at, c.status AS case_status,
              c.number AS case_number
            FROM lease_tenants lt JOIN people p ON p.id = lt.person_id
            LEFT JOIN termination_notices n ON n.lease_id = lt.lease_id
            LEFT JOIN cases c ON c.id = n.case_id
            LEFT JOIN termination_signatures s ON s.notice_id = n.id AND s.person_id = lt.person_id
            WHERE lt.lease_id = $1
            ORDER BY p.given_name, p.family_name, p.id
            """
        var binds: [SQLValue] { [.uuid(leaseID)] }
    }

    /// The tenants of the lease, by name, with the notice's state.
    static func tenants(of leaseID: UUID, on database: any Database) async throws -> [Row] {
        try await Query(leaseID: leaseID).all(on: database)
    }
}
