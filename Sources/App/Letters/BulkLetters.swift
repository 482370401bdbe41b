import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// Runs bulk letters (masseudsendelse): counts and previews a selection, then makes one letter
/// per tenant in chunks. A running run has one job (`JobKind.bulkLetters`, one chunk a time), so
/// two workers never work one run at once; the unique (run, recipient, lease) index catches
/// anything else.
struct BulkLetters: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    let letters: LetterService

    /// One tenant of one lease in the selection.
    struct Recipient: Decodable, Sendable, Equatable {
        let personID: UUID
        let leaseID: UUID
    }

    /// The channel outlook of a selection before sending: NgDP is only asked at send time, so
    /// "digital" means "Digital Post if registered".
    struct Outlook: Sendable, Equatable {
        var total = 0
        var digitalIfRegistered = 0
        var physical: [ChannelReason: Int] = [:]

        var physicalTotal: Int { physical.values.reduce(0, +) }
    }

    /// Creates a run in draft: nothing is sent until `start`. The selection is the organisation,
    /// some of its departments, or a list of its dwellings.
    func create(
        organisationID: UUID,
        departmentIDs: [UUID],
        dwellingIDs: [UUID] = [],
        content: BulkContent,
        createdBy: UUID?
    ) async throws -> BulkRun {
        let run = BulkRun(
            id: dependencies.uuid(),
            organisationID: organisationID,
            kind: content.kind,
            contentJSON: try JSONEncoder().encode(content),
            departmentIDs: departmentIDs,
            dwellingIDs: dwellingIDs,
            total: 0,
            createdBy: createdBy,
            now: dependencies.now()
        )
        run.total = try await count(run)
        try await run.create(on: database)
        return run
    }

    func content(of run: BulkRun) throws -> BulkContent {
        try JSONDecoder().decode(BulkContent.self, from: run.contentJSON)
    }

    /// The letter the first recipient would get, typeset, not stored.
    func preview(_ run: BulkRun) async throws -> LetterService.Prepared? {
        guard let first = try await recipients(run, remainingOnly: false, limit: 1).first else { return nil }
        return try await letters.prepare(try content(of: run).content, to: first.personID, lease: first.leaseID)
    }

    /// How the selection's letters would go, from the register (no NgDP look-ups).
    func outlook(_ run: BulkRun) async throws -> Outlook {
        let organisation = try await run.$organisation.get(on: database)
        guard let sql = database as? any SQLDatabase else { return Outlook() }
        return try await Self.outlook(
            kind: run.kind,
            selection: selection(run),
            connected: try await letters.connections.sendsDigitally(organisation, on: database),
            on: sql
        )
    }

    /// How the letters of `kind` to `selection` (`selection(organisation:departments:dwellings:)`)
    /// would go, the organisation sending digitally (`connected`) or not: one statement.
    static func outlook(
        kind: LetterKind,
        selection: SQLQueryString,
        connected: Bool,
        on sql: any SQLDatabase
    ) async throws -> Outlook {
        struct Row: Decodable {
            let hasCPR: Bool
            let optedOut: Bool
            let count: Int
        }
        let rows = try await sql.raw(
            """
            SELECT (p.cpr_ciphertext IS NOT NULL) AS "hasCPR", l.digital_opt_out AS "optedOut", COUNT(*) AS count
            \(selection)
            GROUP BY (p.cpr_ciphertext IS NOT NULL), l.digital_opt_out
            """
        ).rows(decoding: Row.self)
        var outlook = Outlook()
        for row in rows {
            outlook.total += row.count
            let facts = ChannelFacts(
                kind: kind,
                organisationConnected: connected,
                recipientHasCPR: row.hasCPR,
                leaseOptedOut: row.optedOut
            )
            switch ChannelRules.decide(facts) {
            case .lookUpRegistration: outlook.digitalIfRegistered += row.count
            case .decided(let decision):
                // Counted under the first reason, so the figures add up to the total.
                outlook.physical[decision.reasons.first ?? .organisationNotConnected, default: 0] += row.count
            }
        }
        return outlook
    }

    /// Starts a draft or resumes a paused run, and queues its job in the same transaction.
    func start(_ runID: UUID) async throws {
        let queue = JobQueue(dependencies: dependencies)
        let now = dependencies.now()
        try await database.transaction { db in
            struct Row: Decodable { let id: UUID }
            let moved = try await db.sql().raw(
                """
                UPDATE bulk_runs SET status = \(bind: BulkRunStatus.running.rawValue), updated_at = \(bind: now)
                WHERE id = \(bind: runID) AND status IN (\(binds: [BulkRunStatus.draft.rawValue, BulkRunStatus.paused.rawValue]))
                RETURNING id
                """
            ).first(decoding: Row.self)
            guard moved != nil else { return }
            // Resumed while its job still finishes a chunk: that job runs once more.
            try await queue.enqueue(BulkLetterJob(run: runID), rerun: true, on: db)
        }
    }

    /// Pauses a running run: its job stops after the chunk it is making.
    func pause(_ runID: UUID) async throws {
        try await BulkRun.query(on: database).filter(\.$id == runID).filter(\.$status == .running)
            .set(\.$status, to: .paused).set(\.$updatedAt, to: dependencies.now()).update()
    }

    /// The run's job is dead (it failed on every attempt): the run stops and says so.
    func gaveUp(_ runID: UUID) async throws {
        let words = BilingualWords(key: "bulkRunGaveUp")
        try await BulkRun.query(on: database).filter(\.$id == runID).filter(\.$status == .running)
            .set(\.$status, to: .failed).set(\.$lastError, to: words.danish)
            .set(\.$lastErrorEnglish, to: words.english).set(\.$updatedAt, to: dependencies.now()).update()
    }

    /// Makes the next `chunk` letters of a running run (its job's work; one job per run, so one
    /// worker at a time). Returns false when there is nothing more to do now: the run is done,
    /// paused or failed.
    @discardableResult
    func step(_ runID: UUID, chunk: Int = 25) async throws -> Bool {
        guard
            let run = try await BulkRun.query(on: database).filter(\.$id == runID).filter(\.$status == .running).first()
        else { return false }
        // Where the last chunk stopped, then (once the selection seems done) the whole selection
        // again, so a tenant passed over for any reason is not left out.
        var next = try await recipients(run, remainingOnly: true, limit: chunk, afterLast: true)
        if next.isEmpty { next = try await recipients(run, remainingOnly: true, limit: chunk) }
        let content = try content(of: run).content
        // The organisation, its template, logo and connection are looked up once per chunk (a
        // template saved during a run is used from the next chunk on).
        let letters = self.letters.caching()
        for recipient in next {
            do {
                let prepared = try await letters.prepare(content, to: recipient.personID, lease: recipient.leaseID)
                try await letters.send(prepared, createdBy: run.createdBy, bulkRunID: runID)
            } catch let error as LetterError {
                run.status = .failed
                run.lastError = error.words.danish
                run.lastErrorEnglish = error.words.english
                break
            } catch {
                // Most likely the unique index: someone else made this letter. Anything else
                // shows up again on the next step, since the recipient is still missing.
                if try await alreadySent(run, recipient) { continue }
                throw error
            }
        }
        run.sent = try await Letter.query(on: database).filter(\.$bulkRunID == runID).count()
        if next.isEmpty, run.status == .running { run.status = .completed }
        run.updatedAt = dependencies.now()
        // Only the fields the job owns; a pause made meanwhile stays.
        try await BulkRun.query(on: database).filter(\.$id == runID)
            .set(\.$sent, to: run.sent).set(\.$updatedAt, to: run.updatedAt).set(\.$lastError, to: run.lastError)
            .set(\.$lastErrorEnglish, to: run.lastErrorEnglish).update()
        if run.status != .running {
            try await BulkRun.query(on: database).filter(\.$id == runID).filter(\.$status == .running)
                .set(\.$status, to: run.status).update()
        }
        return run.status == .running && !next.isEmpty
    }

    /// The organisation's dwellings at the given addresses ("Engvej 12, 2. th", one per entry,
    /// compared without case and extra spaces). Unknown addresses are returned, not guessed at.
    func dwellings(
        atAddresses addresses: [String],
        organisationID: UUID
    ) async throws -> (found: [UUID], unknown: [String]) {
        func key(_ address: String) -> String {
            address.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let dwellings = try await Dwelling.query(on: database)
            .join(Department.self, on: \Dwelling.$department.$id == \Department.$id)
            .filter(Department.self, \.$organisation.$id == organisationID).all()
        var byAddress: [String: [UUID]] = [:]
        for dwelling in dwellings { byAddress[key(dwelling.addressLine), default: []].append(try dwelling.requireID()) }
        var found: [UUID] = []
        var unknown: [String] = []
        for address in addresses {
            if let ids = byAddress[key(address)] { found += ids } else { unknown.append(address) }
        }
        return (Array(Set(found)), unknown)
    }

    private func alreadySent(_ run: BulkRun, _ recipient: Recipient) async throws -> Bool {
        try await Letter.query(on: database).filter(\.$bulkRunID == run.requireID())
            .filter(\.$recipient.$id == recipient.personID).filter(\.$lease.$id == recipient.leaseID).count() > 0
    }

    func count(_ run: BulkRun) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return 0 }
        struct Row: Decodable { let count: Int }
        return try await sql.raw("SELECT COUNT(*) AS count \(selection(run))").first(decoding: Row.self)?.count ?? 0
    }

    /// The run's tenants in a stable order; with `remainingOnly`, those without a letter yet, and
    /// with `afterLast` only those after the run's last letter in that order (its letters are
    /// made in order, so the search starts where the last chunk stopped instead of at the first
    /// tenant: at 20,000 homes 74 ms a chunk without it).
    func recipients(
        _ run: BulkRun,
        remainingOnly: Bool,
        limit: Int,
        afterLast: Bool = false
    ) async throws -> [Recipient] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let runID = try run.requireID()
        var after: SQLQueryString = ""
        if afterLast,
            let last = try await sql.raw(
                """
                SELECT recipient_person_id AS "personID", lease_id AS "leaseID" FROM letters WHERE bulk_run_id = \(bind: runID)
                ORDER BY lease_id DESC, recipient_person_id DESC LIMIT 1
                """
            ).first(decoding: Recipient.self)
        {
            after = """
                AND (lt.lease_id > \(bind: last.leaseID) OR (lt.lease_id = \(bind: last.leaseID) AND lt.person_id > \(bind: last.personID)))
                """
        }
        let remaining: SQLQueryString =
            remainingOnly
            ? """
            AND NOT EXISTS (SELECT 1 FROM letters x WHERE x.bulk_run_id = \(bind: runID)
              AND x.recipient_person_id = lt.person_id AND x.lease_id = lt.lease_id)
            """
            : ""
        return try await sql.raw(
            """
            SELECT lt.person_id AS "personID", lt.lease_id AS "leaseID" \(selection(run)) \(remaining) \(after)
            ORDER BY lt.lease_id, lt.person_id LIMIT \(literal: limit)
            """
        ).rows(decoding: Recipient.self)
    }

    /// FROM and WHERE of the run's selection: tenants of the organisation's (or the chosen
    /// departments' or dwellings') leases that have not ended.
    private func selection(_ run: BulkRun) -> SQLQueryString {
        Self.selection(organisation: run.$organisation.id, departments: run.departments, dwellings: run.dwellings)
    }

    /// `FROM … WHERE …`: the current tenants of the organisation's homes, of some of its
    /// departments or some of its homes when named.
    static func selection(organisation: UUID, departments: [UUID], dwellings: [UUID]) -> SQLQueryString {
        let departmentFilter: SQLQueryString =
            departments.isEmpty ? "" : "AND d.department_id IN (\(binds: departments))"
        let dwellingFilter: SQLQueryString = dwellings.isEmpty ? "" : "AND d.id IN (\(binds: dwellings))"
        return """
            FROM lease_tenants lt
            JOIN leases l ON l.id = lt.lease_id
            JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            JOIN people p ON p.id = lt.person_id
            WHERE dep.organisation_id = \(bind: organisation) AND l.status <> 'ended' \(departmentFilter) \(dwellingFilter)
            """
    }
}

/// The payload of `JobKind.bulkLetters`: the run to go on with; one job per run.
struct BulkLetterJob: JobPayload {
    static let kind = JobKind.bulkLetters
    let run: UUID

    var record: UUID { run }
}
