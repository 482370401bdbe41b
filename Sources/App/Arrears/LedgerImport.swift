import AlmenDomain
import Fluent
import Foundation
import NIOPosix
import SQLKit

/// Imports an account file (`LedgerCSV`) all or nothing: every line is checked, its lease found by
/// number, and its id compared with what its source already sent. A line already imported with
/// the same content is skipped, so the same file twice changes nothing; any problem (a malformed
/// line, an unknown lease, an id already imported with other content) stores nothing and is
/// reported with its line.
struct LedgerImport: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    /// Where a file of up to 64 MB is parsed, off the event loops.
    let pool: NIOThreadPool

    struct Report: Sendable, Encodable {
        let format: LedgerCSV.Format
        /// Lines read (the header and blank lines not counted).
        let lines: Int
        let added: Int
        let alreadyImported: Int
        let problems: [LedgerCSV.Problem]

        var succeeded: Bool { problems.isEmpty }

        /// What the audit log says of an import: "Kontofil (bank) indlæst: 1 ny linje, 3 kendt i
        /// forvejen", or why nothing was stored.
        var auditPurpose: AuditPurpose {
            let format: AuditPurpose.Value = .same(format.rawValue)
            guard succeeded else {
                return AuditPurpose("ledgerRefused", ["format": format, "problems": "\(problems.count)"])
            }
            let lines = AuditPurpose(
                added == 1 ? "ledgerImported_one" : "ledgerImported_other",
                ["format": format, "n": "\(added)"]
            )
            return alreadyImported > 0 ? lines.within("ledgerKnown", ["n": "\(alreadyImported)"]) : lines
        }
    }

    /// Statements read or write this many lines at a time.
    static let chunk = 500

    func run(_ text: String, format: LedgerCSV.Format) async throws -> Report {
        let (lines, problems) = try await pool.runIfActive { LedgerCSV.parse(text, format: format) }
        guard problems.isEmpty else {
            return Report(format: format, lines: lines.count, added: 0, alreadyImported: 0, problems: problems)
        }
        do {
            return try await store(lines, format: format)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another import of the same lines won the race: now they are known, and skipped.
            return try await store(lines, format: format)
        }
    }

    private struct Existing: Decodable {
        let external_id: String
        let lease_id: UUID
        let kind: String
        let entry_date: String
        let amount_ore: Int64
    }

    private struct LeaseRow: Decodable {
        let id: UUID
        let number: String
    }

    private func store(_ lines: [LedgerCSV.Line], format: LedgerCSV.Format) async throws -> Report {
        let now = dependencies.now()
        let uuid = dependencies.uuid
        return try await database.transaction { db in
            let sql = try db.sql()
            var leases: [String: UUID] = [:]
            for chunk in Set(lines.map(\.leaseNumber)).sorted().chunked(Self.chunk) {
                let rows = try await sql.raw(
                    "SELECT id, number FROM leases WHERE number IN (\(binds: chunk))"
                ).rows(decoding: LeaseRow.self)
                for row in rows { leases[row.number] = row.id }
            }
            var existing: [String: Existing] = [:]
            for chunk in lines.map(\.externalID).chunked(Self.chunk) {
                let rows = try await sql.raw(
                    """
                    SELECT external_id, lease_id, kind, entry_date, amount_ore FROM ledger_entries
                    WHERE source = \(bind: format.source.rawValue) AND external_id IN (\(binds: chunk))
                    """
                ).rows(decoding: Existing.self)
                for row in rows { existing[row.external_id] = row }
            }
            // A lease's payments come from one source, so one payment is never booked twice (once
            // from the administration system and once from the bank).
            var otherSource: [UUID: String] = [:]
            let paying = Set(lines.filter { $0.entry.kind == .payment }.compactMap { leases[$0.leaseNumber] })
            for chunk in paying.sorted(by: { $0.uuidString < $1.uuidString }).chunked(Self.chunk) {
                struct Source: Decodable {
                    let lease_id: UUID
                    let source: String
                }
                let imported = [LedgerLine.Source.postings.rawValue, LedgerLine.Source.bank.rawValue]
                let rows = try await sql.raw(
                    """
                    SELECT DISTINCT lease_id, source FROM ledger_entries
                    WHERE kind = \(bind: LedgerEntry.Kind.payment.rawValue) AND source IN (\(binds: imported))
                      AND source <> \(bind: format.source.rawValue) AND lease_id IN (\(binds: chunk))
                    """
                ).rows(decoding: Source.self)
                for row in rows { otherSource[row.lease_id] = row.source }
            }
            var problems: [LedgerCSV.Problem] = []
            var fresh: [(LedgerCSV.Line, UUID)] = []
            var already = 0
            let leaseColumn = format == .postings ? "lejemaal" : "reference"
            for line in lines {
                guard let leaseID = leases[line.leaseNumber] else {
                    problems.append(
                        LedgerCSV.problem(
                            line.number,
                            leaseColumn,
                            "unknown_lease",
                            key: "ledgerProblem_unknown_lease",
                            ["number": line.leaseNumber]
                        )
                    )
                    continue
                }
                if line.entry.kind == .payment, let other = otherSource[leaseID] {
                    problems.append(
                        LedgerCSV.problem(
                            line.number,
                            "id",
                            "payments_elsewhere",
                            key: "ledgerProblem_payments_elsewhere",
                            ["number": line.leaseNumber, "source": other]
                        )
                    )
                    continue
                }
                if let known = existing[line.externalID] {
                    let same =
                        known.lease_id == leaseID && known.kind == line.entry.kind.rawValue
                        && known.entry_date == line.entry.date.iso && known.amount_ore == line.entry.amount.ore
                    if same {
                        already += 1
                    } else {
                        problems.append(
                            LedgerCSV.problem(
                                line.number,
                                "id",
                                "changed_line",
                                key: "ledgerProblem_changed_line",
                                ["id": line.externalID]
                            )
                        )
                    }
                    continue
                }
                fresh.append((line, leaseID))
            }
            guard problems.isEmpty else {
                return Report(format: format, lines: lines.count, added: 0, alreadyImported: 0, problems: problems)
            }
            for chunk in fresh.chunked(Self.chunk) {
                var insert = sql.insert(into: LedgerLine.schema).columns(
                    "id",
                    "lease_id",
                    "kind",
                    "entry_date",
                    "amount_ore",
                    "text",
                    "source",
                    "external_id",
                    "created_at"
                )
                for (line, leaseID) in chunk {
                    insert = insert.values(
                        SQLBind(uuid()),
                        SQLBind(leaseID),
                        SQLBind(line.entry.kind.rawValue),
                        SQLBind(line.entry.date.iso),
                        SQLBind(line.entry.amount.ore),
                        SQLBind(line.entry.text),
                        SQLBind(format.source.rawValue),
                        SQLBind(line.externalID),
                        SQLBind(now)
                    )
                }
                try await insert.run()
            }
            return Report(
                format: format,
                lines: lines.count,
                added: fresh.count,
                alreadyImported: already,
                problems: []
            )
        }
    }
}

/// A lease's account as the domain reads it.
enum LeaseAccount {
    private struct Row: Decodable {
        let kind: String
        let entry_date: String
        let amount_ore: Int64
        let text: String
    }

    /// Every line of the lease's account, in one statement.
    static func ledger(of leaseID: UUID, on database: any Database) async throws -> Ledger {
        try await ledger(of: leaseID, on: database.sql())
    }

    /// Every line of the lease's account, in one statement.
    static func ledger(of leaseID: UUID, on sql: any SQLDatabase) async throws -> Ledger {
        let rows = try await sql.raw(
            """
            SELECT kind, entry_date, amount_ore, text FROM ledger_entries WHERE lease_id = \(bind: leaseID)
            ORDER BY entry_date, id
            """
        ).rows(decoding: Row.self)
        return Ledger(rows.compactMap { entry(kind: $0.kind, date: $0.entry_date, ore: $0.amount_ore, text: $0.text) })
    }

    /// A stored line as the domain reads it; nil for a line that cannot be read.
    static func entry(kind: String, date: String, ore: Int64, text: String) -> LedgerEntry? {
        guard let kind = LedgerEntry.Kind(rawValue: kind), let date = LocalDate(iso: date) else { return nil }
        return LedgerEntry(kind: kind, date: date, amount: Money(ore: ore), text: text)
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
