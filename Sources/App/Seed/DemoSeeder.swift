import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// Writes a generated demo register into the database (`almen seed`).
public struct DemoSeeder: Sendable {
    /// How many homes `make run` seeds by default.
    public static let defaultHomes = 1500

    public let homes: Int
    public let seed: UInt64
    public let referenceDate: LocalDate
    public let vault: CPRVault

    public init(homes: Int, seed: UInt64, referenceDate: LocalDate, vault: CPRVault) {
        self.homes = homes
        self.seed = seed
        self.referenceDate = referenceDate
        self.vault = vault
    }

    /// What a run wrote.
    public struct Summary: Sendable {
        public let homes: Int
        public let rows: Int
        public let seconds: Double
        public var homesPerSecond: Double { seconds > 0 ? Double(homes) / seconds : 0 }
    }

    /// Whether the register already has organisations.
    public static func hasData(_ database: any Database) async throws -> Bool {
        try await HousingOrganisation.query(on: database).count() > 0
    }

    /// Seeds an empty register. `progress` is called after each batch with homes done.
    public func run(
        on database: any Database,
        clock: @Sendable () -> Date = { Date() },
        progress: @Sendable (_ homesDone: Int, _ total: Int, _ seconds: Double) -> Void = { _, _, _ in }
    ) async throws -> Summary {
        guard homes >= 1 else { throw SeedError.invalidHomes(homes) }
        if try await Self.hasData(database) { throw SeedError.notEmpty }
        let started = clock()
        let generator = DemoRegisterGenerator(homes: homes, seed: seed, referenceDate: referenceDate, vault: vault)
        let skeleton = generator.skeleton()
        var rows = 0
        try await database.transaction { transaction in
            try await writeSkeleton(skeleton, on: transaction)
        }
        rows +=
            1 + 2 * skeleton.organisations.count + skeleton.staff.count
            + skeleton.organisations.reduce(0) { $0 + $1.departments.count }
        try await generator.generate(skeleton) { batch, homesDone in
            let tables = batch.tables
            try await database.transaction { transaction in
                guard let sql = transaction as? any SQLDatabase else { throw SeedError.notSQL }
                let inserter = BulkInserter(database: sql)
                for table in tables { try await inserter.insert(table) }
            }
            rows += batch.rowCount
            progress(homesDone, homes, clock().timeIntervalSince(started))
        }
        try await database.transaction { transaction in
            for (key, value) in [
                (AppSetting.Key.demoData, "true"), (AppSetting.Key.demoSeed, "\(seed)"),
                (AppSetting.Key.demoHomes, "\(homes)"),
            ] {
                try await AppSetting(key: key, value: value).create(on: transaction)
            }
        }
        // The planner's statistics, at once: a prepared statement planned before autovacuum gets
        // to the new tables would guess a person has hundreds of leases (a parallel scan taking
        // 12 ms for "Mit hjem" instead of 0.4 ms). SQLite's `ANALYZE` is as harmless.
        if let sql = database as? any SQLDatabase { try await sql.raw("ANALYZE").run() }
        return Summary(homes: homes, rows: rows, seconds: clock().timeIntervalSince(started))
    }

    private func writeSkeleton(_ skeleton: DemoRegisterGenerator.Skeleton, on database: any Database) async throws {
        try await AdministrationCompany(
            id: skeleton.company.id,
            name: skeleton.company.name,
            cvr: skeleton.company.cvr,
            // Fictitious contact details for the demo's letters (example.invalid never resolves).
            addressLine: "Eksempelvej 1",
            postalCity: "8000 Aarhus C",
            phone: "70 00 00 00",
            email: "kontakt@almen-demo.example.invalid"
        )
        .create(on: database)
        for (index, organisation) in skeleton.organisations.enumerated() {
            let record = HousingOrganisation(
                id: organisation.id,
                companyID: skeleton.company.id,
                cvr: organisation.cvr,
                name: organisation.name,
                eligiblePublicSender: organisation.eligiblePublicSender,
                digitalPostConnection: organisation.connection
            )
            // A made-up account: registration number 9999 belongs to no Danish bank.
            record.paymentRegistration = "9999"
            record.paymentAccount = String(format: "%010d", 4_000_000 + index * 7919)
            try await record.create(on: database)
            for department in organisation.departments {
                let record = Department(
                    id: department.id,
                    organisationID: organisation.id,
                    number: department.number,
                    name: department.name,
                    municipality: department.town.municipality
                )
                // A made-up service centre, like every demo fact; the e-mail domain is reserved (RFC 2606).
                record.serviceName = "Ejendomskontoret \(department.name)"
                record.servicePhone =
                    "70 10 \(String(format: "%02d %02d", department.number % 100, 10 + department.number % 90))"
                record.serviceEmail = "afdeling\(department.number)@ejendomskontor.example"
                record.serviceHours = "Mandag–torsdag 8.00–15.00\nFredag 8.00–12.00"
                try await record.create(on: database)
            }
        }
        // The register of municipalities, for the notices of påkrav and ophævelser: each town's
        // municipality at a made-up town hall, with a made-up CVR number that, like every demo
        // organisation's, fails the modulus-11 check (no real company's).
        let municipalities = Set(skeleton.organisations.flatMap { $0.departments.map(\.town.municipality) })
        for (index, name) in municipalities.sorted().enumerated() {
            guard let town = DemoNames.towns.first(where: { $0.municipality == name }) else { continue }
            try await Municipality(
                id: UUID(),
                name: name,
                cvr: Self.fictitiousCVR(index),
                attention: "Borgerservice",
                street: "Rådhuset",
                postalCode: town.postalCode,
                city: town.city,
                updatedBy: nil,
                at: Date(timeIntervalSince1970: 0)
            ).create(on: database)
        }
        // The demo's påkrav need a fee for the year; until the published amount is entered, the
        // demo uses 2023's and says so. A real register gets its amounts from administrators.
        if try await PaakravFee.query(on: database).filter(\.$year == referenceDate.year).first() == nil {
            try await PaakravFee(
                id: UUID(),
                year: referenceDate.year,
                amount: try KnownRates.paakravFee.amount(for: 2023),
                source: "Demo: 2023-beløbet, ikke det offentliggjorte beløb for \(referenceDate.year)",
                enteredBy: nil,
                at: Date(timeIntervalSince1970: 0)
            ).create(on: database)
        }
        for member in skeleton.staff {
            try await StaffUser(id: member.id, name: member.name, email: member.email, role: member.role).create(
                on: database
            )
        }
        // Each caseworker is assigned every n-th organisation (administrators see all anyway).
        let caseworkers = skeleton.staff.filter { $0.role == .caseworker }
        for (index, organisation) in skeleton.organisations.enumerated() where !caseworkers.isEmpty {
            let caseworker = caseworkers[index % caseworkers.count]
            try await StaffAssignment(
                id: Self.assignmentID(caseworker.id, organisation.id),
                staffID: caseworker.id,
                organisationID: organisation.id
            )
            .create(on: database)
        }
    }
}

extension DemoSeeder {
    /// Eight digits from `index` that fail the CVR modulus-11 check (weights 2,7,6,5,4,3,2,1).
    static func fictitiousCVR(_ index: Int) -> String {
        var number = 91_000_000 + index * 1_013
        while true {
            let digits = String(number).compactMap(\.wholeNumberValue)
            if zip(digits, [2, 7, 6, 5, 4, 3, 2, 1]).reduce(0, { $0 + $1.0 * $1.1 }) % 11 != 0 {
                return String(number)
            }
            number += 1
        }
    }

    /// A stable id for a demo assignment, so the same seed gives the same rows.
    static func assignmentID(_ staff: UUID, _ organisation: UUID) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        let a = withUnsafeBytes(of: staff.uuid) { Array($0) }
        let b = withUnsafeBytes(of: organisation.uuid) { Array($0) }
        for index in 0..<16 { bytes[index] = a[index] ^ b[index] }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
    }
}

/// Why a seed run refused to start. Nothing is written in these cases.
public enum SeedError: Error, CustomStringConvertible, Equatable {
    case notEmpty
    case invalidHomes(Int)
    case notSQL

    public var description: String {
        switch self {
        case .notEmpty: "The register already has data; seed only an empty database (or use --if-empty)."
        case .invalidHomes(let homes): "--homes must be at least 1 (got \(homes))."
        case .notSQL: "The database does not speak SQL."
        }
    }
}
