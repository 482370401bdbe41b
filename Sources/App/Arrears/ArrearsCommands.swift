import AlmenDomain
import Fluent
import Foundation
import Vapor

/// What `almen ledger ...` and `almen arrears ...` do, as public entry points.
public enum ArrearsCommands {
    /// The JSON a command prints, and whether it succeeded.
    public struct Output: Sendable {
        public let json: Data
        public let succeeded: Bool
    }

    /// Imports an account file of `format` (`posteringer` or `bank`): all lines or none.
    public static func importLedger(_ text: String, format name: String, app: Application) async throws -> Output {
        guard let format = LedgerCSV.Format(rawValue: name) else {
            throw LetterCommands.Problem(description: "--format must be posteringer or bank.")
        }
        let report = try await LedgerImport(database: app.db, dependencies: app.dependencies, pool: app.threadPool)
            .run(text, format: format)
        if report.succeeded {
            try await AuditEvent.byCommand(
                .ledgerImport,
                purpose: report.auditPurpose,
                dependencies: app.dependencies
            ).create(on: app.db)
        }
        return Output(json: try JSONResponse.encoder.encode(report), succeeded: report.succeeded)
    }

    /// The daily arrears run for `date` (today by default).
    public static func run(date iso: String?, dryRun: Bool, app: Application) async throws -> Output {
        let date: LocalDate
        if let iso {
            guard let parsed = LocalDate(iso: iso) else {
                throw LetterCommands.Problem(description: "--date must be an ISO date (2026-12-03).")
            }
            date = parsed
        } else {
            date = LocalDate(app.dependencies.now(), timeZone: danishTimeZone)
        }
        let report = try await ArrearsRun(database: app.db, dependencies: app.dependencies, rules: app.arrearsRules)
            .run(on: date, dryRun: dryRun)
        return Output(json: try JSONResponse.encoder.encode(report), succeeded: report.refused == nil)
    }

    /// Enters (or corrects) the påkravsgebyr of a year, with where it was published.
    public static func setFee(year: Int, amount text: String, source: String, app: Application) async throws -> String {
        guard (2000...2200).contains(year) else { throw LetterCommands.Problem(description: "--year is out of range.") }
        guard let amount = PaakravFeesController.amount(text) else {
            throw LetterCommands.Problem(description: "--amount must be written like 325,00 (from 200,00 to 1.000,00).")
        }
        let source = source.trimmingCharacters(in: .whitespaces)
        guard !source.isEmpty, source.count <= 300 else {
            throw LetterCommands.Problem(description: "--source must say where the amount was published.")
        }
        try await PaakravFees.set(year: year, amount: amount, source: source, by: nil, app: app)
        try await AuditEvent.byCommand(
            .paakravFeeSet,
            purpose: AuditPurpose("paakravFee", ["year": "\(year)", "amount": .same(amount.danish)]),
            dependencies: app.dependencies
        ).create(on: app.db)
        return "The påkravsgebyr for \(year) is \(amount.danish)"
    }
}

/// The påkravsgebyr per year as administrators keep it.
enum PaakravFees {
    /// Enters or corrects a year's fee (the caller audits it).
    static func set(year: Int, amount: Money, source: String, by staffID: UUID?, app: Application) async throws {
        let now = app.dependencies.now()
        let uuid = app.dependencies.uuid
        try await app.db.transaction { db in
            if let existing = try await PaakravFee.query(on: db).filter(\.$year == year).first() {
                existing.amountOre = amount.ore
                existing.source = source
                existing.enteredBy = staffID
                existing.enteredAt = now
                try await existing.update(on: db)
            } else {
                try await PaakravFee(
                    id: uuid(),
                    year: year,
                    amount: amount,
                    source: source,
                    enteredBy: staffID,
                    at: now
                )
                .create(on: db)
            }
        }
    }
}
