import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// Consents (samtykker) as a resident sees and changes them, and what a withdrawal stops. Each
/// giving and withdrawal is a row's change in `consents` with its words, time and channel, so the
/// history is complete; the latest row of a kind is the consent's state.
struct Consents: Sendable {
    let database: any Database
    let dependencies: AppDependencies

    /// One consent given or withdrawn, for the history.
    struct Event: Codable, Sendable {
        let id: UUID
        let kind: String
        let text: String
        let given_at: Date
        let given_how: String
        let withdrawn_at: Date?
        let withdrawn_how: String?
    }

    /// What the page shows of a person: their kinds' rows, the CPR number's basis, and whether
    /// they hold a lease from before 2018 (the Digital Post consent's reach). Three statements.
    struct Facts: Sendable {
        let kinds: [ConsentKind]
        let events: [Event]
        let hasCPR: Bool
        let cprBasis: CPRBasis
        /// The first day (ISO) of the oldest current lease from before 2018 this person is a tenant
        /// of that has not opted out of digital letters; nil when there is none.
        let oldestLeaseBefore2018: String?

        var hasLeaseBefore2018: Bool { oldestLeaseBefore2018 != nil }
    }

    /// The state of one kind for one person.
    enum State: String, Sendable, CaseIterable {
        /// The latest row is a consent not withdrawn.
        case given
        /// The latest row was withdrawn.
        case withdrawn
        /// No row: for the Digital Post consent of a lease from before 2018, the administration's
        /// register says digital letters (the consent it recorded before Almen).
        case recordedByAdministration = "recorded"
        case notGiven = "not_given"
    }

    /// The first day of the leases whose Digital Post needs the tenant's consent.
    static let digitalPostLeasesBefore = LocalDate(year: 2018, month: 1, day: 1)!

    func facts(for personID: UUID) async throws -> Facts {
        try await Self.facts(for: personID, today: today, on: database)
    }

    /// The person's facts on `today` (the leases that count are those not ended by then).
    static func facts(for personID: UUID, today: LocalDate, on database: any Database) async throws -> Facts {
        let sql = try database.sql()
        let kinds = try await ConsentKind.query(on: database).sort(\.$builtIn, .descending).sort(\.$createdAt).all()
        let events = try await sql.raw(
            """
            SELECT id, kind, text, given_at, given_how, withdrawn_at, withdrawn_how FROM consents
            WHERE person_id = \(bind: personID) ORDER BY given_at DESC, id DESC
            """
        ).rows(decoding: Event.self)
        struct Row: Decodable {
            let has_cpr: Bool
            let cpr_basis: String
            let oldest: String?
        }
        let row = try await sql.raw(
            """
            SELECT (p.cpr_ciphertext IS NOT NULL) AS has_cpr, p.cpr_basis,
              (SELECT MIN(l.start_date) FROM lease_tenants t JOIN leases l ON l.id = t.lease_id
               WHERE t.person_id = p.id AND l.start_date < \(bind: Self.digitalPostLeasesBefore.iso)
                 AND l.digital_opt_out = \(bind: false) AND (l.end_date IS NULL OR l.end_date >= \(bind: today.iso))) AS oldest
            FROM people p WHERE p.id = \(bind: personID)
            """
        ).first(decoding: Row.self)
        return Facts(
            kinds: kinds,
            events: events,
            hasCPR: row?.has_cpr ?? false,
            cprBasis: row.flatMap { CPRBasis(rawValue: $0.cpr_basis) } ?? .register,
            oldestLeaseBefore2018: row?.oldest
        )
    }

    private var today: LocalDate { LocalDate(dependencies.now(), timeZone: danishTimeZone) }

    /// The state of `code` from the facts.
    static func state(_ code: String, _ facts: Facts) -> State {
        if let latest = facts.events.first(where: { $0.kind == code }) {
            return latest.withdrawn_at == nil ? .given : .withdrawn
        }
        if code == ConsentKind.digitalPost, facts.hasLeaseBefore2018 { return .recordedByAdministration }
        return .notGiven
    }

    /// Whether the resident may give `kind` here: the CPR consent only at activation (the portal
    /// does not hold the CPR number MitID gave), the Digital Post consent only for a lease from
    /// before 2018, no retired kind.
    static func mayGive(_ kind: ConsentKind, _ facts: Facts) -> Bool {
        guard kind.retiredAt == nil, [.notGiven, .withdrawn].contains(state(kind.code, facts)) else { return false }
        switch kind.code {
        case ConsentKind.cpr: return false
        case ConsentKind.digitalPost: return facts.hasLeaseBefore2018
        default: return true
        }
    }

    static func mayWithdraw(_ kind: ConsentKind, _ facts: Facts) -> Bool {
        [.given, .recordedByAdministration].contains(state(kind.code, facts))
    }

    enum Refusal: Error, Equatable {
        case unknownKind
        case notAllowed
    }

    /// Records the consent in the words of `language`, as the resident read them.
    func give(_ code: String, person personID: UUID, language: Language, how: ConsentChannel) async throws {
        let facts = try await facts(for: personID)
        guard let kind = facts.kinds.first(where: { $0.code == code }) else { throw Refusal.unknownKind }
        guard Self.mayGive(kind, facts) else { throw Refusal.notAllowed }
        try await database.sql().raw(
            """
            INSERT INTO consents (id, person_id, kind, text, given_at, given_how)
            VALUES (\(bind: dependencies.uuid()), \(bind: personID), \(bind: code), \(bind: kind.text(language)),
                    \(bind: dependencies.now()), \(bind: how.rawValue))
            """
        ).run()
    }

    /// What a withdrawal did, for the confirmation.
    enum Withdrawn: String, Sendable {
        /// The CPR number was deleted: letters go by post, the next login needs a code.
        case cprDeleted = "cpr_deleted"
        /// The consent is withdrawn, but the CPR number stays on its other basis.
        case cprKept = "cpr_kept"
        /// Letters about leases from before 2018 go by post.
        case digitalPostStopped = "digital_post_stopped"
        case withdrawn
    }

    /// Withdraws the consent and carries out what stops, in one transaction.
    func withdraw(_ code: String, person personID: UUID, how: ConsentChannel) async throws -> Withdrawn {
        let facts = try await facts(for: personID)
        guard let kind = facts.kinds.first(where: { $0.code == code }) else { throw Refusal.unknownKind }
        guard Self.mayWithdraw(kind, facts) else { throw Refusal.notAllowed }
        let now = dependencies.now()
        let state = Self.state(code, facts)
        let text = kind.text(.da)
        let id = dependencies.uuid()
        // The administration's consent was given with the lease: its history starts then.
        let givenWithLease =
            facts.oldestLeaseBefore2018
            .flatMap { LocalDate(iso: $0).map(CaseStatistics.midnight) } ?? now
        return try await database.transaction { db in
            let sql = try db.sql()
            if state == .recordedByAdministration {
                // The administration's recorded consent gets its row, given before Almen and withdrawn now.
                try await sql.raw(
                    """
                    INSERT INTO consents (id, person_id, kind, text, given_at, given_how, withdrawn_at, withdrawn_how)
                    VALUES (\(bind: id), \(bind: personID), \(bind: code), \(bind: text), \(bind: givenWithLease),
                            \(bind: ConsentChannel.staff.rawValue), \(bind: now), \(bind: how.rawValue))
                    """
                ).run()
            } else {
                try await sql.raw(
                    """
                    UPDATE consents SET withdrawn_at = \(bind: now), withdrawn_how = \(bind: how.rawValue)
                    WHERE person_id = \(bind: personID) AND kind = \(bind: code) AND withdrawn_at IS NULL
                    """
                ).run()
            }
            switch code {
            case ConsentKind.cpr:
                guard facts.cprBasis == .consent else { return .cprKept }
                try await sql.raw(
                    """
                    UPDATE people SET cpr_ciphertext = NULL, cpr_lookup_hash = NULL, cpr_basis = \(bind: CPRBasis.register.rawValue)
                    WHERE id = \(bind: personID) AND cpr_basis = \(bind: CPRBasis.consent.rawValue)
                    """
                ).run()
                return .cprDeleted
            case ConsentKind.digitalPost:
                return .digitalPostStopped
            default:
                return .withdrawn
            }
        }
    }

    /// Whether `personID` withdrew the Digital Post consent (their letters about a lease from
    /// before 2018 go by post). One statement.
    static func digitalPostWithdrawn(_ personID: UUID, on database: any Database) async throws -> Bool {
        struct Row: Decodable { let withdrawn_at: Date? }
        let latest = try await database.sql().raw(
            """
            SELECT withdrawn_at FROM consents WHERE person_id = \(bind: personID) AND kind = \(bind: ConsentKind.digitalPost)
            ORDER BY given_at DESC, id DESC LIMIT 1
            """
        ).first(decoding: Row.self)
        return latest.map { $0.withdrawn_at != nil } ?? false
    }
}
