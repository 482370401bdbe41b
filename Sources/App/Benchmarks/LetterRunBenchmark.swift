import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The database side of `almen bench letters --end-to-end` and `almen bench faults`: a bulk
/// meeting notice (indkaldelse) to every household of the chosen organisations, made and sent by
/// the worker processes the command starts, and what the database says of those letters. The
/// command runs the processes; this type never sends anything itself.
public struct LetterRun: Sendable {
    /// The bulk runs of this measurement, one per organisation.
    public let runs: [UUID]
    /// The letters the runs make (one per tenant of each lease not ended).
    public let letters: Int

    /// Where the run's letters are.
    public struct Progress: Sendable, Equatable, Encodable {
        /// Letters made so far (typeset and stored).
        public var made = 0
        /// Delivered by Digital Post (a receipt recorded).
        public var digital = 0
        /// Decided for print: the organisation is not connected, the resident has no CPR number
        /// or is exempt from Digital Post.
        public var paper = 0
        /// Failed for a caseworker to look at.
        public var failed = 0
        /// Runs that stopped on an error.
        public var runsFailed = 0
        /// Jobs that failed for good.
        public var deadJobs = 0

        public var final: Int { digital + paper + failed }

        public init() {}

        init(made: Int, digital: Int, paper: Int, failed: Int, runsFailed: Int, deadJobs: Int) {
            self.made = made
            self.digital = digital
            self.paper = paper
            self.failed = failed
            self.runsFailed = runsFailed
            self.deadJobs = deadJobs
        }
    }

    /// A meeting notice as a department board would send it.
    static let notice = BulkContent.meetingNotice(
        meetingDate: "tirsdag den 12. januar 2027",
        meetingTime: "19.00",
        place: "Fælleshuset",
        agenda: [
            "Valg af dirigent", "Bestyrelsens beretning", "Godkendelse af budget", "Indkomne forslag",
            "Valg til bestyrelsen",
        ],
        proposalDeadline: "tirsdag den 29. december 2026",
        votes: "to stemmer"
    )

    /// Creates the runs (drafts) for every organisation, or for the first `households` leases of
    /// connected organisations (a short fault test), without starting them.
    public static func prepare(app: Application, households: Int? = nil) async throws -> LetterRun {
        let bulk = app.bulkLetters()
        var runs: [UUID] = []
        var letters = 0
        if let households {
            // Connected organisations' dwellings, in a stable order, until enough households.
            struct Row: Decodable {
                let organisationID: UUID
                let dwellingID: UUID
            }
            let rows = try await app.db.sql().raw(
                """
                SELECT dep.organisation_id AS "organisationID", d.id AS "dwellingID"
                FROM dwellings d JOIN departments dep ON dep.id = d.department_id
                JOIN housing_organisations o ON o.id = dep.organisation_id
                WHERE o.digital_post_connection = 'connected'
                  AND EXISTS (SELECT 1 FROM leases l WHERE l.dwelling_id = d.id AND l.status <> 'ended')
                ORDER BY dep.organisation_id, d.id LIMIT \(literal: households)
                """
            ).all(decoding: Row.self)
            for (organisationID, dwellings) in Dictionary(grouping: rows, by: \.organisationID) {
                let run = try await bulk.create(
                    organisationID: organisationID,
                    departmentIDs: [],
                    dwellingIDs: dwellings.map(\.dwellingID),
                    content: notice,
                    createdBy: nil
                )
                runs.append(try run.requireID())
                letters += run.total
            }
        } else {
            for organisation in try await HousingOrganisation.query(on: app.db).sort(\.$name).all() {
                let run = try await bulk.create(
                    organisationID: try organisation.requireID(),
                    departmentIDs: [],
                    content: notice,
                    createdBy: nil
                )
                guard run.total > 0 else { continue }
                runs.append(try run.requireID())
                letters += run.total
            }
        }
        return LetterRun(runs: runs, letters: letters)
    }

    /// Starts every run: their jobs are queued for the workers.
    public func start(app: Application) async throws {
        let bulk = app.bulkLetters()
        for run in runs { try await bulk.start(run) }
    }

    /// What the database says now, in two statements.
    public func progress(on database: any Database) async throws -> Progress {
        let sql = try database.sql()
        struct Row: Decodable {
            let made: Int
            let digital: Int?
            let paper: Int?
            let failed: Int?
        }
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS made,
              SUM(CASE WHEN status IN ('delivered', 'sent') THEN 1 ELSE 0 END) AS digital,
              SUM(CASE WHEN status = 'awaiting_print' THEN 1 ELSE 0 END) AS paper,
              SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed
            FROM letters WHERE bulk_run_id IN (\(binds: runs))
            """
        ).first(decoding: Row.self)
        struct Stopped: Decodable {
            let runs: Int
            let jobs: Int
        }
        let stopped = try await sql.raw(
            """
            SELECT (SELECT COUNT(*) FROM bulk_runs WHERE id IN (\(binds: runs)) AND status = 'failed') AS runs,
                   (SELECT COUNT(*) FROM jobs WHERE status = 'dead') AS jobs
            """
        ).first(decoding: Stopped.self)
        return Progress(
            made: row?.made ?? 0,
            digital: row?.digital ?? 0,
            paper: row?.paper ?? 0,
            failed: row?.failed ?? 0,
            runsFailed: stopped?.runs ?? 0,
            deadJobs: stopped?.jobs ?? 0
        )
    }

    /// The messageUUIDs of the run's letters that went by Digital Post, and how many letters
    /// each recipient of each lease got (more than one is a duplicate).
    public func digitalMessageUUIDs(on database: any Database) async throws -> [String] {
        struct Row: Decodable { let uuid: String }
        return try await database.sql().raw(
            """
            SELECT dp.message_uuid AS uuid FROM letters l JOIN digital_post_letters dp ON dp.id = l.digital_post_letter_id
            WHERE l.bulk_run_id IN (\(binds: runs)) AND l.status IN ('delivered', 'sent')
            """
        ).all(decoding: Row.self).map { $0.uuid.lowercased() }
    }

    /// Every messageUUID Almen sent through NgDP, the run's or not (the demo's letters go out too).
    public static func everyMessageUUID(on database: any Database) async throws -> [String] {
        struct Row: Decodable { let uuid: String }
        // The letters' outbox, and the notices to municipalities (a påkrav for a home the
        // municipality assigned is one): everything Almen sends through NgDP.
        return try await database.sql().raw(
            """
            SELECT message_uuid AS uuid FROM digital_post_letters
            UNION ALL SELECT message_uuid AS uuid FROM municipality_notices WHERE message_uuid IS NOT NULL
            """
        ).all(decoding: Row.self).map { $0.uuid.lowercased() }
    }

    /// The fault test of a full disk: the letters table (with its PDFs) onto a tablespace at
    /// `directory` (a small file system the test fills), or back to the default one with nil.
    /// PostgreSQL only, as a superuser.
    public static func moveLetters(toTablespaceAt directory: String?, on database: any Database) async throws {
        let sql = try database.sql()
        if let directory {
            let literal = "'" + directory.replacingOccurrences(of: "'", with: "''") + "'"
            try await sql.raw("CREATE TABLESPACE almen_full LOCATION \(unsafeRaw: literal)").run()
            try await sql.raw("ALTER TABLE letters SET TABLESPACE almen_full").run()
        } else {
            try await sql.raw("ALTER TABLE letters SET TABLESPACE pg_default").run()
            try await sql.raw("DROP TABLESPACE IF EXISTS almen_full").run()
        }
    }

    /// The letters table with its PDFs, in MB (PostgreSQL).
    public static func lettersMegabytes(on database: any Database) async throws -> Int {
        struct Row: Decodable { let bytes: Int }
        let bytes =
            try await database.sql().raw("SELECT CAST(pg_total_relation_size('letters') AS BIGINT) AS bytes")
            .first(decoding: Row.self)?.bytes ?? 0
        return bytes / 1_048_576 + 1
    }

    /// Commits that survive a crash of PostgreSQL (a throwaway cluster runs without): the
    /// restart fault kills the server, and a letter acknowledged and then lost would be sent anew.
    public static func durableCommits(_ on: Bool, on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw(on ? "ALTER SYSTEM SET synchronous_commit = on" : "ALTER SYSTEM RESET synchronous_commit")
            .run()
        try await sql.raw("SELECT pg_reload_conf()").run()
    }

    /// Whether a job is running under a worker whose id ends with `suffix` (its pid).
    public static func jobsRunning(heldBy suffix: String, on database: any Database) async throws -> Int {
        struct Row: Decodable { let count: Int }
        return try await database.sql().raw(
            "SELECT COUNT(*) AS count FROM jobs WHERE status = 'running' AND locked_by LIKE \(bind: "%-" + suffix)"
        ).first(decoding: Row.self)?.count ?? 0
    }

    /// Letters beyond one per tenant of a lease (the unique index makes this 0; checked anyway).
    public func duplicateLetters(on database: any Database) async throws -> Int {
        struct Row: Decodable { let extra: Int? }
        return try await database.sql().raw(
            """
            SELECT CAST(COALESCE(SUM(n - 1), 0) AS BIGINT) AS extra FROM (SELECT COUNT(*) AS n FROM letters WHERE bulk_run_id IN (\(binds: runs))
              GROUP BY bulk_run_id, recipient_person_id, lease_id) counts
            """
        ).first(decoding: Row.self)?.extra ?? 0
    }

    /// The raw rendering rate: the same meeting notice typeset for the first `count` tenants
    /// of the register (template and PDF, nothing stored), `threads` at a time.
    public static func rawRendering(
        app: Application,
        count: Int,
        threads: Int
    ) async throws -> (
        letters: Int, seconds: Double
    ) {
        struct Row: Decodable {
            let personID: UUID
            let dwellingID: UUID
            let departmentID: UUID
            let organisationID: UUID
        }
        let rows = try await app.db.sql().raw(
            """
            SELECT lt.person_id AS "personID", d.id AS "dwellingID", dep.id AS "departmentID",
                   dep.organisation_id AS "organisationID"
            FROM lease_tenants lt JOIN leases l ON l.id = lt.lease_id JOIN dwellings d ON d.id = l.dwelling_id
            JOIN departments dep ON dep.id = d.department_id
            WHERE l.status <> 'ended' ORDER BY lt.lease_id, lt.person_id LIMIT \(literal: count)
            """
        ).all(decoding: Row.self)
        let people = try await Person.query(on: app.db).filter(\.$id ~~ Set(rows.map(\.personID))).all()
            .reduce(into: [UUID: Person]()) { $0[$1.id!] = $1 }
        let dwellings = try await Dwelling.query(on: app.db).filter(\.$id ~~ Set(rows.map(\.dwellingID))).all()
            .reduce(into: [UUID: Dwelling]()) { $0[$1.id!] = $1 }
        let departments = try await Department.query(on: app.db).filter(\.$id ~~ Set(rows.map(\.departmentID)))
            .all().reduce(into: [UUID: Department]()) { $0[$1.id!] = $1 }
        let service = app.letters().caching()
        let content = notice.content
        let templates = LetterTemplates(database: app.db, dependencies: app.dependencies)
        var templateByOrganisation: [UUID: LetterTemplate] = [:]
        var prepared: [(LetterService.Addressee, LetterService.OrganisationCache.Entry, LetterTemplate)] = []
        for row in rows {
            guard let person = people[row.personID], let dwelling = dwellings[row.dwellingID],
                let department = departments[row.departmentID]
            else { continue }
            let entry = try await service.organisationEntry(row.organisationID)
            if templateByOrganisation[row.organisationID] == nil {
                templateByOrganisation[row.organisationID] = try await templates.current(
                    .meetingNotice,
                    organisationID: row.organisationID
                )
            }
            prepared.append(
                (
                    LetterService.Addressee(
                        name: person.fullName,
                        addressLine: dwelling.addressLine,
                        postalCity: "\(dwelling.postalCode) \(dwelling.city)",
                        department: "\(department.number) \(department.name)"
                    ), entry, templateByOrganisation[row.organisationID]!
                )
            )
        }
        let work = prepared
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<max(1, threads) {
                group.addTask {
                    for index in stride(from: lane, to: work.count, by: max(1, threads)) {
                        let (addressee, entry, template) = work[index]
                        _ = try await service.compose(
                            content,
                            to: addressee,
                            from: entry,
                            reference: LetterService.reference(for: UUID()),
                            templateKey: "t-\(try template.requireID().lowercasedString)",
                            text: LetterTemplateText(subject: template.subjectSource, body: template.bodySource)
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - started
        return (work.count, elapsed.seconds)
    }
}
