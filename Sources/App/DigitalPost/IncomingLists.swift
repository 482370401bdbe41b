import Foundation
import SQLKit

/// Staff's inbox of incoming Digital Post within their scope, newest first, a page at a time by
/// keyset (`Keyset`), narrowed by `Filter` (a contact point, whether it is in a case, an
/// organisation, the days received) and a search (the subject, the sender's name, the case
/// number): one statement a page, never the XML.
enum IncomingLists {
    struct Row: Decodable, Sendable {
        let id: UUID
        let received_at: Date
        let label: String?
        let status: String
        let contact_point: String?
        let contact_point_label: String?
        let person_id: UUID?
        let organisation_id: UUID?
        let case_id: UUID?
        let given_name: String?
        let family_name: String?
        let thread: String?
        let case_number: String?

        var sender: String? { given_name.flatMap { given in family_name.map { "\(given) \($0)" } } }
        var stored: Bool { status == IncomingMessageStatus.stored.rawValue }
        /// The contact point by its name, or by its id when the sender gave no name.
        var contactPointName: String? { contact_point_label ?? contact_point }
    }

    /// A `Row` of every message, with its sender, thread and case (and the raw MeMo, `xml`, when
    /// asked for), before the conditions: `WHERE 1 = 1`.
    static func selection(withXML: Bool = false) -> SQLQueryString {
        let xml: SQLQueryString = withXML ? ", m.xml" : ""
        return """
            SELECT m.id, m.received_at, m.label, m.status, m.contact_point, m.contact_point_label, m.person_id, m.organisation_id, m.case_id,
              p.given_name, p.family_name, r.label AS thread, c.number AS case_number\(xml)
            FROM incoming_messages m
            LEFT JOIN people p ON p.id = m.person_id
            LEFT JOIN digital_post_letters r ON r.id = m.reply_to_letter_id
            LEFT JOIN cases c ON c.id = m.case_id
            WHERE 1 = 1
            """
    }

    /// Where a message stands for the caseworker: not yet in a case (their task), in one, or not
    /// readable (the sender was told it was invalid).
    enum State: String, CaseIterable, Sendable {
        case unfiled = "uden-sag"
        case filed = "paa-sag"
        case unreadable = "ulaeselig"
    }

    /// What staff narrow the inbox by.
    struct Filter: Sendable {
        /// A contact point by its id (as the list offers them) or the start of its name (as typed
        /// when there are too many to list).
        var contactPoint: String?
        var state: State?
        var organisation: UUID?
        var search = ""
        /// The days the mail was received.
        var period = ListPeriod()

        var narrows: Bool {
            contactPoint != nil || state != nil || organisation != nil || !search.isEmpty || !period.isEmpty
        }
    }

    static func inbox(
        _ scope: StaffScope,
        _ filter: Filter,
        after cursor: UUID?,
        on database: any SQLDatabase
    ) async throws -> [Row] {
        var query = selection()
        guard let inScope = scope.condition("m", "organisation_id") else { return [] }
        query += inScope
        if let contactPoint = filter.contactPoint {
            // By its id, or by the beginning of its name as the contact points are known by.
            query += " AND m.contact_point IN (SELECT p.contact_point FROM incoming_contact_points p"
            query += " WHERE p.contact_point = \(bind: contactPoint) OR "
            query += Keyset.prefix("COALESCE(p.label, '')", contactPoint, on: database) + ")"
        }
        switch filter.state {
        case .unfiled:
            query += " AND m.case_id IS NULL AND m.status = \(bind: IncomingMessageStatus.stored.rawValue)"
        case .filed: query += " AND m.case_id IS NOT NULL"
        case .unreadable: query += " AND m.status = \(bind: IncomingMessageStatus.invalid.rawValue)"
        case nil: break
        }
        if let organisation = filter.organisation { query += " AND m.organisation_id = \(bind: organisation)" }
        query += filter.period.condition("m", "received_at")
        let search = filter.search
        if !search.isEmpty {
            query += " AND (" + Keyset.like("COALESCE(m.label, '')", search) + " OR "
            query += Keyset.like("COALESCE(p.given_name || ' ' || p.family_name, '')", search) + " OR "
            query += Keyset.like("COALESCE(c.number, '')", search) + ")"
        }
        query += Keyset.after(cursor, table: "incoming_messages", alias: "m", column: "received_at")
        query += " ORDER BY m.received_at DESC, m.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
        return try await database.raw(query).rows(decoding: Row.self)
    }

    /// A contact point mail has come to: its id, and its name when a sender gave one.
    struct ContactPoint: Decodable, Sendable {
        let contact_point: String
        let contact_point_label: String?

        var name: String { contact_point_label ?? contact_point }
    }

    /// How many contact points the inbox lists to choose from; with more, staff type a name.
    static let contactPointsListed = 200

    /// The contact points mail in scope has come to, by name: one more than are listed, to know
    /// when there are too many to list.
    static func contactPoints(_ scope: StaffScope, on database: any SQLDatabase) async throws -> [ContactPoint] {
        // Each by the name the latest message to it gave (`IncomingContactPoints`).
        guard let inScope = scope.condition("p", "organisation_id") else { return [] }
        let query: SQLQueryString =
            "SELECT p.contact_point, p.label AS contact_point_label FROM incoming_contact_points p WHERE 1 = 1"
            + inScope
            + " ORDER BY COALESCE(p.label, p.contact_point), p.contact_point LIMIT \(literal: contactPointsListed + 1)"
        return try await database.raw(query).rows(decoding: ContactPoint.self)
    }
}
