import AlmenDomain
import Foundation
import SQLKit

/// What a bulk run's page (`/admin/masseudsendelse/{id}`) shows: the run with its organisation's
/// name and Digital Post set-up and the meeting it gives notice of (one statement), the names of
/// the departments it goes to (one), and how its letters would go (one, `BulkLetters.outlook`):
/// three statements whatever the selection's size.
enum BulkRunPage {
    struct Row: Decodable, Sendable {
        let id: UUID
        let organisation_id: UUID
        let organisation_name: String
        let eligible_public_sender: Bool
        let digital_post_connection: String
        /// Whether the organisation has a Digital Post connection of its own.
        let own_connection: Bool
        let kind: String
        /// What the letters say (`BulkContent`), as JSON.
        let content_json: Data
        let department_ids: String
        let dwelling_ids: String
        let status: String
        let total: Int
        let sent: Int
        let last_error: String?
        let last_error_en: String?
        /// The meeting whose notice (or cancellation) the run is.
        let meeting_id: UUID?

        var departments: [UUID] { BulkRun.ids(department_ids) }
        var dwellings: [UUID] { BulkRun.ids(dwelling_ids) }
    }

    struct Department: Decodable, Sendable {
        let number: Int
        let name: String
    }

    struct Page: Sendable {
        let run: Row
        let kind: LetterKind
        let status: BulkRunStatus
        let departments: [Department]
        let outlook: BulkLetters.Outlook
    }

    /// The run `id` if its organisation is in `scope`.
    static func load(
        _ id: UUID,
        scope: StaffScope,
        connections: DigitalPostConnections,
        on sql: any SQLDatabase
    ) async throws -> Page? {
        guard let inScope = scope.condition("r", "organisation_id") else { return nil }
        let query: SQLQueryString =
            """
            SELECT r.id, r.organisation_id, o.name AS organisation_name, o.eligible_public_sender, o.digital_post_connection,
              EXISTS (SELECT 1 FROM digital_post_connections dc WHERE dc.organisation_id = o.id) AS own_connection,
              r.kind, r.content_json, r.department_ids, r.dwelling_ids, r.status, r.total, r.sent, r.last_error, r.last_error_en,
              (SELECT m.id FROM meetings m WHERE m.notice_run_id = r.id OR m.cancellation_run_id = r.id LIMIT 1) AS meeting_id
            FROM bulk_runs r JOIN housing_organisations o ON o.id = r.organisation_id
            WHERE r.id = \(bind: id)
            """ + inScope
        guard let run = try await sql.raw(query).first(decoding: Row.self),
            let kind = LetterKind(rawValue: run.kind), let status = BulkRunStatus(rawValue: run.status)
        else { return nil }
        let departments =
            run.departments.isEmpty
            ? []
            : try await sql.raw(
                "SELECT number, name FROM departments WHERE id IN (\(binds: run.departments)) ORDER BY number"
            ).rows(decoding: Department.self)
        let outlook = try await BulkLetters.outlook(
            kind: kind,
            selection: BulkLetters.selection(
                organisation: run.organisation_id,
                departments: run.departments,
                dwellings: run.dwellings
            ),
            connected: connections.sendsDigitally(
                eligible: run.eligible_public_sender,
                connection: DigitalPostConnectionState(rawValue: run.digital_post_connection) ?? .notConnected,
                hasOwn: run.own_connection
            ),
            on: sql
        )
        return Page(run: run, kind: kind, status: status, departments: departments, outlook: outlook)
    }
}
