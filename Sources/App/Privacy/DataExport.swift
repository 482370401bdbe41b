import AlmenDomain
import Fluent
import Foundation
import NIOPosix
import SQLKit

/// A copy of everything held about a resident (indsigt, GDPR article 15, and data portability,
/// article 20): ordered in the portal, collected by a job into a ZIP with `data.json` and the
/// letters' PDFs, sealed at rest, downloaded once, deleted after download or after 7 days.
final class DataExport: Model, @unchecked Sendable {
    static let schema = "data_exports"

    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "status") var status: DataExportStatus
    @Field(key: "requested_at") var requestedAt: Date
    @OptionalField(key: "ready_at") var readyAt: Date?
    /// The last moment the ZIP may be downloaded.
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "downloaded_at") var downloadedAt: Date?
    /// The ZIP, sealed with a key of its own (it holds the CPR number); gone once downloaded.
    @OptionalField(key: "sealed_zip") var sealedZIP: Data?
    @Field(key: "byte_count") var byteCount: Int

    init() {}

    /// How long a ready copy waits to be downloaded.
    static let lifetime: TimeInterval = 7 * 86_400
    /// The purpose of the key that seals a copy at rest.
    static let sealPurpose = "data-export"
}

enum DataExportStatus: String, Codable, Sendable {
    case queued, ready, downloaded, expired, failed
}

/// The payload of a `privacy.export` job.
struct DataExportJob: JobPayload {
    static let kind = JobKind.privacyExport
    let export: UUID
    var record: UUID { export }
}

/// Orders, builds, hands out and forgets the copies. Every effect comes in: the database, the
/// clock and ids, and the keys.
struct DataExports: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    let keys: CPRKeys
    /// Where the ZIP is built and sealed, off the event loops.
    let pool: NIOThreadPool

    private var box: SecretBox { SecretBox(keys: keys, purpose: DataExport.sealPurpose) }

    /// The person's latest copy, if any: where it stands, never the sealed ZIP itself (up to
    /// megabytes, read only when it is downloaded; `sealedZIP` is not set on the answer).
    func latest(for personID: UUID) async throws -> DataExport? {
        try await DataExport.query(on: database).filter(\.$personID == personID).sort(\.$requestedAt, .descending)
            .field(\.$id).field(\.$personID).field(\.$status).field(\.$requestedAt).field(\.$readyAt)
            .field(\.$expiresAt).field(\.$downloadedAt).field(\.$byteCount)
            .first()
    }

    /// Orders a copy and queues its job, in one transaction; a copy already being collected is
    /// the answer to a second order.
    func order(for personID: UUID) async throws -> UUID {
        if let pending = try await latest(for: personID), pending.status == .queued, let id = pending.id { return id }
        let export = DataExport()
        let id = dependencies.uuid()
        export.id = id
        export.personID = personID
        export.status = .queued
        export.requestedAt = dependencies.now()
        export.byteCount = 0
        let queue = JobQueue(dependencies: dependencies)
        do {
            try await database.transaction { db in
                try await export.create(on: db)
                _ = try await queue.enqueue(DataExportJob(export: id), on: db)
            }
        } catch {
            // The unique index let another order of the same moment through: that is the copy.
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                let pending = try await latest(for: personID), pending.status == .queued, let id = pending.id
            else { throw error }
            return id
        }
        return id
    }

    /// The job: collects the copy, seals it, and marks it ready until `lifetime` from now.
    func build(_ job: DataExportJob, now: Date) async throws {
        guard let export = try await DataExport.find(job.export, on: database), export.status == .queued else { return }
        let exporter = PersonalDataExport(database: database, vault: CPRVault(keys: keys))
        guard let zip = try await exporter.zip(for: export.personID, now: now, on: pool) else {
            export.status = .failed
            return try await export.save(on: database)
        }
        let box = box
        export.sealedZIP = try await pool.runIfActive { try box.seal(zip) }
        export.byteCount = zip.count
        export.status = .ready
        export.readyAt = now
        export.expiresAt = now.addingTimeInterval(DataExport.lifetime)
        try await export.save(on: database)
    }

    /// The job gave up: the resident is told and may order again.
    func failed(_ job: DataExportJob) async throws {
        try await DataExport.query(on: database).filter(\.$id == job.export).filter(\.$status == .queued)
            .set(\.$status, to: .failed).update()
    }

    /// The ZIP, once: the row is marked downloaded and the copy deleted in the same statement, so
    /// two downloads at once give it to one of them.
    func download(_ id: UUID, by personID: UUID) async throws -> Data? {
        let now = dependencies.now()
        struct Row: Decodable { let sealed_zip: Data? }
        let taken = try await database.transaction { db -> Data? in
            let sql = try db.sql()
            guard
                let row = try await sql.raw(
                    """
                    SELECT sealed_zip FROM data_exports
                    WHERE id = \(bind: id) AND person_id = \(bind: personID) AND status = \(bind: DataExportStatus.ready.rawValue)
                      AND expires_at >= \(bind: now)
                    """
                ).first(decoding: Row.self), let sealed = row.sealed_zip
            else { return nil }
            struct Updated: Decodable { let id: UUID }
            let updated = try await sql.raw(
                """
                UPDATE data_exports SET status = \(bind: DataExportStatus.downloaded.rawValue), downloaded_at = \(bind: now),
                  sealed_zip = NULL
                WHERE id = \(bind: id) AND status = \(bind: DataExportStatus.ready.rawValue) RETURNING id
                """
            ).first(decoding: Updated.self)
            return updated == nil ? nil : sealed
        }
        guard let taken else { return nil }
        let box = box
        return try await pool.runIfActive { try box.open(taken) }
    }

    /// Deletes copies not downloaded in time (the daily job).
    func expire(now: Date) async throws {
        try await database.sql().raw(
            """
            UPDATE data_exports SET status = \(bind: DataExportStatus.expired.rawValue), sealed_zip = NULL
            WHERE status = \(bind: DataExportStatus.ready.rawValue) AND expires_at < \(bind: now)
            """
        ).run()
    }
}

/// Residents' data requests (rectification, erasure, restriction, objection) as cases, and the
/// copies of their data.
struct CreateDataExports: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DataExport.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("status", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("ready_at", .datetime)
            .field("expires_at", .datetime)
            .field("downloaded_at", .datetime)
            .field("sealed_zip", .data)
            .field("byte_count", .int, .required)
            .create()
        try await SchemaIndex.create("data_exports_person", on: DataExport.schema, columns: ["person_id"], in: database)
        // One copy being collected per person: a second order at the same moment is the same copy.
        try await database.sql().raw(
            "CREATE UNIQUE INDEX data_exports_one_queued ON data_exports (person_id) WHERE status = 'queued'"
        ).run()
        try await database.schema(DataRequest.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, .id))
            .field("person_id", .uuid, .required, .references(Person.schema, .id))
            .field("right", .string, .required)
            .field("text", .string, .required)
            .field("received_on", .string, .required)
            .field("answer_by", .string, .required)
            .field("submission_token", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "submission_token")
            .create()
        try await SchemaIndex.create("data_requests_case", on: DataRequest.schema, columns: ["case_id"], in: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(DataRequest.schema).delete()
        try await database.schema(DataExport.schema).delete()
    }
}

/// Collects a person's data into `data.json` (format `almen.personal-data/1`, documented in
/// `docs/personal-data-export.md`) and their letters' PDFs: one statement per section.
struct PersonalDataExport: Sendable {
    let database: any Database
    let vault: CPRVault

    static let format = "almen.personal-data/1"

    struct Document: Encodable, Sendable {
        let format: String
        let generated_at: Date
        let person: PersonOut
        let leases: [LeaseRow]
        let household: [HouseholdRow]
        let consents: [Consents.Event]
        /// Consents the administration holds on record without the person giving them here
        /// (Digital Post for a lease signed before 2018).
        let consents_on_record: [RecordedConsentRow]
        let cases: [CaseRow]
        let letters: [LetterRow]
        let incoming_messages: [IncomingRow]
        let termination_notices: [TerminationRow]
        let fault_reports: [FaultRow]
        let neighbour_complaints: [ComplaintRow]
        let meeting_proposals: [ProposalRow]
        let meeting_registrations: [RegistrationRow]
        let ballots_voted: [BallotRow]
        let board_memberships: [BoardRow]
        let ledger: [LedgerRow]
        let data_requests: [RequestRow]
        let powers_of_attorney: [PowerRow]
        let complaint_episodes: [EpisodeRow]
        /// What the person answered to a complaint about their home.
        let complaint_replies: [ReplyRow]
        let subletting_requests: [SublettingRow]
        let swap_requests: [SwapRow]
        /// The files the person sent with their requests, each in the ZIP (`file`).
        let files: [FileRow]
        let seen_by: [SeenRow]
    }

    struct RecordedConsentRow: Codable, Sendable {
        let kind: String
        /// Why it is on record: `lease_before_2018`.
        let basis: String
        /// The lease's start that makes it so.
        let lease_start: String?
    }

    /// A sub-letting the person applied for or gave notice of, drafts too (their files are in
    /// `files`).
    struct SublettingRow: Codable, Sendable {
        let kind: String
        let status: String
        let start_date: String
        let end_date: String?
        let let_rooms: Int
        let occupants: Int
        let let_area_m2: Int?
        let subtenants: String
        let absence_reason: String?
        let absence_text: String?
        let rent_ore: Int64?
        let sent_at: Date?
    }

    /// A house swap the person applied for.
    struct SwapRow: Codable, Sendable {
        let status: String
        let swap_date: String
        let other_tenant: String
        let other_address: String
        let other_landlord: String
        let incoming_persons: Int
        let outgoing_persons: Int
        let sent_at: Date?
    }

    /// What a file was sent with; where its bytes are.
    enum FileSource: String, Codable, Sendable {
        case faultReport = "fault_report"
        case neighbourComplaint = "neighbour_complaint"
        case sublettingAgreement = "subletting_agreement"
        case sublettingDocumentation = "subletting_documentation"
    }

    /// A file the person sent: a fault report's or a complaint's photo or recording, a
    /// sub-letting's agreement or documentation. `source_id` (with `what`) says where its bytes
    /// are; it is not in the copy.
    struct FileRow: Codable, Sendable {
        let what: FileSource
        let case_number: String?
        let content_type: String
        let byte_count: Int
        let created_at: Date
        let source_id: UUID
        /// The path inside the ZIP (`files/<n>-<what>.<ext>`), set after reading.
        var file: String?

        /// What the copy says of the file: all but `source_id`.
        private enum CopyKeys: String, CodingKey {
            case what, case_number, content_type, byte_count, created_at, file
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CopyKeys.self)
            try container.encode(what, forKey: .what)
            try container.encode(case_number, forKey: .case_number)
            try container.encode(content_type, forKey: .content_type)
            try container.encode(byte_count, forKey: .byte_count)
            try container.encode(created_at, forKey: .created_at)
            try container.encode(file, forKey: .file)
        }

        /// The statement that reads the file's bytes (`data`).
        var bytes: SQLQueryString {
            switch what {
            case .sublettingAgreement:
                "SELECT agreement AS data FROM subletting_requests WHERE id = \(bind: source_id)"
            case .sublettingDocumentation:
                "SELECT documentation AS data FROM subletting_requests WHERE id = \(bind: source_id)"
            case .faultReport, .neighbourComplaint: "SELECT data FROM case_attachments WHERE id = \(bind: source_id)"
            }
        }
    }

    /// A fuldmagt or guardianship the person gave or holds: `role` is `grantor` or `helper`.
    struct PowerRow: Codable, Sendable {
        let role: String
        let kind: String
        let helper_name: String
        let may_file: Bool
        let copies: Bool
        let valid_from: String
        let valid_to: String?
        let accepted_at: Date?
        let revoked_at: Date?
    }

    /// An answer to a complaint about the person's home.
    struct ReplyRow: Codable, Sendable {
        let text: String
        let created_at: Date
    }

    /// What the person wrote in a complaint's incident diary.
    struct EpisodeRow: Codable, Sendable {
        let occurred_on: String
        let time_of_day: String?
        let description: String
        let witnesses: String?
        let created_at: Date
    }

    /// The person as the register holds them (the CPR number sealed).
    struct PersonRow: Decodable, Sendable {
        let id: UUID
        let given_name: String
        let family_name: String
        let email: String?
        let phone: String?
        let name_address_protected: Bool
        let cpr_basis: String
        let cpr_ciphertext: Data?
    }

    /// The person as the copy shows them, with the CPR number in full.
    struct PersonOut: Encodable, Sendable {
        let id: UUID
        let given_name: String
        let family_name: String
        let email: String?
        let phone: String?
        let name_address_protected: Bool
        let cpr_number: String?
        /// How the CPR number came to the register: `consent` or `register` (`CPRBasis`).
        let cpr_basis: String?
    }

    struct LeaseRow: Codable, Sendable {
        let number: String?
        let role: String
        let street: String
        let house_number: String
        let floor: String?
        let door: String?
        let postal_code: String
        let city: String
        let start_date: String
        let end_date: String?
        let monthly_rent_ore: Int64
        let deposit_ore: Int64
        let digital_opt_out: Bool
    }

    struct HouseholdRow: Codable, Sendable {
        let lease_number: String?
        let street: String
        let house_number: String
        let adult: Bool
    }

    struct CaseRow: Codable, Sendable {
        let number: String
        let kind: String
        let title: String
        let status: String
        let opened_at: Date
        let closed_at: Date?
        let role: String
    }

    struct LetterRow: Codable, Sendable {
        let id: UUID
        let subject: String
        let kind: String
        let channel: String?
        let status: String
        let created_at: Date
        let page_count: Int
        /// The PDF's path inside the ZIP (`letters/<id>.pdf`), set after reading.
        var file: String?
    }

    struct IncomingRow: Codable, Sendable {
        let received_at: Date
        let label: String?
        let channel: String
        let status: String
    }

    struct TerminationRow: Codable, Sendable {
        let received_on: String?
        let end_date: String?
        let forwarding_address: String?
        let viewing: String?
        let created_at: Date
    }

    struct FaultRow: Codable, Sendable {
        let location: String
        let description: String
        /// Null for a fault outside the home, where the resident was not asked.
        let master_key: Bool?
        let created_at: Date
    }

    struct ComplaintRow: Codable, Sendable {
        let step: String
        let created_at: Date
        let episodes: Int
    }

    struct ProposalRow: Codable, Sendable {
        let title: String
        let text: String
        let submitted_at: Date
        let held_on: String
    }

    struct RegistrationRow: Codable, Sendable {
        let held_on: String
        let registered_at: Date
    }

    /// That the person voted, on which question and how (digital or paper): never what.
    struct BallotRow: Codable, Sendable {
        let question: String
        let channel: String
        let recorded_on: String?
    }

    struct BoardRow: Codable, Sendable {
        let board: String
        let position: String
        let term_start: String
        let term_end: String?
    }

    struct LedgerRow: Codable, Sendable {
        let lease_number: String?
        let kind: String
        let entry_date: String
        let amount_ore: Int64
        let text: String
    }

    struct RequestRow: Codable, Sendable {
        let right: String
        let text: String
        let received_on: String
        let answer_by: String
    }

    struct SeenRow: Codable, Sendable {
        let at: Date
        let action: String
        let purpose: String
        /// The purpose in English, for events written since it was kept.
        let purpose_en: String?
    }

    struct PDFRow: Decodable, Sendable {
        let id: UUID
        let pdf: Data
    }

    /// Everything about `personID`, with the CPR number in full (the copy is theirs).
    func document(for personID: UUID, now: Date) async throws -> Document? {
        let sql = try database.sql()
        guard
            let person = try await sql.raw(
                """
                SELECT id, given_name, family_name, email, phone, name_address_protected, cpr_basis, cpr_ciphertext
                FROM people WHERE id = \(bind: personID)
                """
            ).first(decoding: PersonRow.self)
        else { return nil }
        let address = "d.street, d.house_number, d.floor, d.door, d.postal_code, d.city"
        return Document(
            format: Self.format,
            generated_at: now,
            person: PersonOut(
                id: person.id,
                given_name: person.given_name,
                family_name: person.family_name,
                email: person.email,
                phone: person.phone,
                name_address_protected: person.name_address_protected,
                cpr_number: try person.cpr_ciphertext.map { try vault.open($0).digits },
                cpr_basis: person.cpr_ciphertext == nil ? nil : person.cpr_basis
            ),
            leases: try await sql.raw(
                """
                SELECT l.number, t.role, \(unsafeRaw: address), l.start_date, l.end_date, l.monthly_rent_ore, l.deposit_ore,
                  l.digital_opt_out
                FROM lease_tenants t JOIN leases l ON l.id = t.lease_id JOIN dwellings d ON d.id = l.dwelling_id
                WHERE t.person_id = \(bind: personID) ORDER BY l.start_date
                """
            ).rows(decoding: LeaseRow.self),
            household: try await sql.raw(
                """
                SELECT l.number AS lease_number, d.street, d.house_number, h.adult
                FROM household_members h JOIN leases l ON l.id = h.lease_id JOIN dwellings d ON d.id = l.dwelling_id
                WHERE h.person_id = \(bind: personID)
                """
            ).rows(decoding: HouseholdRow.self),
            consents: try await sql.raw(
                """
                SELECT id, kind, text, given_at, given_how, withdrawn_at, withdrawn_how FROM consents
                WHERE person_id = \(bind: personID) ORDER BY given_at, id
                """
            ).rows(decoding: Consents.Event.self),
            consents_on_record: try await Self.onRecord(
                personID,
                today: LocalDate(now, timeZone: danishTimeZone),
                on: database
            ),
            cases: try await sql.raw(
                """
                SELECT c.number, c.kind, c.title, c.status, c.opened_at, c.closed_at, p.role
                FROM case_parties p JOIN cases c ON c.id = p.case_id
                WHERE p.person_id = \(bind: personID) ORDER BY c.opened_at
                """
            ).rows(decoding: CaseRow.self),
            letters: try await sql.raw(
                """
                SELECT id, subject, kind, channel, status, created_at, page_count FROM letters
                WHERE recipient_person_id = \(bind: personID) ORDER BY created_at, id
                """
            ).rows(decoding: LetterRow.self).map { row in
                var row = row
                row.file = "letters/\(row.id.lowercasedString).pdf"
                return row
            },
            incoming_messages: try await sql.raw(
                """
                SELECT received_at, label, channel, status FROM incoming_messages
                WHERE person_id = \(bind: personID) ORDER BY received_at
                """
            ).rows(decoding: IncomingRow.self),
            termination_notices: try await sql.raw(
                """
                SELECT received_on, end_date, forwarding_address, viewing, created_at FROM termination_notices
                WHERE filed_by = \(bind: personID) ORDER BY created_at
                """
            ).rows(decoding: TerminationRow.self),
            fault_reports: try await sql.raw(
                """
                SELECT location, description, master_key, created_at FROM fault_reports
                WHERE filed_by = \(bind: personID) ORDER BY created_at
                """
            ).rows(decoding: FaultRow.self).map { row in
                FaultLocation(rawValue: row.location)?.inHome == true
                    ? row
                    : FaultRow(
                        location: row.location,
                        description: row.description,
                        master_key: nil,
                        created_at: row.created_at
                    )
            },
            neighbour_complaints: try await sql.raw(
                """
                SELECT n.step, n.created_at, (SELECT COUNT(*) FROM complaint_episodes e WHERE e.complaint_id = n.id) AS episodes
                FROM neighbour_complaints n WHERE n.filed_by = \(bind: personID) ORDER BY n.created_at
                """
            ).rows(decoding: ComplaintRow.self).map {
                // As the complainant's own pages say it: what was done against the other household
                // after a påmindelse is "further".
                ComplaintRow(
                    step: ComplaintCard.shownToComplainant($0.step),
                    created_at: $0.created_at,
                    episodes: $0.episodes
                )
            },
            meeting_proposals: try await sql.raw(
                """
                SELECT p.title, p.text, p.submitted_at, m.held_on FROM meeting_proposals p JOIN meetings m ON m.id = p.meeting_id
                WHERE p.person_id = \(bind: personID) ORDER BY p.submitted_at
                """
            ).rows(decoding: ProposalRow.self),
            meeting_registrations: try await sql.raw(
                """
                SELECT m.held_on, r.registered_at FROM meeting_registrations r JOIN meetings m ON m.id = r.meeting_id
                WHERE r.person_id = \(bind: personID) ORDER BY r.registered_at
                """
            ).rows(decoding: RegistrationRow.self),
            ballots_voted: try await sql.raw(
                """
                SELECT b.question, v.channel, v.recorded_on FROM ballot_voters v JOIN ballots b ON b.id = v.ballot_id
                WHERE v.person_id = \(bind: personID) ORDER BY b.opens_on
                """
            ).rows(decoding: BallotRow.self),
            board_memberships: try await sql.raw(
                """
                SELECT board, position, term_start, term_end FROM board_memberships
                WHERE person_id = \(bind: personID) ORDER BY term_start
                """
            ).rows(decoding: BoardRow.self),
            // The account of each lease while this person was its tenant.
            ledger: try await sql.raw(
                """
                SELECT l.number AS lease_number, e.kind, e.entry_date, e.amount_ore, e.text
                FROM lease_tenants t JOIN leases l ON l.id = t.lease_id JOIN ledger_entries e ON e.lease_id = l.id
                WHERE t.person_id = \(bind: personID) ORDER BY e.entry_date, e.id
                """
            ).rows(decoding: LedgerRow.self),
            data_requests: try await sql.raw(
                """
                SELECT "right", text, received_on, answer_by FROM data_requests
                WHERE person_id = \(bind: personID) ORDER BY created_at
                """
            ).rows(decoding: RequestRow.self),
            powers_of_attorney: try await sql.raw(
                """
                SELECT CASE WHEN grantor_id = \(bind: personID) THEN 'grantor' ELSE 'helper' END AS role, kind, helper_name,
                  may_file, copies, valid_from, valid_to, accepted_at, revoked_at
                FROM powers_of_attorney WHERE grantor_id = \(bind: personID) OR helper_id = \(bind: personID)
                ORDER BY created_at
                """
            ).rows(decoding: PowerRow.self),
            complaint_episodes: try await sql.raw(
                """
                SELECT occurred_on, time_of_day, description, witnesses, created_at FROM complaint_episodes
                WHERE reported_by = \(bind: personID) ORDER BY created_at
                """
            ).rows(decoding: EpisodeRow.self),
            complaint_replies: try await sql.raw(
                "SELECT text, created_at FROM complaint_replies WHERE person_id = \(bind: personID) ORDER BY created_at"
            ).rows(decoding: ReplyRow.self),
            subletting_requests: try await sql.raw(
                """
                SELECT kind, status, start_date, end_date, let_rooms, occupants, let_area_m2, subtenants, absence_reason,
                  absence_text, rent_ore, sent_at
                FROM subletting_requests WHERE filed_by = \(bind: personID) ORDER BY updated_at, id
                """
            ).rows(decoding: SublettingRow.self),
            swap_requests: try await sql.raw(
                """
                SELECT status, swap_date, other_tenant, other_address, other_landlord, incoming_persons, outgoing_persons,
                  sent_at
                FROM swap_requests WHERE filed_by = \(bind: personID) ORDER BY updated_at, id
                """
            ).rows(decoding: SwapRow.self),
            files: try await Self.files(of: personID, on: sql),
            seen_by: try await sql.raw(
                """
                SELECT at, action, purpose, purpose_en FROM audit_events
                WHERE data_subject_id = \(bind: personID) AND (actor_id IS NULL OR actor_id <> \(bind: personID))
                ORDER BY at
                """
            ).rows(decoding: SeenRow.self)
        )
    }

    /// The consents on record without an event of the person's: the state the consents page
    /// shows as "registered by the administration".
    static func onRecord(
        _ personID: UUID,
        today: LocalDate,
        on database: any Database
    ) async throws
        -> [RecordedConsentRow]
    {
        let facts = try await Consents.facts(for: personID, today: today, on: database)
        return facts.kinds.filter { Consents.state($0.code, facts) == .recordedByAdministration }.map {
            RecordedConsentRow(kind: $0.code, basis: "lease_before_2018", lease_start: facts.oldestLeaseBefore2018)
        }
    }

    /// The files the person sent with a fault report, a complaint or a sub-letting, oldest first,
    /// each named for the ZIP.
    static func files(of personID: UUID, on sql: any SQLDatabase) async throws -> [FileRow] {
        let rows = try await sql.raw(
            """
            SELECT 'fault_report' AS what, c.number AS case_number, a.content_type, a.byte_count,
              a.created_at AS created_at, a.id AS source_id
            FROM case_attachments a JOIN fault_reports f ON f.case_id = a.case_id JOIN cases c ON c.id = a.case_id
            WHERE f.filed_by = \(bind: personID)
            UNION ALL
            SELECT 'neighbour_complaint', c.number, a.content_type, a.byte_count, a.created_at, a.id
            FROM case_attachments a JOIN neighbour_complaints n ON n.case_id = a.case_id JOIN cases c ON c.id = a.case_id
            WHERE n.filed_by = \(bind: personID)
            UNION ALL
            SELECT 'subletting_agreement', c.number, s.agreement_type, LENGTH(s.agreement), s.updated_at, s.id
            FROM subletting_requests s LEFT JOIN cases c ON c.id = s.case_id
            WHERE s.filed_by = \(bind: personID) AND s.agreement IS NOT NULL AND s.agreement_type IS NOT NULL
            UNION ALL
            SELECT 'subletting_documentation', c.number, s.documentation_type, LENGTH(s.documentation), s.updated_at, s.id
            FROM subletting_requests s LEFT JOIN cases c ON c.id = s.case_id
            WHERE s.filed_by = \(bind: personID) AND s.documentation IS NOT NULL AND s.documentation_type IS NOT NULL
            ORDER BY 5, 6
            """
        ).rows(decoding: FileRow.self)
        // The copy is built in memory and stored sealed in one row: its files stop at
        // `maxFileBytes` in all; those after are listed without a file (the README says to ask).
        var total = 0
        return rows.enumerated().map { index, row in
            var row = row
            total += row.byte_count
            if total <= maxFileBytes {
                row.file = AttachmentType.filename("files/\(index + 1)-\(row.what.rawValue)", type: row.content_type)
            }
            return row
        }
    }

    /// The most bytes of files one copy holds (a fault report's five photos are at most 50 MB).
    static let maxFileBytes = 200 * 1024 * 1024

    /// The JSON of the document: sorted keys, ISO 8601 times, readable.
    static func json(_ document: Document) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(document)
    }

    /// The ZIP: `data.json`, `README.txt`, `letters/<id>.pdf` and `files/…`, built in memory (a
    /// resident's letters are a few MB: the PDFs and the archive are in memory together). The
    /// PDFs are read 20 at a time, the files one at a time (each up to 10 MB).
    func zip(for personID: UUID, now: Date, on pool: NIOThreadPool) async throws -> Data? {
        guard let document = try await document(for: personID, now: now) else { return nil }
        var entries = [
            InMemoryZip.Entry(path: "data.json", data: try Self.json(document)),
            InMemoryZip.Entry(path: "README.txt", data: Data(Self.readme.utf8)),
        ]
        let sql = try database.sql()
        for chunk in stride(from: 0, to: document.letters.count, by: 20) {
            let ids = document.letters[chunk..<min(chunk + 20, document.letters.count)].map(\.id)
            for row in try await sql.raw("SELECT id, pdf FROM letters WHERE id IN (\(binds: ids))").all(
                decoding: PDFRow.self
            ) {
                entries.append(InMemoryZip.Entry(path: "letters/\(row.id.lowercasedString).pdf", data: row.pdf))
            }
        }
        struct Bytes: Decodable { let data: Data }
        for file in document.files {
            guard let path = file.file, let bytes = try await sql.raw(file.bytes).first(decoding: Bytes.self) else {
                continue
            }
            entries.append(InMemoryZip.Entry(path: path, data: bytes.data))
        }
        return try await InMemoryZip.build(entries, modified: now, on: pool)
    }

    static let readme = """
        Dine oplysninger fra Almen / Your data from Almen

        data.json: alt, vi har om dig, i formatet almen.personal-data/1 (JSON), som andre systemer
        kan læse. Formatet er beskrevet i Almens åbne kildekode (docs/personal-data-export.md).
        letters/: dine breve som PDF; hvert brev i data.json peger på sin fil.
        files/: billeder, lydfiler og dokumenter, du har sendt med en fejlmelding, en klage eller
        en fremleje; data.json siger, hvilken sag hver fil hører til. Er de over 200 MB i alt,
        står de sidste i data.json uden fil; bed administrationen om dem.

        data.json: everything we hold about you, in the format almen.personal-data/1 (JSON). The
        format is described in Almen's open source code (docs/personal-data-export.md).
        letters/: your letters as PDF; each letter in data.json names its file.
        files/: photos, recordings and documents you sent with a fault report, a complaint or a
        sub-letting; data.json says which case each belongs to. Beyond 200 MB in all, the last
        are in data.json without a file; ask the administration for them.

        """
}
