import AlmenDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The daily arrears run at the size of the sector (`almen bench arrears`): on PostgreSQL, an
/// organisation of `leases` leases (600,000 by default) is generated in the database itself, each
/// with three months of rent and realistic payments (most on time, some late, some a month or two
/// behind, a few in advance, and 2 % already in påkrav), then the decision pass is timed: every
/// lease decided, proposals written for review. Letters are not made here (the workers make them).
public enum ArrearsBenchmark {
    public struct Result: Sendable {
        public let leases: Int
        public let ledgerLines: Int
        public let setupSeconds: Double
        public let report: String
        public let seconds: Double
        public var leasesPerSecond: Double { seconds > 0 ? Double(leases) / seconds : 0 }
        /// The process's peak resident memory in MB.
        public let peakMegabytes: Double
    }

    public static func run(app: Application, leases: Int, date: LocalDate) async throws -> Result {
        let sql = try app.db.sql()
        guard sql.dialect.name == "postgresql" else {
            throw Abort(.internalServerError, reason: "The arrears benchmark runs on PostgreSQL (DATABASE_URL).")
        }
        let started = Date()
        let organisation = try await makeOrganisation(app, feeYear: date.year)
        let months = (0..<3).map { date.firstOfMonth.adding(months: $0 - 2).iso }
        try await sql.raw(
            """
            INSERT INTO dwellings (id, department_id, street, house_number, floor, door, postal_code, city,
              habitable_rooms, floor_area_m2, housing_type, municipally_assigned)
            SELECT gen_random_uuid(), dep.id, 'Benchvej', g::text, NULL, NULL, '8000', 'Aarhus C', 2, 70, 'family', false
            FROM generate_series(1, \(bind: leases)) g
            JOIN (SELECT id, row_number() OVER (ORDER BY number) - 1 AS k FROM departments
                  WHERE organisation_id = \(bind: organisation)) dep ON dep.k = g % 100
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO leases (id, dwelling_id, start_date, end_date, monthly_rent_ore, due_day, deposit_ore,
              notice_weeks, digital_opt_out, status, number)
            SELECT gen_random_uuid(), d.id, '2020-01-01', NULL, 500000 + (hashtext(d.house_number) & 255) * 1000, 1,
              1500000, NULL, false, 'active', 'B-' || d.house_number
            FROM dwellings d WHERE d.street = 'Benchvej'
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO ledger_entries (id, lease_id, kind, entry_date, amount_ore, text, source, external_id, created_at)
            SELECT gen_random_uuid(), l.id, 'rent', m.due, l.monthly_rent_ore, 'Husleje', 'demo', l.number || '-' || m.due,
              now()
            FROM leases l CROSS JOIN (VALUES (\(bind: months[0])), (\(bind: months[1])), (\(bind: months[2]))) AS m(due)
            WHERE l.number LIKE 'B-%'
            """
        ).run()
        // The payment profile of a lease, from its number: 0-85 on time, 86-91 a week late, 92-95 a
        // month behind, 96-97 two months behind (and in påkrav), 98-99 a month in advance.
        let profile = "(hashtext(number) & 1023) % 100"
        try await sql.raw(
            """
            INSERT INTO ledger_entries (id, lease_id, kind, entry_date, amount_ore, text, source, external_id, created_at)
            SELECT gen_random_uuid(), l.id, 'payment', x.paid, CASE WHEN l.p >= 98 AND m.i = 2 THEN 2 * l.rent ELSE l.rent END,
              'Indbetaling', 'demo', l.number || '-' || m.due || '-b', now()
            FROM (SELECT id, number, monthly_rent_ore AS rent, \(unsafeRaw: profile) AS p FROM leases
                  WHERE number LIKE 'B-%') l
            CROSS JOIN (VALUES (0, \(bind: months[0])), (1, \(bind: months[1])), (2, \(bind: months[2]))) AS m(i, due)
            CROSS JOIN LATERAL (SELECT to_char(m.due::date + CASE WHEN l.p BETWEEN 86 AND 91 THEN 7 ELSE 0 END,
              'YYYY-MM-DD') AS paid) x
            WHERE (l.p < 92 OR l.p >= 98 OR (l.p BETWEEN 92 AND 95 AND m.i < 2) OR (l.p BETWEEN 96 AND 97 AND m.i < 1))
              AND x.paid <= \(bind: date.iso)
            """
        ).run()
        let sent = date.adding(days: -10)
        let rules = app.arrearsRules
        try await sql.raw(
            """
            INSERT INTO cases (id, number, organisation_id, lease_id, kind, title, status, opened_at)
            SELECT gen_random_uuid(), 'B' || number, \(bind: organisation), id, 'arrears', 'Påkrav', 'open', now()
            FROM leases WHERE number LIKE 'B-%' AND \(unsafeRaw: profile) BETWEEN 96 AND 97
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO paakrav_notices (id, case_id, lease_id, sent_on, stated_deadline, arrears_ore, fee_ore, fee_year,
              paid_before_ore, created_at)
            SELECT gen_random_uuid(), c.id, c.lease_id, \(bind: sent.iso), \(bind: rules.statedDeadline(sentOn: sent).iso),
              500000, 31400, \(bind: sent.year),
              (SELECT COALESCE(SUM(e.amount_ore), 0) FROM ledger_entries e
               WHERE e.lease_id = c.lease_id AND e.kind = 'payment'), now()
            FROM cases c WHERE c.number LIKE 'BB-%'
            """
        ).run()
        try await sql.raw("ANALYZE").run()
        struct Count: Decodable { let n: Int }
        let lines =
            try await sql.raw("SELECT COUNT(*) AS n FROM ledger_entries").first(decoding: Count.self)?.n ?? 0
        let setup = Date().timeIntervalSince(started)

        let run = ArrearsRun(database: app.db, dependencies: app.dependencies, rules: rules)
        let timed = Date()
        let report = try await run.run(on: date, dryRun: false)
        let seconds = Date().timeIntervalSince(timed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Result(
            leases: leases,
            ledgerLines: lines,
            setupSeconds: setup,
            report: String(decoding: try encoder.encode(report), as: UTF8.self),
            seconds: seconds,
            peakMegabytes: ProcessCPU.peakMegabytes()
        )
    }

    /// A company, an organisation that reviews påkrav first, 100 departments, and the year's fee.
    private static func makeOrganisation(_ app: Application, feeYear year: Int) async throws -> UUID {
        let company = AdministrationCompany(
            id: UUID(),
            name: "Benchmark Administration",
            cvr: "00000000",
            addressLine: nil,
            postalCity: nil,
            phone: nil,
            email: nil
        )
        try await company.create(on: app.db)
        let organisation = HousingOrganisation(
            id: UUID(),
            companyID: try company.requireID(),
            cvr: "00000001",
            name: "Benchmark Boligselskab",
            eligiblePublicSender: true,
            digitalPostConnection: .notConnected
        )
        try await organisation.create(on: app.db)
        let organisationID = try organisation.requireID()
        for number in 1...100 {
            try await Department(
                id: UUID(),
                organisationID: organisationID,
                number: number,
                name: "Afdeling \(number)",
                municipality: "Aarhus"
            ).create(on: app.db)
        }
        if try await PaakravFee.query(on: app.db).filter(\.$year == year).first() == nil {
            try await PaakravFees.set(
                year: year,
                amount: Money(kroner: 314),
                source: "Benchmark",
                by: nil,
                app: app
            )
        }
        return organisationID
    }
}
