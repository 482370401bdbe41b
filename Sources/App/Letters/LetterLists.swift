import AlmenDomain
import Foundation
import SQLKit

/// The lists of letters: a resident's own ("Mine breve") and staff's within their scope, newest
/// first, a page at a time by keyset (`Keyset`), each page one statement whatever the number of
/// letters. Staff filter by status and organisation and search by recipient, subject or reference.
enum LetterLists {
    struct Row: Decodable, Sendable {
        let id: UUID
        let kind: String
        let subject: String
        let reference: String
        let channel: String?
        let status: String
        let page_count: Int
        let created_at: Date
        let recipient_person_id: UUID
        let given_name: String
        let family_name: String
        /// The estate a letter about a dead tenant went to (`Letter.addressee`).
        let addressee: String?

        var recipientName: String { addressee ?? "\(given_name) \(family_name)" }
    }

    /// What staff narrow the list by.
    struct Filter: Sendable {
        var status: LetterStatus?
        var kind: LetterKind?
        var organisation: UUID?
        var search: String?
        /// The days the letters were written.
        var period = ListPeriod()

        var narrows: Bool {
            status != nil || kind != nil || organisation != nil || search != nil || !period.isEmpty
        }
    }

    private static let columns: SQLQueryString = """
        SELECT l.id, l.kind, l.subject, l.reference, l.channel, l.status, l.page_count, l.created_at, l.recipient_person_id,
          p.given_name, p.family_name, l.addressee
        FROM letters l JOIN people p ON p.id = l.recipient_person_id
        """

    /// The letters to `personID`, a page from `cursor` on (one more row than a page, to know
    /// whether another follows).
    static func mine(
        _ personID: UUID,
        today: LocalDate,
        copies: Bool = true,
        after cursor: UUID?,
        on database: any SQLDatabase
    ) async throws -> [Row] {
        var query = columns
        guard copies else {
            query += " WHERE l.recipient_person_id = \(bind: personID)" + neverSent
            query += Keyset.after(cursor, table: "letters", alias: "l", column: "created_at")
            query += " ORDER BY l.created_at DESC, l.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
            return try await database.raw(query).preparedRows(decoding: Row.self)
        }
        // With copies of the letters to those whose fuldmagt says so, from when it was taken into use.
        query += """
             WHERE l.recipient_person_id IN (SELECT \(bind: personID) UNION SELECT a.grantor_id FROM powers_of_attorney a
               WHERE \(copiesHeld(helper: personID, today: today)))
              AND (l.recipient_person_id = \(bind: personID) OR l.created_at >= (
                SELECT MIN(a.accepted_at) FROM powers_of_attorney a
                WHERE a.grantor_id = l.recipient_person_id AND \(copiesHeld(helper: personID, today: today))))
            """ + neverSent
        query += Keyset.after(cursor, table: "letters", alias: "l", column: "created_at")
        query += " ORDER BY l.created_at DESC, l.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
        return try await database.raw(query).preparedRows(decoding: Row.self)
    }

    /// Leaves out a letter written again in its case before it was sent (`LetterStatus.replaced`):
    /// the resident never got it, and reads the new one.
    static let neverSent: SQLQueryString = " AND l.status <> '\(unsafeRaw: LetterStatus.replaced.rawValue)'"

    /// The fuldmagter that give `helper` copies of the grantor's letters today (a condition on `a`).
    static func copiesHeld(helper: UUID, today: LocalDate) -> SQLQueryString {
        """
        a.helper_id = \(bind: helper) AND a.copies = \(bind: true) AND a.accepted_at IS NOT NULL AND a.revoked_at IS NULL
          AND a.valid_from <= \(bind: today.iso) AND (a.valid_to IS NULL OR a.valid_to >= \(bind: today.iso))
        """
    }

    /// Whether `helper` gets a copy of `letter` (to someone else): a fuldmagt with copies that
    /// holds today and was taken into use before the letter was made.
    static func isCopy(
        _ letterID: UUID,
        for helper: UUID,
        today: LocalDate,
        on database: any SQLDatabase
    ) async throws
        -> Bool
    {
        struct Row: Decodable { let id: UUID }
        return try await database.raw(
            """
            SELECT l.id FROM letters l JOIN powers_of_attorney a ON a.grantor_id = l.recipient_person_id
            WHERE l.id = \(bind: letterID) AND l.created_at >= a.accepted_at AND \(copiesHeld(helper: helper, today: today))
            LIMIT 1
            """
        ).first(decoding: Row.self) != nil
    }

    /// The letters staff with `scope` may see, narrowed by `filter`, a page from `cursor` on.
    static func staff(
        _ scope: StaffScope,
        _ filter: Filter,
        after cursor: UUID?,
        on database: any SQLDatabase
    ) async throws -> [Row] {
        var query = columns
        query += " WHERE 1 = 1"
        guard let inScope = scope.condition("l", "organisation_id") else { return [] }
        query += inScope
        if let organisation = filter.organisation { query += " AND l.organisation_id = \(bind: organisation)" }
        if let status = filter.status { query += " AND l.status = \(bind: status.rawValue)" }
        if let kind = filter.kind { query += " AND l.kind = \(bind: kind.rawValue)" }
        query += filter.period.condition("l", "created_at")
        if let search = filter.search {
            query +=
                " AND (" + Keyset.like("p.given_name || ' ' || p.family_name", search) + " OR "
                + Keyset.like("COALESCE(l.addressee, '')", search) + " OR " + Keyset.like("l.subject", search)
                + " OR " + Keyset.like("l.reference", search)
                + " OR EXISTS (SELECT 1 FROM leases sl JOIN dwellings sd ON sd.id = sl.dwelling_id WHERE sl.id = l.lease_id AND "
                + Keyset.like("sd.street || ' ' || sd.house_number", search) + "))"
        }
        query += Keyset.after(cursor, table: "letters", alias: "l", column: "created_at")
        query += " ORDER BY l.created_at DESC, l.id DESC LIMIT \(literal: Keyset.pageSize + 1)"
        // The list as staff open it is prepared. A filter or a search is planned for its values: a
        // generic plan would treat the rare "failed" like any status.
        guard !filter.narrows else {
            return try await database.raw(query).rows(decoding: Row.self)
        }
        return try await database.raw(query).preparedRows(decoding: Row.self)
    }

    /// How many letters in `scope` NgDP refused for good: a caseworker's task.
    static func failedCount(_ scope: StaffScope, on database: any SQLDatabase) async throws -> Int {
        struct Count: Decodable { let failed: Int }
        var query: SQLQueryString =
            "SELECT COUNT(*) AS failed FROM letters l WHERE l.status = '\(unsafeRaw: LetterStatus.failed.rawValue)'"
        guard let inScope = scope.condition("l", "organisation_id") else { return 0 }
        query += inScope
        return try await database.raw(query).preparedFirst(decoding: Count.self)?.failed ?? 0
    }
}
