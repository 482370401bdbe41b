import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Opens cases and finds them within what a person may see.
struct Cases: Sendable {
    let database: any Database
    let dependencies: AppDependencies

    /// Opens a case with its parties and deadlines (its kind's response target), in one
    /// transaction with the number it takes. The tenants of `leaseID` become parties as tenants;
    /// `others` join as other parties. A title the system gives comes in both languages
    /// (`titleEnglish`); one a caseworker writes is theirs.
    func open(
        _ kind: CaseKind,
        title: String,
        titleEnglish: String? = nil,
        organisationID: UUID,
        leaseID: UUID?,
        others: [UUID] = [],
        openedBy: UUID?,
        number reserved: CaseNumber? = nil,
        on db: (any Database)? = nil
    ) async throws -> CaseFile {
        let now = dependencies.now()
        let caseID = dependencies.uuid()
        let year = LocalDate(now, timeZone: danishTimeZone).year
        let work: @Sendable (any Database) async throws -> CaseFile = { db in
            var number = reserved
            if number == nil { number = CaseNumber(year: year, serial: try await Self.nextSerial(year: year, on: db)) }
            guard let number else { throw CaseError.notSQL }
            let caseFile = CaseFile(
                id: caseID,
                number: number,
                organisationID: organisationID,
                leaseID: leaseID,
                kind: kind,
                title: title,
                titleEnglish: titleEnglish,
                openedAt: now,
                openedBy: openedBy
            )
            try await caseFile.create(on: db)
            try await CaseDeadlines.schedule(
                caseID,
                kind: kind,
                opened: LocalDate(now, timeZone: danishTimeZone),
                on: db,
                dependencies: dependencies
            )
            var parties: [(UUID, CasePartyRole)] = []
            if let leaseID {
                let tenants = try await LeaseTenant.query(on: db).filter(\.$lease.$id == leaseID).sort(\.$id).all()
                parties += tenants.map { ($0.$person.id, .tenant) }
            }
            for other in others where !parties.contains(where: { $0.0 == other }) {
                parties.append((other, .otherParty))
            }
            for (personID, role) in parties {
                try await CaseParty(
                    id: dependencies.uuid(),
                    caseID: caseID,
                    personID: personID,
                    role: role,
                    addedAt: now
                ).create(on: db)
            }
            return caseFile
        }
        if let db { return try await work(db) }
        return try await database.transaction(work)
    }

    /// A case number taken before the case is opened, so that a receipt typeset before the
    /// transaction can name it (`open(number:)`). If the transaction then fails, the number is
    /// never used: a gap in the year's numbers, never a number used twice.
    func reserveNumber() async throws -> CaseNumber {
        let year = LocalDate(dependencies.now(), timeZone: danishTimeZone).year
        return CaseNumber(year: year, serial: try await Self.nextSerial(year: year, on: database))
    }

    /// The year's next serial. An upsert on the year's counter row: PostgreSQL locks the row until
    /// the transaction ends, so two cases never share a number; SQLite has one writer anyway.
    static func nextSerial(year: Int, on database: any Database) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { throw CaseError.notSQL }
        struct Row: Decodable { let last: Int }
        let row = try await sql.raw(
            """
            INSERT INTO case_counters (year, last) VALUES (\(bind: year), 1)
            ON CONFLICT (year) DO UPDATE SET last = case_counters.last + 1
            RETURNING last
            """
        ).first(decoding: Row.self)
        guard let row else { throw CaseError.notSQL }
        return row.last
    }

    /// The cases `personID` is party to, newest first (open ones only with `openOnly`).
    func cases(ofParty personID: UUID, openOnly: Bool = false) -> QueryBuilder<CaseFile> {
        let query = CaseFile.query(on: database).join(CaseParty.self, on: \CaseFile.$id == \CaseParty.$caseFile.$id)
            .filter(CaseParty.self, \.$person.$id == personID).sort(\.$openedAt, .descending)
        return openOnly ? query.filter(\.$status == .open) : query
    }

    /// `personID`'s place in the case, with the case; nil when they are not party to it (the
    /// caller answers 404).
    func party(_ personID: UUID, in caseID: UUID) async throws -> CaseParty? {
        try await CaseParty.query(on: database).filter(\.$caseFile.$id == caseID).filter(\.$person.$id == personID)
            .with(\.$caseFile).first()
    }
}

enum CaseError: Error {
    case notSQL
}

extension Application {
    var cases: Cases { Cases(database: db, dependencies: dependencies) }
}
