import AlmenDomain
import Fluent
import Foundation
import Letters
import SQLKit

/// Makes print batches of the letters waiting for print (residents' letters, and notices to
/// municipalities that go on paper), and marks batches dispatched.
struct PrintBatches: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    let typesetter: any LetterTypesetting
    let provider: any PrintProvider
    let delivery: PhysicalDelivery

    /// A batch as the list shows it, with its organisation's name (never its PDF).
    struct ListRow: Decodable, Sendable {
        let id: UUID
        let number: Int
        let organisation_name: String
        let letter_count: Int
        let page_count: Int
        let created_at: Date
        let dispatched_at: Date?
    }

    /// The batches in `scope`, newest (highest number) first, of one organisation and only those
    /// not yet marked dispatched if asked, `limit` of them after the batch `cursor` names (keyset:
    /// a batch's number is its place; an unknown cursor, or one out of scope, matches nothing):
    /// one statement.
    static func list(
        scope: StaffScope,
        organisation: UUID?,
        undispatched: Bool,
        after cursor: UUID?,
        limit: Int,
        on sql: any SQLDatabase
    ) async throws -> [ListRow] {
        guard var inScope = scope.condition("b", "organisation_id") else { return [] }
        if let organisation { inScope += " AND b.organisation_id = \(bind: organisation)" }
        if undispatched { inScope += " AND b.dispatched_at IS NULL" }
        var query: SQLQueryString = """
            SELECT b.id, b.number, o.name AS organisation_name, b.letter_count, b.page_count, b.created_at, b.dispatched_at
            FROM print_batches b JOIN housing_organisations o ON o.id = b.organisation_id WHERE 1 = 1
            """
        query += inScope
        if let cursor {
            query += " AND b.number < (SELECT k.number FROM print_batches k WHERE k.id = \(bind: cursor)"
            query += (scope.condition("k", "organisation_id") ?? "") + ")"
        }
        query += " ORDER BY b.number DESC LIMIT \(literal: limit)"
        return try await sql.raw(query).rows(decoding: ListRow.self)
    }

    /// How many letters in `scope` wait for a batch, notices to municipalities included (one
    /// statement).
    func waiting(scope: StaffScope) async throws -> Int {
        try await Self.waiting(scope: scope, on: database.sql())
    }

    /// How many letters in `scope` wait for a batch, as `waiting(scope:)` counts them, on `sql`.
    static func waiting(scope: StaffScope, on sql: any SQLDatabase) async throws -> Int {
        guard let letters = scope.condition("l", "organisation_id"), let cases = scope.condition("c", "organisation_id")
        else { return 0 }
        struct Row: Decodable { let waiting: Int }
        return try await sql.raw(
            """
            SELECT (SELECT count(*) FROM letters l WHERE l.status = \(bind: LetterStatus.awaitingPrint.rawValue) \(letters))
              + (SELECT count(*) FROM municipality_notices n JOIN cases c ON c.id = n.case_id
                 WHERE n.status = \(bind: MunicipalityNotice.Status.awaitingPrint.rawValue) \(cases)) AS waiting
            """
        ).first(decoding: Row.self)?.waiting ?? 0
    }

    /// A notice to a municipality waiting for print: its organisation (the case's) and document.
    struct WaitingNotice: Decodable {
        let id: UUID
        let organisation_id: UUID
        let document_json: Data
    }

    /// The notices to municipalities in `scope` that wait for a batch, oldest first.
    func noticesWaiting(
        scope: StaffScope,
        organisationID: UUID? = nil,
        limit: Int = 500
    ) async throws
        -> [WaitingNotice]
    {
        guard let inScope = scope.condition("c", "organisation_id") else { return [] }
        let only: SQLQueryString = organisationID.map { "AND c.organisation_id = \(bind: $0)" } ?? ""
        return try await database.sql().raw(
            """
            SELECT n.id, c.organisation_id, n.document_json FROM municipality_notices n JOIN cases c ON c.id = n.case_id
            WHERE n.status = \(bind: MunicipalityNotice.Status.awaitingPrint.rawValue) \(inScope) \(only)
            ORDER BY n.created_at, n.id LIMIT \(bind: limit)
            """
        ).rows(decoding: WaitingNotice.self)
    }

    /// The organisations in `scope` with notices to municipalities waiting for a batch.
    func organisationsWithNoticesWaiting(scope: StaffScope) async throws -> [UUID] {
        guard let inScope = scope.condition("c", "organisation_id") else { return [] }
        struct Row: Decodable { let organisation_id: UUID }
        return try await database.sql().raw(
            """
            SELECT DISTINCT c.organisation_id FROM municipality_notices n JOIN cases c ON c.id = n.case_id
            WHERE n.status = \(bind: MunicipalityNotice.Status.awaitingPrint.rawValue) \(inScope)
            """
        ).rows(decoding: Row.self).map(\.organisation_id)
    }

    /// A batch per organisation in `scope` with letters waiting (up to `limit` letters each).
    func create(createdBy: UUID?, scope: StaffScope, limit: Int = 500) async throws -> [PrintBatch] {
        let organisations = Set(
            try await Letter.query(on: database).filter(\.$status == .awaitingPrint)
                .scoped(\.$organisation.$id, to: scope).field(\.$organisation.$id).all().map(\.$organisation.id)
        ).union(try await organisationsWithNoticesWaiting(scope: scope))
        var batches: [PrintBatch] = []
        for organisationID in organisations.sorted(by: { $0.uuidString < $1.uuidString }) {
            if let batch = try await create(organisationID: organisationID, createdBy: createdBy, limit: limit) {
                batches.append(batch)
            }
        }
        return batches
    }

    /// A batch of up to `limit` of the organisation's waiting letters, in envelope order (postal
    /// code, address, name); nil when none wait. Letters another batch took meanwhile make this
    /// one roll back.
    func create(organisationID: UUID, createdBy: UUID?, limit: Int = 500) async throws -> PrintBatch? {
        let letters = try await Letter.query(on: database).filter(\.$status == .awaitingPrint).filter(
            \.$organisation.$id == organisationID
        )
        .sort(\.$createdAt).limit(limit).all()
        // Up to `limit` envelopes in all: the notices fill what the letters leave.
        let notices =
            letters.count < limit
            ? try await noticesWaiting(scope: .all, organisationID: organisationID, limit: limit - letters.count) : []
        guard !letters.isEmpty || !notices.isEmpty else { return nil }
        let decoder = JSONDecoder()
        /// One envelope: a resident's letter or a notice to a municipality.
        struct Envelope {
            let letter: UUID?
            let notice: UUID?
            let document: LetterDocument
            let kind: String
        }
        let ordered =
            (try letters.map {
                Envelope(
                    letter: try $0.requireID(),
                    notice: nil,
                    document: try decoder.decode(LetterDocument.self, from: $0.documentJSON),
                    kind: $0.kind.rawValue
                )
            }
            + notices.map {
                Envelope(
                    letter: nil,
                    notice: $0.id,
                    document: try decoder.decode(LetterDocument.self, from: $0.document_json),
                    kind: "municipality_notice"
                )
            })
            .sorted { Self.envelopeOrder($0.document.recipient) < Self.envelopeOrder($1.document.recipient) }
        let rendered = try await typesetter.renderBatch(ordered.map(\.document), duplex: true)
        let rows = ordered.enumerated().map { index, envelope in
            PrintManifest.Row(
                sequence: index + 1,
                reference: envelope.document.reference ?? "",
                recipient: envelope.document.recipient,
                firstPage: rendered.letters[index].firstPageIndex + 1,
                pageCount: rendered.letters[index].pageCount,
                kind: envelope.kind
            )
        }
        let now = dependencies.now()
        let batchID = dependencies.uuid()
        let ids = ordered.compactMap(\.letter)
        let noticeIDs = ordered.compactMap(\.notice)
        let batch = try await database.transaction { db in
            let number = (try await PrintBatch.query(on: db).max(\.$number) ?? 0) + 1
            let batch = PrintBatch(
                id: batchID,
                organisationID: organisationID,
                number: number,
                letterCount: ordered.count,
                pageCount: rendered.pageCount,
                pdf: rendered.pdf,
                manifest: PrintManifest.csv(rows),
                createdBy: createdBy,
                now: now
            )
            try await batch.create(on: db)
            if !ids.isEmpty {
                try await Letter.query(on: db).filter(\.$id ~~ ids).filter(\.$status == .awaitingPrint)
                    .set(\.$status, to: .printing).set(\.$printBatch.$id, to: batchID).update()
                let taken = try await Letter.query(on: db).filter(\.$printBatch.$id == batchID).count()
                guard taken == ids.count else { throw PrintBatchConflict() }
            }
            if !noticeIDs.isEmpty {
                struct Taken: Decodable { let id: UUID }
                let notices = try await db.sql().raw(
                    """
                    UPDATE municipality_notices SET status = \(bind: MunicipalityNotice.Status.printing.rawValue),
                      print_batch_id = \(bind: batchID)
                    WHERE id IN (\(binds: noticeIDs)) AND status = \(bind: MunicipalityNotice.Status.awaitingPrint.rawValue)
                    RETURNING id
                    """
                ).rows(decoding: Taken.self)
                guard notices.count == noticeIDs.count else { throw PrintBatchConflict() }
            }
            try await LetterHistory.record(
                .printBatch,
                LetterEventFacts(batch: number),
                letterIDs: ids,
                on: db,
                dependencies: dependencies
            )
            return batch
        }
        try await provider.submit(
            PrintBatchSummary(number: batch.number, letterCount: batch.letterCount, pageCount: batch.pageCount)
        )
        return batch
    }

    /// Marks a batch handed to the carrier: its letters are dispatched and get their expected
    /// arrival (rules.md §3: a påkrav's deadline runs from it). Marking twice changes nothing.
    func markDispatched(_ batchID: UUID, by staffID: UUID?, scope: StaffScope) async throws -> PrintBatch? {
        let now = dependencies.now()
        let arrival = delivery.expectedArrival(dispatched: LocalDate(now, timeZone: danishTimeZone))
        return try await database.transaction { db in
            guard
                let batch = try await PrintBatch.query(on: db).filter(\.$id == batchID).scoped(
                    \.$organisation.$id,
                    to: scope
                ).first()
            else { return nil }
            guard batch.dispatchedAt == nil else { return batch }
            batch.dispatchedAt = now
            batch.dispatchedBy = staffID
            try await batch.update(on: db)
            let letters = try await Letter.query(on: db).filter(\.$printBatch.$id == batchID).field(\.$id).all()
            try await Letter.query(on: db).filter(\.$printBatch.$id == batchID)
                .set(\.$status, to: .dispatched).set(\.$dispatchedAt, to: now).set(\.$arrival, to: arrival.iso).update()
            try await LetterHistory.record(
                .dispatched,
                LetterEventFacts(arrival: arrival.iso),
                letterIDs: try letters.map { try $0.requireID() },
                on: db,
                dependencies: dependencies
            )
            // The letters to municipalities and landlords in it are sent: an event on each one's case.
            struct Notice: Decodable {
                let case_id: UUID
                let reason: String
                let municipality: String
                let recipient_name: String?
            }
            let notices = try await db.sql().raw(
                """
                UPDATE municipality_notices SET status = \(bind: MunicipalityNotice.Status.dispatched.rawValue),
                  sent_at = \(bind: now), arrival = \(bind: arrival.iso)
                WHERE print_batch_id = \(bind: batchID) AND status = \(bind: MunicipalityNotice.Status.printing.rawValue)
                RETURNING case_id, reason, municipality, recipient_name
                """
            ).rows(decoding: Notice.self)
            for notice in notices {
                try await MunicipalityNotice.sentEvent(
                    reason: MunicipalityNotice.Reason(rawValue: notice.reason) ?? .paakrav,
                    municipality: notice.municipality,
                    recipientName: notice.recipient_name,
                    caseID: notice.case_id,
                    id: dependencies.uuid(),
                    at: now,
                    by: staffID
                ).create(on: db)
            }
            return batch
        }
    }

    /// Postal code first (the carrier sorts by it: the last line, after any "v/" or "c/o"),
    /// then the address, then the name.
    static func envelopeOrder(_ address: PostalAddress) -> String {
        [address.lines.last ?? "", address.lines.dropLast().joined(separator: ", "), address.name]
            .joined(separator: "\u{1}")
    }
}

/// Another batch took some of the letters at the same time; nothing was stored.
struct PrintBatchConflict: Error {}
