import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// Why an arrears run or a påkrav cannot go ahead; said to the operator and the administrator.
enum ArrearsError: Error, CustomStringConvertible, Equatable {
    /// No påkravsgebyr is entered for the year (rates are never guessed).
    case missingFee(year: Int)
    /// The organisation has no account for payments, and a påkrav must say how to pay.
    case noPaymentAccount(organisation: String)
    /// The lease has no number for the tenant to write on the payment.
    case noLeaseNumber
    /// The lease has no tenant to send the påkrav to.
    case noTenants
    /// The account changed while the påkrav was being made: it is made again from the new figures.
    case accountChanged

    /// What is wrong, in both languages (`ErrorWords`).
    var words: BilingualWords {
        switch self {
        case .missingFee(let year): BilingualWords(key: "arrearsError_missingFee", ["year": String(year)])
        case .noPaymentAccount(let organisation):
            BilingualWords(key: "arrearsError_noPaymentAccount", ["organisation": organisation])
        case .noLeaseNumber: BilingualWords(key: "arrearsError_noLeaseNumber")
        case .noTenants: BilingualWords(key: "arrearsError_noTenants")
        case .accountChanged: BilingualWords(key: "arrearsError_accountChanged")
        }
    }

    /// The English, for the operator's log and the command line.
    var description: String { words.english }

    func localized(_ language: Language) -> String { language == .da ? words.danish : words.english }
}

/// The job that makes one lease's påkrav (`PaakravSending`), queued by the daily run for an
/// organisation that sends automatically, or when a caseworker approves a proposal.
struct PaakravJob: JobPayload {
    static let kind = JobKind.sendPaakrav
    let lease: UUID
    /// The caseworker who approved it; nil when the run queued it.
    let approvedBy: UUID?
    /// The day it was queued (ISO): one påkrav job per lease a day, so a second approval the
    /// same day is the same work.
    var day: String? = nil

    var record: UUID { lease }
    var key: String { "\(Self.kind.rawValue):\(lease.lowercasedString):\(day ?? "")" }
}

/// Restancekørsel: the daily arrears run (`almen arrears run`, the job `arrears.run`). For every
/// lease with unpaid amounts or an open påkrav it takes one decision (`ArrearsRules.decide`): a
/// påkrav due is queued to be sent (`PaakravJob`) or proposed for review, by the organisation's
/// choice; a påkrav whose demand is paid closes its case; the rest is counted. Leases are read in
/// batches: memory stays bounded however large the register.
struct ArrearsRun: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    let rules: ArrearsRules

    /// Leases decided per batch (one statement of each kind per batch).
    static let batch = 1000

    /// What a run decided, counted.
    struct Report: Sendable, Encodable, Equatable {
        var date: String
        var dryRun: Bool
        /// Leases with unpaid amounts, an open påkrav or a proposal.
        var leases = 0
        var nothingOwed = 0
        var tooEarly = 0
        var belowMinimum = 0
        var paakravDue = 0
        /// Of `paakravDue`: leases that have ended, for which no påkrav is made (a moved-out
        /// tenant's balance is the move-out settlement's).
        var ended = 0
        var awaitingArrival = 0
        var awaitingPayment = 0
        var paidSince = 0
        var paidAfterDeadline = 0
        var statedDeadlineTooShort = 0
        var ophaevelsePossible = 0
        /// Of `paakravDue`: queued to be sent, and proposed for review.
        var queued = 0
        var proposed = 0
        /// Set when the year's fee is missing: nothing was queued or proposed (the rest was done).
        var refused: String?
    }

    private struct Candidate: Decodable {
        let lease_id: UUID
    }

    private struct LeaseRow: Decodable {
        let id: UUID
        let status: String
        let organisation_id: UUID
        let arrears_automatic: Bool
    }

    private struct EntryRow: Decodable {
        let lease_id: UUID
        let kind: String
        let entry_date: String
        let amount_ore: Int64
        let text: String
    }

    struct NoticeRow: Decodable {
        let lease_id: UUID
        let case_id: UUID
        let sent_on: String
        let stated_deadline: String
        let arrears_ore: Int64
        let fee_ore: Int64
        let paid_before_ore: Int64
        let letters: Int
        let arrived: Int
        let last_arrival: String?

        /// The påkrav as the domain reads it: arrived when every one of its letters has.
        var sent: SentPaakrav? {
            PaakravPresentation.Facts(
                sentOn: sent_on,
                statedDeadline: stated_deadline,
                arrearsOre: arrears_ore,
                feeOre: fee_ore,
                paidBeforeOre: paid_before_ore,
                letters: letters,
                arrived: arrived,
                lastArrival: last_arrival
            )?.sent
        }
    }

    /// Runs the decisions of `date`. A dry run writes nothing; without the year's fee nothing is
    /// queued or proposed, but paid cases close and stale proposals go.
    func run(on date: LocalDate, dryRun: Bool) async throws -> Report {
        var report = Report(date: date.iso, dryRun: dryRun)
        var feeMissing = false
        do {
            _ = try await PaakravFee.rate(on: database).amount(for: date.year)
        } catch is RateError {
            feeMissing = true
            report.refused = ArrearsError.missingFee(year: date.year).description
        }
        let sql = try database.sql()
        let owed = LedgerEntry.Kind.payment.rawValue
        // Whose unpaid sum of what fell due is above zero is exactly whose `Ledger.unpaid` is not
        // empty; with the open påkrav and the standing proposals, that is every lease to decide.
        let candidates = try await sql.raw(
            """
            SELECT lease_id FROM ledger_entries WHERE entry_date <= \(bind: date.iso)
            GROUP BY lease_id
            HAVING SUM(CASE WHEN kind = \(bind: owed) THEN -amount_ore ELSE amount_ore END) > 0
            UNION
            SELECT n.lease_id FROM paakrav_notices n JOIN cases c ON c.id = n.case_id
            WHERE c.status = \(bind: CaseStatus.open.rawValue)
            UNION
            SELECT lease_id FROM arrears_proposals
            """
        ).rows(decoding: Candidate.self).map(\.lease_id).sorted { $0.uuidString < $1.uuidString }
        report.leases = candidates.count
        for chunk in candidates.chunked(Self.batch) {
            try await decide(chunk, on: date, dryRun: dryRun, feeMissing: feeMissing, report: &report)
        }
        return report
    }

    private func decide(
        _ leaseIDs: [UUID],
        on date: LocalDate,
        dryRun: Bool,
        feeMissing: Bool,
        report: inout Report
    ) async throws {
        let sql = try database.sql()
        let leases = try await sql.raw(
            """
            SELECT l.id, l.status, dep.organisation_id, o.arrears_automatic FROM leases l
            JOIN dwellings d ON d.id = l.dwelling_id JOIN departments dep ON dep.id = d.department_id
            JOIN housing_organisations o ON o.id = dep.organisation_id
            WHERE l.id IN (\(binds: leaseIDs))
            """
        ).rows(decoding: LeaseRow.self)
        let entries = Dictionary(
            grouping: try await sql.raw(
                """
                SELECT lease_id, kind, entry_date, amount_ore, text FROM ledger_entries
                WHERE lease_id IN (\(binds: leaseIDs)) AND entry_date <= \(bind: date.iso)
                """
            ).rows(decoding: EntryRow.self),
            by: \.lease_id
        )
        let notices = Dictionary(
            try await Self.openNotices(leaseIDs, on: sql).map { ($0.lease_id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        var proposals: [(LeaseRow, Money)] = []
        var notDue: [UUID] = []
        var queue: [UUID] = []
        var paid: [UUID] = []
        for lease in leases {
            let ledger = Ledger(
                (entries[lease.id] ?? []).compactMap {
                    LeaseAccount.entry(kind: $0.kind, date: $0.entry_date, ore: $0.amount_ore, text: $0.text)
                }
            )
            let notice = notices[lease.id]
            // A påkrav whose row cannot be read is left alone: never a second påkrav beside it.
            if notice != nil && notice?.sent == nil { continue }
            var proposing = false
            switch rules.decide(ledger, on: date, sent: notice?.sent) {
            case .nothingOwed: report.nothingOwed += 1
            case .tooEarly: report.tooEarly += 1
            case .belowMinimum: report.belowMinimum += 1
            case .paakravDue(let charges):
                report.paakravDue += 1
                if lease.status == LeaseStatus.ended.rawValue {
                    report.ended += 1
                } else if feeMissing {
                    proposing = !lease.arrears_automatic
                } else if lease.arrears_automatic {
                    report.queued += 1
                    queue.append(lease.id)
                } else {
                    report.proposed += 1
                    proposing = true
                    proposals.append((lease, ArrearsRules.sum(charges)))
                }
            case .awaitingArrival: report.awaitingArrival += 1
            case .awaitingPayment: report.awaitingPayment += 1
            case .paidSince:
                report.paidSince += 1
                if let notice { paid.append(notice.case_id) }
            case .paidAfterDeadline: report.paidAfterDeadline += 1
            case .statedDeadlineTooShort: report.statedDeadlineTooShort += 1
            case .ophaevelsePossible: report.ophaevelsePossible += 1
            }
            // A standing proposal stays while a påkrav is due (even when the fee is missing).
            if !proposing { notDue.append(lease.id) }
        }
        guard !dryRun else { return }
        let now = dependencies.now()
        let (uuid, jobs) = (dependencies.uuid, JobQueue(dependencies: dependencies))
        let (proposalRows, stale, queued, closed) = (proposals, notDue, queue, paid)
        try await database.transaction { db in
            let sql = try db.sql()
            if !stale.isEmpty {
                try await sql.raw("DELETE FROM arrears_proposals WHERE lease_id IN (\(binds: stale))").run()
            }
            if !proposalRows.isEmpty {
                // A proposal set aside stays aside while its arrears are the same.
                var insert = sql.insert(into: ArrearsProposal.schema).columns(
                    "id",
                    "lease_id",
                    "organisation_id",
                    "proposed_on",
                    "arrears_ore"
                )
                for (lease, arrears) in proposalRows {
                    insert = insert.values(
                        SQLBind(uuid()),
                        SQLBind(lease.id),
                        SQLBind(lease.organisation_id),
                        SQLBind(date.iso),
                        SQLBind(arrears.ore)
                    )
                }
                try await sql.raw(
                    """
                    \(insert.query) ON CONFLICT (lease_id) DO UPDATE SET
                      proposed_on = CASE WHEN arrears_proposals.arrears_ore = excluded.arrears_ore
                        THEN arrears_proposals.proposed_on ELSE excluded.proposed_on END,
                      set_aside_by = CASE WHEN arrears_proposals.arrears_ore = excluded.arrears_ore
                        THEN arrears_proposals.set_aside_by ELSE NULL END,
                      set_aside_at = CASE WHEN arrears_proposals.arrears_ore = excluded.arrears_ore
                        THEN arrears_proposals.set_aside_at ELSE NULL END,
                      arrears_ore = excluded.arrears_ore
                    """
                ).run()
            }
            for lease in queued {
                try await jobs.enqueue(PaakravJob(lease: lease, approvedBy: nil, day: date.iso), on: db)
            }
            for caseID in closed {
                try await Self.closePaid(caseID, at: now, uuid: uuid, on: db)
            }
        }
    }

    /// The open påkrav of the leases, with how many of their letters have arrived.
    static func openNotices(_ leaseIDs: [UUID], on sql: any SQLDatabase) async throws -> [NoticeRow] {
        try await sql.raw(
            """
            SELECT n.lease_id, n.case_id, n.sent_on, n.stated_deadline, n.arrears_ore, n.fee_ore, n.paid_before_ore,
              COUNT(le.id) AS letters, COUNT(le.arrival) AS arrived, MAX(le.arrival) AS last_arrival
            FROM paakrav_notices n JOIN cases c ON c.id = n.case_id AND c.status = \(bind: CaseStatus.open.rawValue)
            LEFT JOIN letters le ON le.case_id = n.case_id AND le.kind = \(bind: LetterKind.paakrav.rawValue)
            WHERE n.lease_id IN (\(binds: leaseIDs))
            GROUP BY n.lease_id, n.case_id, n.sent_on, n.stated_deadline, n.arrears_ore, n.fee_ore, n.paid_before_ore
            """
        ).rows(decoding: NoticeRow.self)
    }

    /// The lease's open påkrav with its case, if it has one.
    static func openPaakrav(of leaseID: UUID, on database: any Database) async throws -> NoticeRow? {
        try await openNotices([leaseID], on: try database.sql()).first
    }

    /// Closes a påkrav's case whose demand is paid, answering it, with the event that says so.
    private static func closePaid(
        _ caseID: UUID,
        at now: Date,
        uuid: @Sendable () -> UUID,
        on db: any Database
    )
        async throws
    {
        let sql = try db.sql()
        struct Row: Decodable { let id: UUID }
        let closed = try await sql.raw(
            """
            UPDATE cases SET status = \(bind: CaseStatus.closed.rawValue), closed_at = \(bind: now)
            WHERE id = \(bind: caseID) AND status = \(bind: CaseStatus.open.rawValue) RETURNING id
            """
        ).rows(decoding: Row.self)
        guard !closed.isEmpty else { return }
        try await CaseEvent(id: uuid(), caseID: caseID, kind: .paid, at: now, by: nil).create(on: db)
        try await CaseDeadlines.meet([.answer, .decision], of: caseID, at: now, on: db)
    }
}
