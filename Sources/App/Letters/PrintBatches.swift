import AlmenDomain
import Fluent
import Foundation
import Letters

/// Makes print batches of the letters waiting for print, and marks batches dispatched.
struct PrintBatches: Sendable {
    let database: any Database
    let dependencies: AppDependencies
    let typesetter: any LetterTypesetting
    let provider: any PrintProvider
    let delivery: PhysicalDelivery

    /// The batches in `scope`, newest first.
    func list(scope: StaffScope, limit: Int = 50) async throws -> [PrintBatch] {
        try await PrintBatch.query(on: database).scoped(\.$organisation.$id, to: scope).sort(\.$number, .descending)
            .limit(limit)
            .field(\.$id).field(\.$organisation.$id).field(\.$number).field(\.$letterCount).field(\.$pageCount).field(
                \.$createdAt
            )
            .field(\.$dispatchedAt).with(\.$organisation)
            .all()
    }

    /// How many letters in `scope` wait for a batch.
    func waiting(scope: StaffScope) async throws -> Int {
        try await Letter.query(on: database).filter(\.$status == .awaitingPrint).scoped(\.$organisation.$id, to: scope)
            .count()
    }

    /// A batch per organisation in `scope` with letters waiting (up to `limit` letters each).
    func create(createdBy: UUID?, scope: StaffScope, limit: Int = 500) async throws -> [PrintBatch] {
        let organisations = Set(
            try await Letter.query(on: database).filter(\.$status == .awaitingPrint)
                .scoped(\.$organisation.$id, to: scope).field(\.$organisation.$id).all().map(\.$organisation.id)
        )
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
        guard !letters.isEmpty else { return nil }
        let decoder = JSONDecoder()
        let ordered = try letters.map { ($0, try decoder.decode(LetterDocument.self, from: $0.documentJSON)) }
            .sorted { Self.envelopeOrder($0.1.recipient) < Self.envelopeOrder($1.1.recipient) }
        let rendered = try await typesetter.renderBatch(ordered.map(\.1), duplex: true)
        let rows = ordered.enumerated().map { index, pair in
            PrintManifest.Row(
                sequence: index + 1,
                reference: pair.1.reference ?? "",
                recipient: pair.1.recipient,
                firstPage: rendered.letters[index].firstPageIndex + 1,
                pageCount: rendered.letters[index].pageCount,
                kind: pair.0.kind.rawValue
            )
        }
        let now = dependencies.now()
        let batchID = dependencies.uuid()
        let ids = try ordered.map { try $0.0.requireID() }
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
            try await Letter.query(on: db).filter(\.$id ~~ ids).filter(\.$status == .awaitingPrint)
                .set(\.$status, to: .printing).set(\.$printBatch.$id, to: batchID).update()
            let taken = try await Letter.query(on: db).filter(\.$printBatch.$id == batchID).count()
            guard taken == ids.count else { throw PrintBatchConflict() }
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
