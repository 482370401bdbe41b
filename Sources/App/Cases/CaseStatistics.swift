import AlmenDomain
import Fluent
import Foundation
import SQLKit

/// How long one kind of case took to be answered in one quarter: the median in bank days from
/// arrival to the first answer, over the cases answered in that quarter.
final class CaseResponseStatistic: Model, @unchecked Sendable {
    static let schema = "case_response_statistics"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    /// "2026-Q3" (`Quarter`).
    @Field(key: "quarter") var quarter: String
    @Field(key: "cases") var cases: Int
    @Field(key: "median_bank_days") var medianBankDays: Int
    @Field(key: "computed_at") var computedAt: Date

    init() {}

    init(id: UUID, kind: CaseKind, quarter: Quarter, cases: Int, medianBankDays: Int, computedAt: Date) {
        self.id = id
        self.kind = kind.rawValue
        self.quarter = quarter.description
        self.cases = cases
        self.medianBankDays = medianBankDays
        self.computedAt = computedAt
    }
}

struct CreateCaseResponseStatistics: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseResponseStatistic.schema)
            .id()
            .field("kind", .string, .required)
            .field("quarter", .string, .required)
            .field("cases", .int, .required)
            .field("median_bank_days", .int, .required)
            .field("computed_at", .datetime, .required)
            .unique(on: "kind", "quarter")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseResponseStatistic.schema).delete()
    }
}

/// The nightly job `cases.statistics`: how long each kind of case took to be answered in the last
/// complete quarter, for the residents' case pages ("half were answered within 4 bank days").
/// Safe to run again: a quarter's figures are replaced in one transaction.
struct CaseStatistics: Sendable {
    let database: any Database
    let uuid: @Sendable () -> UUID

    struct Answered: Decodable {
        let kind: String
        let opened_at: Date
        let answered_at: Date
    }

    /// Figures the quarter before the one `now` falls in.
    func run(now: Date) async throws {
        try await compute(Quarter(containing: LocalDate(now, timeZone: danishTimeZone)).previous, now: now)
    }

    /// Figures `quarter`: each case whose first answer fell in it counts once, in bank days from
    /// the day it arrived to the day it was answered (Danish days both).
    func compute(_ quarter: Quarter, now: Date) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let start = Self.midnight(quarter.first)
        let end = Self.midnight(quarter.last.adding(days: 1))
        let answered = try await sql.raw(
            """
            SELECT c.kind, c.opened_at, MIN(dl.met_at) AS answered_at
            FROM case_deadlines dl JOIN cases c ON c.id = dl.case_id
            WHERE dl.kind = \(bind: CaseDeadlineKind.answer.rawValue) AND dl.met_at >= \(bind: start) AND dl.met_at < \(bind: end)
              AND NOT EXISTS (SELECT 1 FROM case_deadlines e WHERE e.case_id = dl.case_id
                AND e.kind = \(bind: CaseDeadlineKind.answer.rawValue) AND e.met_at < \(bind: start))
            GROUP BY c.id, c.kind, c.opened_at
            """
        ).rows(decoding: Answered.self)
        var days: [CaseKind: [Int]] = [:]
        for row in answered {
            guard let kind = CaseKind(rawValue: row.kind) else { continue }
            days[kind, default: []].append(
                ResponseTimes.bankDays(
                    opened: LocalDate(row.opened_at, timeZone: danishTimeZone),
                    answered: LocalDate(row.answered_at, timeZone: danishTimeZone)
                )
            )
        }
        let uuid = self.uuid
        let byKind = days
        try await database.transaction { db in
            try await CaseResponseStatistic.query(on: db).filter(\.$quarter == quarter.description).delete()
            for (kind, values) in byKind.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                guard let median = ResponseTimes.median(values) else { continue }
                try await CaseResponseStatistic(
                    id: uuid(),
                    kind: kind,
                    quarter: quarter,
                    cases: values.count,
                    medianBankDays: median,
                    computedAt: now
                ).create(on: db)
            }
        }
    }

    /// The latest figures for `kind`, when there are enough cases to say something.
    static func latest(_ kind: CaseKind, on database: any Database) async throws -> CaseResponseStatistic? {
        try await CaseResponseStatistic.query(on: database).filter(\.$kind == kind.rawValue)
            .filter(\.$cases >= ResponseTimes.fewestShown).sort(\.$quarter, .descending).first()
    }

    /// The start of `date` in Denmark.
    static func midnight(_ date: LocalDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = danishTimeZone
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) ?? Date()
    }
}
