import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// An administrator's period for one data category (`retention_periods`), replacing the default
/// of rules.md §9; each change is audited.
final class RetentionSetting: Model, @unchecked Sendable {
    static let schema = "retention_periods"

    /// The `DataCategory` raw value.
    @ID(custom: "category", generatedBy: .user) var id: String?
    /// `days`, `years` or `years_after_financial_year`.
    @Field(key: "unit") var unit: String
    @Field(key: "amount") var amount: Int
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    init() {}

    var period: RetentionPeriod? { RetentionSchedule.period(unit: unit, amount: amount) }
}

/// One run of the retention job (or its dry run): what it deleted or would delete, counted.
final class RetentionRunRecord: Model, @unchecked Sendable {
    static let schema = "retention_runs"

    @ID(key: .id) var id: UUID?
    @Field(key: "ran_at") var ranAt: Date
    @Field(key: "day") var day: String
    @Field(key: "dry_run") var dryRun: Bool
    @Field(key: "report") var report: String
    /// The administrator who asked for a dry run; nil for the daily job and the command line.
    @OptionalField(key: "ran_by") var ranBy: UUID?

    init() {}
}

struct CreateRetention: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RetentionSetting.schema)
            .field("category", .string, .identifier(auto: false))
            .field("unit", .string, .required)
            .field("amount", .int, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid)
            .create()
        try await database.schema(RetentionRunRecord.schema)
            .id()
            .field("ran_at", .datetime, .required)
            .field("day", .string, .required)
            .field("dry_run", .bool, .required)
            .field("report", .string, .required)
            .field("ran_by", .uuid)
            .create()
        try await SchemaIndex.create(
            "retention_runs_ran_at",
            on: RetentionRunRecord.schema,
            columns: ["ran_at"],
            in: database
        )
        // The audit trail stays append-only, but for the retention run: its transaction opens an
        // erasure (no one's name or id, only when and why), deletes a former resident's events,
        // and closes it. Nothing outside that transaction ever sees an open erasure.
        try await database.schema(Self.erasures)
            .id()
            .field("at", .datetime, .required)
            .field("reason", .string, .required)
            .field("closed_at", .datetime)
            .create()
        let sql = try database.sql()
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_erasures WHERE closed_at IS NULL) THEN RETURN OLD; END IF;
                  RAISE EXCEPTION 'audit events are append-only';
                END $$
                """
            ).run()
        } else {
            try await sql.raw("DROP TRIGGER audit_events_no_delete").run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                WHEN NOT EXISTS (SELECT 1 FROM audit_erasures WHERE closed_at IS NULL)
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
                """
            ).run()
        }
    }

    /// Each deletion of audit events by the retention run.
    static let erasures = "audit_erasures"

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$
                """
            ).run()
        } else {
            try await sql.raw("DROP TRIGGER audit_events_no_delete").run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
                """
            ).run()
        }
        try await database.schema(Self.erasures).delete()
        try await database.schema(RetentionRunRecord.schema).delete()
        try await database.schema(RetentionSetting.schema).delete()
    }
}

/// The periods in force: each category's setting, or its default; and the financial year's end.
struct RetentionSchedule: Sendable, Equatable {
    var periods: [DataCategory: RetentionPeriod]
    var financialYearEnd: MonthDay

    static let defaults = RetentionSchedule(
        periods: Dictionary(uniqueKeysWithValues: DataCategory.allCases.map { ($0, $0.defaultPeriod) }),
        financialYearEnd: .december31
    )

    func period(_ category: DataCategory) -> RetentionPeriod { periods[category] ?? category.defaultPeriod }

    static func period(unit: String, amount: Int) -> RetentionPeriod? {
        guard (0...100 * 366).contains(amount) else { return nil }
        switch unit {
        case "days": return .days(amount)
        case "years" where amount <= 100: return .years(amount)
        case "years_after_financial_year" where amount <= 100: return .yearsAfterFinancialYear(amount)
        default: return nil
        }
    }

    static func unit(_ period: RetentionPeriod) -> (unit: String, amount: Int) {
        switch period {
        case .days(let days): ("days", days)
        case .years(let years): ("years", years)
        case .yearsAfterFinancialYear(let years): ("years_after_financial_year", years)
        }
    }

    static let financialYearEndKey = "financial_year_end"

    static func load(on database: any Database) async throws -> RetentionSchedule {
        var schedule = defaults
        for setting in try await RetentionSetting.query(on: database).all() {
            if let category = setting.id.flatMap(DataCategory.init(rawValue:)), let period = setting.period {
                schedule.periods[category] = period
            }
        }
        if let stored = try await AppSetting.find(financialYearEndKey, on: database)?.value {
            let parts = stored.split(separator: "-").compactMap { Int($0) }
            if parts.count == 2, let end = MonthDay(month: parts[0], day: parts[1]) { schedule.financialYearEnd = end }
        }
        return schedule
    }
}

/// What a run deleted (or, dry, would delete).
struct RetentionReport: Codable, Sendable, Equatable {
    var day: String
    var dryRun: Bool
    /// Former residents whose period has passed: deleted with everything about them.
    var formerResidents = 0
    /// Former residents whose period has passed but who are party to an open case at the
    /// beboerklagenævn or the boligret (legal hold): kept.
    var held = 0
    /// Their cases (where nobody else is party), letters and mail.
    var cases = 0
    var letters = 0
    var incomingMessages = 0
    /// Account lines past their period (accounting, counted from the financial year's end).
    var ledgerEntries = 0
    /// Print batches dispatched more than 90 days ago (each letter keeps its own PDF).
    var printBatches = 0
    /// People known only as helpers under fuldmagter that ended more than the period ago.
    var formerHelpers = 0
    /// Former residents the run could not delete (logged; tried again the next night).
    var failed = 0

    init(day: String, dryRun: Bool) {
        self.day = day
        self.dryRun = dryRun
    }

    /// Reports kept before `failed` existed decode with none.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        day = try container.decode(String.self, forKey: .day)
        dryRun = try container.decode(Bool.self, forKey: .dryRun)
        formerResidents = try container.decode(Int.self, forKey: .formerResidents)
        held = try container.decode(Int.self, forKey: .held)
        cases = try container.decode(Int.self, forKey: .cases)
        letters = try container.decode(Int.self, forKey: .letters)
        incomingMessages = try container.decode(Int.self, forKey: .incomingMessages)
        ledgerEntries = try container.decode(Int.self, forKey: .ledgerEntries)
        printBatches = try container.decode(Int.self, forKey: .printBatches)
        failed = try container.decodeIfPresent(Int.self, forKey: .failed) ?? 0
        formerHelpers = try container.decodeIfPresent(Int.self, forKey: .formerHelpers) ?? 0
    }
}

/// The daily retention run (`almen retention run`, the `privacy.retention` job): deletes what has
/// passed its period (rules.md §9). A former resident goes with every row about them, in every
/// table, in one transaction each; their accounts stay for the accounting period, counted
/// separately; a legal hold keeps a person whole.
struct RetentionRun: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    var logger = Logger(label: "almen.retention")

    /// The transport copies of physical letters (a print batch) are kept 90 days after dispatch.
    static let printBatchDays = 90

    func run(on today: LocalDate, dryRun: Bool, by staffID: UUID? = nil) async throws -> RetentionReport {
        let schedule = try await RetentionSchedule.load(on: database)
        let sql = try database.sql()
        var report = RetentionReport(day: today.iso, dryRun: dryRun)

        // Former residents: every lease they lived in has ended, the last one long enough ago.
        struct Candidate: Decodable {
            let id: UUID
            let moved_out: String
        }
        let lastExpired = schedule.period(.formerResidents).latestExpiredEvent(
            today: today,
            financialYearEnd: schedule.financialYearEnd
        )
        let candidates = try await sql.raw(
            """
            SELECT x.person_id AS id, MAX(l.end_date) AS moved_out
            FROM (SELECT person_id, lease_id FROM lease_tenants UNION ALL SELECT person_id, lease_id FROM household_members) x
            JOIN leases l ON l.id = x.lease_id
            GROUP BY x.person_id
            HAVING SUM(CASE WHEN l.end_date IS NULL THEN 1 ELSE 0 END) = 0 AND MAX(l.end_date) <= \(bind: lastExpired.iso)
            """
        ).rows(decoding: Candidate.self)
        let held = try await heldPeople(today: today)
        for candidate in candidates {
            if held.contains(candidate.id) {
                report.held += 1
                continue
            }
            // One person's failure (a row no rule knows yet) is counted and logged; the others go on.
            do {
                let counts = try await forget(candidate.id, dryRun: dryRun)
                report.formerResidents += 1
                report.cases += counts.cases
                report.letters += counts.letters
                report.incomingMessages += counts.incoming
            } catch {
                report.failed += 1
                logger.error(
                    "Retention could not delete a former resident",
                    metadata: ["error": "\(String(reflecting: type(of: error)))"]
                )
            }
        }

        // Former helpers: people the register knows only through fuldmagter (no home, no case, no
        // seat, no application they took the code of), whose every fuldmagt ended more than the
        // period ago, or went with its resident.
        // Held again: the residents just deleted took their fuldmagter with them.
        let stillHeld = dryRun ? held : try await heldPeople(today: today)
        for helper in try await formerHelpers(lastExpired: lastExpired) where !stillHeld.contains(helper) {
            do {
                _ = try await forget(helper, dryRun: dryRun)
                report.formerHelpers += 1
            } catch {
                report.failed += 1
                logger.error(
                    "Retention could not delete a former helper",
                    metadata: ["error": "\(String(reflecting: type(of: error)))"]
                )
            }
        }

        // Accounting: the whole account of a lease that ended in a financial year whose period
        // has passed. Never part of an account still in use: a balance is the sum of its lines.
        let lastAccounting = schedule.period(.accounting).latestExpiredEvent(
            today: today,
            financialYearEnd: schedule.financialYearEnd
        )
        // Not while a line is younger (a final settlement, a late payment) or a case about the
        // lease is open.
        let endedAccounts: SQLQueryString = """
            SELECT l.id FROM leases l WHERE l.end_date IS NOT NULL AND l.end_date <= \(bind: lastAccounting.iso)
              AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.lease_id = l.id AND e.entry_date > \(bind: lastAccounting.iso))
              AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.lease_id = l.id AND c.status <> \(bind: CaseStatus.closed.rawValue))
            """
        report.ledgerEntries = try await count(
            "SELECT COUNT(*) AS count FROM ledger_entries WHERE lease_id IN (" + endedAccounts + ")"
        )
        // Print batches: the letters' own PDFs and dispatch dates stay.
        let printCutoff = dependencies.now().addingTimeInterval(-Double(Self.printBatchDays) * 86_400)
        report.printBatches = try await count(
            "SELECT COUNT(*) AS count FROM print_batches WHERE dispatched_at IS NOT NULL AND dispatched_at < \(bind: printCutoff)"
        )
        if !dryRun {
            try await sql.raw("DELETE FROM ledger_entries WHERE lease_id IN (" + endedAccounts + ")").run()
            try await database.transaction { db in
                let sql = try db.sql()
                let old: SQLQueryString =
                    "SELECT id FROM print_batches WHERE dispatched_at IS NOT NULL AND dispatched_at < \(bind: printCutoff)"
                for table in ["letters", "municipality_notices"] {
                    try await sql.raw(
                        "UPDATE \(ident: table) SET print_batch_id = NULL WHERE print_batch_id IN (" + old + ")"
                    ).run()
                }
                try await sql.raw("DELETE FROM print_batches WHERE id IN (" + old + ")").run()
            }
        }
        try await record(report, by: staffID)
        return report
    }

    /// People party to an open case at the beboerklagenævn or the boligret, or who lived in the
    /// dwelling such a case is about when it was filed: their data is evidence (legal hold). Also a
    /// helper whose fuldmagt still holds: the resident they act for needs them.
    func heldPeople(today: LocalDate) async throws -> Set<UUID> {
        struct Row: Decodable { let id: UUID }
        struct Complaint: Decodable {
            let about_dwelling_id: UUID
            let created_at: Date
        }
        let sql = try database.sql()
        let steps = [ComplaintStep.naevn.rawValue, ComplaintStep.boligret.rawValue]
        let open: SQLQueryString = """
            FROM neighbour_complaints n JOIN cases c ON c.id = n.case_id
            WHERE c.status <> \(bind: CaseStatus.closed.rawValue) AND n.step IN (\(binds: steps))
            """
        var held = Set(
            try await sql.raw(
                "SELECT p.person_id AS id FROM case_parties p WHERE p.case_id IN (SELECT n.case_id " + open + ")"
            ).rows(decoding: Row.self).map(\.id)
        )
        for complaint in try await sql.raw("SELECT n.about_dwelling_id, n.created_at " + open).all(
            decoding: Complaint.self
        ) {
            let filed = LocalDate(complaint.created_at, timeZone: danishTimeZone)
            held.formUnion(
                try await sql.raw(
                    """
                    SELECT x.person_id AS id
                    FROM (SELECT person_id, lease_id FROM lease_tenants UNION ALL SELECT person_id, lease_id FROM household_members) x
                    JOIN leases l ON l.id = x.lease_id
                    WHERE l.dwelling_id = \(bind: complaint.about_dwelling_id)
                      AND l.start_date <= \(bind: filed.iso) AND (l.end_date IS NULL OR l.end_date >= \(bind: filed.iso))
                    """
                ).rows(decoding: Row.self).map(\.id)
            )
        }
        held.formUnion(
            try await sql.raw(
                """
                SELECT helper_id AS id FROM powers_of_attorney
                WHERE helper_id IS NOT NULL AND revoked_at IS NULL
                  AND (valid_to IS NULL OR valid_to >= \(bind: today.iso))
                """
            ).rows(decoding: Row.self).map(\.id)
        )
        return held
    }

    /// People with no home, household, case or board seat, who were helpers under a fuldmagt and
    /// hold none that ended within the period (a fuldmagt that went with its resident counts as
    /// ended). A fresh helper always holds one, so nobody is taken between steps.
    func formerHelpers(lastExpired: LocalDate) async throws -> [UUID] {
        struct Row: Decodable { let id: UUID }
        let endOfLastDay = CaseStatistics.midnight(lastExpired.adding(days: 1))
        return try await database.sql().raw(
            """
            SELECT p.id FROM people p
            WHERE NOT EXISTS (SELECT 1 FROM lease_tenants t WHERE t.person_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM household_members h WHERE h.person_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM case_parties c WHERE c.person_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM board_memberships b WHERE b.person_id = p.id)
              AND EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.kind = \(bind: ConsentKind.cpr))
              AND NOT EXISTS (SELECT 1 FROM powers_of_attorney a WHERE (a.helper_id = p.id OR a.grantor_id = p.id)
                AND NOT ((a.revoked_at IS NOT NULL AND a.revoked_at < \(bind: endOfLastDay))
                      OR (a.valid_to IS NOT NULL AND a.valid_to <= \(bind: lastExpired.iso))))
              AND NOT EXISTS (SELECT 1 FROM user_sessions s WHERE s.person_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM subletting_requests r WHERE r.subtenant_person_id = p.id)
              AND NOT EXISTS (SELECT 1 FROM swap_requests r WHERE r.other_person_id = p.id)
            """
        ).rows(decoding: Row.self).map(\.id)
    }

    struct Forgotten {
        var cases = 0
        var letters = 0
        var incoming = 0
    }

    /// Deletes every row about `personID` (or, dry, counts what would go), in one transaction:
    /// the cases only they are party to, with all they hold; the letters to them and their
    /// transport; their mail; their consents, requests, votes, proposals, memberships, sessions and
    /// the audit events about them; then the person.
    func forget(_ personID: UUID, dryRun: Bool) async throws -> Forgotten {
        let person = personID
        let onlyTheirCases: SQLQueryString = """
            SELECT cp.case_id FROM case_parties cp WHERE cp.person_id = \(bind: person)
              AND NOT EXISTS (SELECT 1 FROM case_parties o WHERE o.case_id = cp.case_id AND o.person_id <> \(bind: person))
            """
        let letters: SQLQueryString =
            "SELECT id FROM letters WHERE recipient_person_id = \(bind: person) OR case_id IN (" + onlyTheirCases + ")"
        // Their mail, and mail from nobody the register knows on their cases. Someone else's
        // message put on one of their cases stays theirs: it leaves the case with it (below).
        let mail: SQLQueryString =
            "SELECT id FROM incoming_messages WHERE person_id = \(bind: person) OR (person_id IS NULL AND case_id IN ("
            + onlyTheirCases + "))"
        var forgotten = Forgotten()
        forgotten.cases = try await count("SELECT COUNT(*) AS count FROM (" + onlyTheirCases + ") x")
        forgotten.letters = try await count("SELECT COUNT(*) AS count FROM (" + letters + ") x")
        forgotten.incoming = try await count("SELECT COUNT(*) AS count FROM (" + mail + ") x")
        if dryRun { return forgotten }

        try await database.transaction { db in
            let sql = try db.sql()
            // Ids first: the statements below remove the rows the conditions read.
            struct Row: Decodable { let id: UUID }
            let caseIDs = try await sql.raw("SELECT case_id AS id FROM (" + onlyTheirCases + ") x").all(
                decoding: Row.self
            )
            .map(\.id)
            let letterIDs = try await sql.raw(letters).rows(decoding: Row.self).map(\.id)
            let mailIDs = try await sql.raw(mail).rows(decoding: Row.self).map(\.id)
            // Their Digital Post transport rows, and those of the letters in their cases.
            let transport = try await sql.raw(
                "SELECT id FROM digital_post_letters WHERE recipient_person_id = \(bind: person) UNION "
                    + "SELECT digital_post_letter_id AS id FROM letters WHERE digital_post_letter_id IS NOT NULL AND id IN ("
                    + letters + ")"
            ).rows(decoding: Row.self).map(\.id)
            func delete(_ table: String, _ column: String, _ ids: [UUID]) async throws {
                for chunk in stride(from: 0, to: ids.count, by: 500) {
                    let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                    try await sql.raw("DELETE FROM \(ident: table) WHERE \(ident: column) IN (\(binds: part))").run()
                }
            }
            /// Rows that stay but name a row that goes: the reference is cleared.
            func unlink(_ table: String, _ column: String, _ ids: [UUID]) async throws {
                for chunk in stride(from: 0, to: ids.count, by: 500) {
                    let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                    try await sql.raw(
                        "UPDATE \(ident: table) SET \(ident: column) = NULL WHERE \(ident: column) IN (\(binds: part))"
                    ).run()
                }
            }
            // Mail, then the letters it may answer (another party's reply names the transport row), then
            // their transport.
            try await delete("incoming_messages", "id", mailIDs)
            try await unlink("incoming_messages", "reply_to_letter_id", transport)
            try await delete("letter_events", "letter_id", letterIDs)
            // What a caseworker wrote in a case's letter form, kept to write a failed letter again.
            try await delete("case_letter_submissions", "letter_id", letterIDs)
            try await unlink("case_letter_submissions", "replaces_letter_id", letterIDs)
            try await delete("letters", "id", letterIDs)
            try await delete("digital_post_letters", "id", transport)
            // What their own cases hold, then the cases.
            if !caseIDs.isEmpty {
                let complaints: SQLQueryString =
                    "SELECT id FROM neighbour_complaints WHERE case_id IN (\(binds: caseIDs))"
                let notices: SQLQueryString = "SELECT id FROM termination_notices WHERE case_id IN (\(binds: caseIDs))"
                try await sql.raw("DELETE FROM complaint_episodes WHERE complaint_id IN (" + complaints + ")").run()
                try await sql.raw("DELETE FROM complaint_cosigners WHERE complaint_id IN (" + complaints + ")").run()
                try await sql.raw("DELETE FROM complaint_replies WHERE complaint_id IN (" + complaints + ")").run()
                try await sql.raw("DELETE FROM termination_signatures WHERE notice_id IN (" + notices + ")").run()
                try await sql.raw("UPDATE incoming_messages SET case_id = NULL WHERE case_id IN (\(binds: caseIDs))")
                    .run()
                for table in [
                    "case_letter_submissions", "case_events", "case_attachments", "case_deadlines", "case_decisions",
                    "fault_reports",
                    "termination_notices", "subletting_requests", "swap_requests", "neighbour_complaints",
                    "paakrav_notices",
                    "municipality_notices", "data_requests", "move_out_settlements", "case_parties",
                ] {
                    try await delete(table, "case_id", caseIDs)
                }
                try await delete("cases", "id", caseIDs)
            }
            // What they filed in a case others are still party to stays with the case under a
            // co-tenant of the same lease who is party to it (who signed the same notice, say);
            // never under another household (a complaint's neighbour is a party too). Without such
            // a co-tenant it goes, with its signatures, co-signatures and diary.
            try await sql.raw("DELETE FROM subletting_requests WHERE filed_by = \(bind: person) AND case_id IS NULL")
                .run()
            try await sql.raw("DELETE FROM swap_requests WHERE filed_by = \(bind: person) AND case_id IS NULL").run()
            for table in [
                "termination_notices", "subletting_requests", "swap_requests", "fault_reports", "neighbour_complaints",
            ] {
                let coTenant: SQLQueryString = """
                    SELECT p.person_id FROM case_parties p
                    JOIN lease_tenants lt ON lt.person_id = p.person_id AND lt.lease_id = \(ident: table).lease_id
                    WHERE p.case_id = \(ident: table).case_id AND p.role = \(bind: CasePartyRole.tenant.rawValue)
                      AND p.person_id <> \(bind: person)
                    """
                try await sql.raw(
                    "UPDATE \(ident: table) SET filed_by = (" + coTenant + " ORDER BY p.person_id LIMIT 1) "
                        + "WHERE filed_by = \(bind: person) AND EXISTS (" + coTenant + ")"
                ).run()
            }
            let complaints: SQLQueryString = "SELECT id FROM neighbour_complaints WHERE filed_by = \(bind: person)"
            try await sql.raw("DELETE FROM complaint_episodes WHERE complaint_id IN (" + complaints + ")").run()
            try await sql.raw("DELETE FROM complaint_cosigners WHERE complaint_id IN (" + complaints + ")").run()
            try await sql.raw("DELETE FROM complaint_replies WHERE complaint_id IN (" + complaints + ")").run()
            let notices: SQLQueryString = "SELECT id FROM termination_notices WHERE filed_by = \(bind: person)"
            try await sql.raw("DELETE FROM termination_signatures WHERE notice_id IN (" + notices + ")").run()
            for table in [
                "termination_notices", "subletting_requests", "swap_requests", "fault_reports", "neighbour_complaints",
            ] {
                try await sql.raw("DELETE FROM \(ident: table) WHERE filed_by = \(bind: person)").run()
            }
            try await sql.raw("UPDATE complaint_episodes SET reported_by = NULL WHERE reported_by = \(bind: person)")
                .run()
            try await sql.raw("UPDATE department_documents SET approved_by = NULL WHERE approved_by = \(bind: person)")
                .run()
            // Their signatures as a co-tenant go; the application stays with whoever sent it.
            try await sql.raw("DELETE FROM request_cosignatures WHERE person_id = \(bind: person)").run()
            // A sub-tenant's or swap partner's signature stays on the tenant's application, naming nobody.
            try await sql.raw(
                "UPDATE subletting_requests SET subtenant_person_id = NULL WHERE subtenant_person_id = \(bind: person)"
            ).run()
            try await sql.raw("UPDATE swap_requests SET other_person_id = NULL WHERE other_person_id = \(bind: person)")
                .run()
            // Sessions acting for them stop; powers of attorney they gave or held go.
            try await sql.raw("UPDATE user_sessions SET acting_for = NULL WHERE acting_for = \(bind: person)").run()
            for (table, column) in [
                ("complaint_cosigners", "person_id"), ("complaint_replies", "person_id"),
                ("termination_signatures", "person_id"),
                ("case_parties", "person_id"), ("consents", "person_id"), ("activation_codes", "person_id"),
                ("user_sessions", "person_id"), ("data_exports", "person_id"), ("data_requests", "person_id"),
                ("sandbox_citizens", "person_id"), ("household_members", "person_id"), ("lease_tenants", "person_id"),
                ("board_memberships", "person_id"), ("meeting_proposals", "person_id"),
                ("meeting_registrations", "person_id"), ("extraordinary_meeting_requests", "person_id"),
                ("ballot_voters", "person_id"), ("powers_of_attorney", "grantor_id"),
                ("powers_of_attorney", "helper_id"), ("held_uploads", "person_id"),
            ] {
                try await sql.raw("DELETE FROM \(ident: table) WHERE \(ident: column) = \(bind: person)").run()
            }
            // The audit events about them, through an erasure opened and closed here. Events where
            // they were the actor stay in the trails of the people whose data they read: the id
            // then names nobody (the person row goes), so they read as "a resident".
            let erasure = dependencies.uuid()
            try await sql.raw(
                """
                INSERT INTO audit_erasures (id, at, reason)
                VALUES (\(bind: erasure), \(bind: dependencies.now()), 'Tidligere beboer efter opbevaringsperioden')
                """
            ).run()
            try await sql.raw(
                """
                DELETE FROM audit_events WHERE data_subject_id = \(bind: person) OR on_behalf_of = \(bind: person)
                  OR (actor_id = \(bind: person) AND data_subject_id IS NULL)
                """
            ).run()
            try await sql.raw(
                "UPDATE audit_erasures SET closed_at = \(bind: dependencies.now()) WHERE id = \(bind: erasure)"
            )
            .run()
            try await sql.raw("UPDATE department_documents SET approved_by = NULL WHERE approved_by = \(bind: person)")
                .run()
            try await sql.raw("DELETE FROM people WHERE id = \(bind: person)").run()
        }
        return forgotten
    }

    private func count(_ query: SQLQueryString) async throws -> Int {
        struct Row: Decodable { let count: Int }
        return try await database.sql().raw(query).first(decoding: Row.self)?.count ?? 0
    }

    /// Keeps the run's report, and audits it (counts only: no one's name or id).
    private func record(_ report: RetentionReport, by staffID: UUID?) async throws {
        let run = RetentionRunRecord()
        run.id = dependencies.uuid()
        run.ranAt = dependencies.now()
        run.day = report.day
        run.dryRun = report.dryRun
        run.report = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        run.ranBy = staffID
        try await run.create(on: database)
        guard !report.dryRun else { return }
        try await AuditEvent.byCommand(
            .retentionRun,
            purpose: AuditPurpose(
                "retentionRun",
                [
                    "residents": "\(report.formerResidents)", "helpers": "\(report.formerHelpers)",
                    "entries": "\(report.ledgerEntries)", "batches": "\(report.printBatches)", "held": "\(report.held)",
                    "failed": "\(report.failed)",
                ]
            ),
            dependencies: dependencies
        ).create(on: database)
    }
}

/// What `almen retention run` does, as a public entry point.
public enum RetentionCommands {
    /// The run for `date` (today by default), as JSON.
    public static func run(date iso: String?, dryRun: Bool, app: Application) async throws -> Data {
        let date: LocalDate
        if let iso {
            guard let parsed = LocalDate(iso: iso) else {
                throw LetterCommands.Problem(description: "--date must be an ISO date (2026-12-03).")
            }
            date = parsed
        } else {
            date = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
        }
        let report = try await RetentionRun(database: app.db, dependencies: app.dependencies).run(
            on: date,
            dryRun: dryRun
        )
        return try JSONResponse.encoder.encode(report)
    }
}

/// The retention run could not delete everyone whose period had passed (logged per person).
struct RetentionIncomplete: Error, CustomStringConvertible {
    let failed: Int
    var description: String { "retention left \(failed) people it could not delete" }
}
