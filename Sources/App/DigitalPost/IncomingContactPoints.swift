import Fluent
import Foundation
import SQLKit

/// The contact points (kontaktpunkter) residents' mail has come to, one row each, kept as mail is
/// stored: the inbox offers them to choose from by reading this short table, not by going through
/// every message received (`IncomingLists.contactPoints`). Each is named as the latest message to
/// it named it, and belongs to the organisation the first message to it was for.
enum IncomingContactPoints {
    static let table = "incoming_contact_points"

    /// One message's contact point, as it is stored.
    struct Noted: Sendable {
        let contactPoint: String
        let label: String?
        let organisationID: UUID?
        let receivedAt: Date
    }

    /// Adds the contact points of messages just stored (`points` in the order they came), or
    /// brings them up to date: the latest name given wins, a message without one keeps the name
    /// known, and a contact point stays with the organisation it was first known for (it is that
    /// organisation's; a later reply threaded elsewhere does not move it).
    static func note(_ points: [Noted], on sql: any SQLDatabase) async throws {
        // One row per contact point, merged in the messages' order.
        var merged: [String: Noted] = [:]
        for point in points {
            let known = merged[point.contactPoint]
            merged[point.contactPoint] = Noted(
                contactPoint: point.contactPoint,
                label: point.label ?? known?.label,
                organisationID: known?.organisationID ?? point.organisationID,
                receivedAt: max(point.receivedAt, known?.receivedAt ?? point.receivedAt)
            )
        }
        for point in merged.values.sorted(by: { $0.contactPoint < $1.contactPoint }) {
            try await sql.raw(
                """
                INSERT INTO incoming_contact_points (contact_point, label, organisation_id, last_received_at)
                VALUES (\(bind: point.contactPoint), \(bind: point.label), \(bind: point.organisationID), \(bind: point.receivedAt))
                ON CONFLICT (contact_point) DO UPDATE SET
                  label = COALESCE(excluded.label, incoming_contact_points.label),
                  organisation_id = COALESCE(incoming_contact_points.organisation_id, excluded.organisation_id),
                  last_received_at = excluded.last_received_at
                WHERE excluded.last_received_at >= incoming_contact_points.last_received_at
                """
            ).run()
        }
    }
}

/// `incoming_contact_points`, filled from the mail already received.
struct CreateIncomingContactPoints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IncomingContactPoints.table)
            .field("contact_point", .string, .identifier(auto: false))
            .field("label", .string)
            .field("organisation_id", .uuid, .references(HousingOrganisation.schema, "id"))
            .field("last_received_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            INSERT INTO incoming_contact_points (contact_point, label, organisation_id, last_received_at)
            SELECT p.contact_point,
              (SELECT l.contact_point_label FROM incoming_messages l WHERE l.contact_point = p.contact_point
                 AND l.contact_point_label IS NOT NULL ORDER BY l.received_at DESC, l.id DESC LIMIT 1),
              (SELECT o.organisation_id FROM incoming_messages o WHERE o.contact_point = p.contact_point
                 AND o.organisation_id IS NOT NULL ORDER BY o.received_at, o.id LIMIT 1),
              p.last_received_at
            FROM (SELECT m.contact_point, MAX(m.received_at) AS last_received_at FROM incoming_messages m
                  WHERE m.contact_point IS NOT NULL GROUP BY m.contact_point) p
            """
        ).run()
        try await sql.raw(
            "CREATE INDEX incoming_contact_points_organisation ON incoming_contact_points (organisation_id)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IncomingContactPoints.table).delete()
    }
}
