import AlmenDomain
import Fluent
import Foundation

/// A deadline of a case (frist): set when the case opens from its kind's response target, met by
/// what answers it (see `CaseDeadlines`). A reopened case gets a new answer deadline; the met one
/// stays as history.
final class CaseDeadlineRecord: Model, @unchecked Sendable {
    static let schema = "case_deadlines"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "kind") var kind: CaseDeadlineKind
    /// The last day it is on time, YYYY-MM-DD.
    @Field(key: "due_on") var dueOn: String
    @OptionalField(key: "met_at") var metAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID, caseID: UUID, deadline: CaseDeadline, now: Date) {
        self.id = id
        self.caseID = caseID
        self.kind = deadline.kind
        self.dueOn = deadline.due.iso
        self.createdAt = now
    }
}

/// An administrator's response target for one case kind (svarfrist), replacing the standard
/// (`ResponseTarget.standard(for:)`) for cases opened from then on. A kind without a row has the
/// standard.
final class ResponseTargetSetting: Model, @unchecked Sendable {
    static let schema = "case_response_targets"

    /// The case kind's raw value.
    @ID(custom: "kind", generatedBy: .user) var id: String?
    @OptionalField(key: "receipt_bank_days") var receiptBankDays: Int?
    @OptionalField(key: "answer_bank_days") var answerBankDays: Int?
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: UUID

    init() {}

    var target: ResponseTarget { ResponseTarget(receiptBankDays: receiptBankDays, answerBankDays: answerBankDays) }
}

struct CreateCaseDeadlines: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseDeadlineRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseFile.schema, "id"))
            .field("kind", .string, .required)
            .field("due_on", .string, .required)
            .field("met_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await SchemaIndex.create(
            "case_deadlines_case",
            on: CaseDeadlineRecord.schema,
            columns: ["case_id"],
            in: database
        )
        // The inbox's "due today" and "late": unmet deadlines by day.
        try await SchemaIndex.create(
            "case_deadlines_open",
            on: CaseDeadlineRecord.schema,
            columns: ["met_at", "due_on"],
            in: database
        )
        try await database.schema(ResponseTargetSetting.schema)
            .field("kind", .string, .identifier(auto: false))
            .field("receipt_bank_days", .int)
            .field("answer_bank_days", .int)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .uuid, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResponseTargetSetting.schema).delete()
        try await database.schema(CaseDeadlineRecord.schema).delete()
    }
}

/// The deadlines of cases: set when a case opens or reopens, met by what answers them. A letter
/// in the case is its receipt; a caseworker's letter, the termination's confirmation or closing
/// the case is its answer. Every call runs in the caller's transaction.
enum CaseDeadlines {
    /// The kinds' targets now: an administrator's where set, the standard otherwise.
    static func targets(on database: any Database) async throws -> [CaseKind: ResponseTarget] {
        let settings = try await ResponseTargetSetting.query(on: database).all()
        var targets = Dictionary(uniqueKeysWithValues: CaseKind.allCases.map { ($0, ResponseTarget.standard(for: $0)) })
        for setting in settings {
            if let kind = setting.id.flatMap(CaseKind.init(rawValue:)) { targets[kind] = setting.target }
        }
        return targets
    }

    static func target(for kind: CaseKind, on database: any Database) async throws -> ResponseTarget {
        try await ResponseTargetSetting.find(kind.rawValue, on: database)?.target ?? .standard(for: kind)
    }

    /// Sets a new case's deadlines (`kinds`: only those, for a reopened case).
    static func schedule(
        _ caseID: UUID,
        kind: CaseKind,
        opened: LocalDate,
        only kinds: Set<CaseDeadlineKind> = Set(CaseDeadlineKind.allCases),
        on database: any Database,
        dependencies: AppDependencies
    ) async throws {
        let target = try await target(for: kind, on: database)
        for deadline in target.deadlines(opened: opened) where kinds.contains(deadline.kind) {
            try await CaseDeadlineRecord(
                id: dependencies.uuid(),
                caseID: caseID,
                deadline: deadline,
                now: dependencies.now()
            )
            .create(on: database)
        }
    }

    /// Removes the case's unmet deadlines of `kinds`: nothing is due of the administration until
    /// someone else acts (a termination waits for the co-tenants' signatures, and its answer is
    /// the confirmation that the last signature sends at once).
    static func cancel(_ kinds: Set<CaseDeadlineKind>, of caseID: UUID, on database: any Database) async throws {
        try await CaseDeadlineRecord.query(on: database).filter(\.$caseID == caseID).filter(\.$metAt == nil)
            .filter(\.$kind ~~ Array(kinds)).delete()
    }

    /// Brings the case's answer forward to `latest` when it falls later: an application must be
    /// answered before what it asks for begins (a sub-letting's start, a swap's day).
    static func answer(by latest: LocalDate, of caseID: UUID, on database: any Database) async throws {
        try await CaseDeadlineRecord.query(on: database).filter(\.$caseID == caseID)
            .filter(\.$kind == .answer).filter(\.$dueOn > latest.iso).set(\.$dueOn, to: latest.iso).update()
    }

    /// The last bank day before `day`: when an application asking for something from `day` is
    /// answered at the latest.
    static func bankDay(before day: LocalDate, calendar: DanishCalendar = DanishCalendar()) -> LocalDate {
        var latest = day.adding(days: -1)
        while !calendar.isBankDay(latest) { latest = latest.adding(days: -1) }
        return latest
    }

    /// The answer date a new case of `kind` opened on `opened` promises, no later than `latest`.
    static func answerDate(
        kind: CaseKind,
        opened: LocalDate,
        latest: LocalDate?,
        on database: any Database
    )
        async throws -> LocalDate?
    {
        let due = try await target(for: kind, on: database).deadlines(opened: opened).first { $0.kind == .answer }?.due
        guard let due, let latest else { return due }
        return min(due, latest)
    }

    /// Marks the case's unmet deadlines of `kinds` met at `at`.
    static func meet(_ kinds: Set<CaseDeadlineKind>, of caseID: UUID, at: Date, on database: any Database) async throws
    {
        try await CaseDeadlineRecord.query(on: database).filter(\.$caseID == caseID).filter(\.$metAt == nil)
            .filter(\.$kind ~~ Array(kinds)).set(\.$metAt, to: at).update()
    }
}
