import AlmenDomain
import Fluent
import Vapor

/// `/admin/opbevaring`: how long each category of personal data is kept (the defaults of
/// rules.md §9, changed by an administrator, each change audited), the end of the financial year
/// the accounting period counts from, a dry run that counts what the next run would delete, and
/// the last runs' reports.
enum RetentionController {
    struct Context: Encodable {
        let page: PageChrome
        let message: String?
        let action: String
        let dryRunAction: String
        let rows: [Row]
        let yearEndMonth: [SelectOption]
        let yearEndDay: String
        let errors: [String: String]
        let errorList: [FieldError]
        let runs: [Run]
    }

    struct Row: Encodable {
        let category: String
        let title: String
        let event: String
        let amount: String
        let units: [SelectOption]
        let isDefault: Bool
        let standard: String
        let error: String?
    }

    struct Run: Encodable {
        let at: String
        let kind: String
        let formerResidents: Int
        let formerHelpers: Int
        let failed: Int
        let held: Int
        let cases: Int
        let letters: Int
        let ledgerEntries: Int
        let printBatches: Int
    }

    static let units = ["days", "years", "years_after_financial_year"]

    /// What the page shows: the schedule (each category's period and the financial year's end)
    /// and the last ten runs. Three statements.
    struct Page: Sendable {
        let schedule: RetentionSchedule
        let runs: [RetentionRunRecord]

        static func load(on database: any Database) async throws -> Page {
            Page(schedule: try await RetentionSchedule.load(on: database), runs: try await runs(on: database))
        }

        /// The last ten runs, newest first: one statement (a form sent with errors shows what
        /// was typed, with these).
        static func runs(on database: any Database) async throws -> [RetentionRunRecord] {
            try await RetentionRunRecord.query(on: database).sort(\.$ranAt, .descending).limit(10).all()
        }
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let message = req.queryValue("besked").flatMap {
            ["gemt": "retentionSaved", "proeve": "retentionDryRunDone"][$0].flatMap { strings[$0] }
        }
        let loaded = try await Page.load(on: req.db)
        let schedule = loaded.schedule
        let values = Dictionary(
            uniqueKeysWithValues: DataCategory.allCases.map { category in
                let (unit, amount) = RetentionSchedule.unit(schedule.period(category))
                return (category.rawValue, (unit, "\(amount)"))
            }
        )
        return try await render(
            req,
            message: message,
            values: values,
            yearEnd: (schedule.financialYearEnd.month, "\(schedule.financialYearEnd.day)"),
            problems: [],
            runs: loaded.runs
        )
    }

    static func render(
        _ req: Request,
        message: String?,
        values: [String: (unit: String, amount: String)],
        yearEnd: (month: Int, day: String),
        problems: [(String, String)],
        runs: [RetentionRunRecord]
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let language = req.language
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { field in
                field == "yearEnd"
                    ? "retentionYearEnd" : "dataCategory_\(field.replacingOccurrences(of: "amount-", with: ""))"
            },
            strings
        )
        return try await req.view.render(
            "retention",
            Context(
                page: await PageChrome.make(for: req, title: strings["retentionTitle"] ?? ""),
                message: message,
                action: SiteRoute.retention.path,
                dryRunAction: SiteRoute.retentionDryRun.path,
                rows: DataCategory.allCases.map { category in
                    let value = values[category.rawValue] ?? ("years", "")
                    let standard = RetentionSchedule.unit(category.defaultPeriod)
                    return Row(
                        category: category.rawValue,
                        title: strings["dataCategory_\(category.rawValue)"] ?? "",
                        event:
                            "\(strings["retentionCountedFromStart"] ?? "") \(strings["dataCategoryEvent_\(category.rawValue)"] ?? "")",
                        amount: value.amount,
                        units: units.map {
                            SelectOption(
                                value: $0,
                                label: strings["retentionUnit_\($0)"] ?? "",
                                selected: $0 == value.unit
                            )
                        },
                        isDefault: value.unit == standard.unit && value.amount == "\(standard.amount)",
                        standard:
                            "\(standard.amount) \(strings[standard.amount == 1 ? "retentionUnitOne_\(standard.unit)" : "retentionUnit_\(standard.unit)"] ?? "")",
                        error: errors["amount-\(category.rawValue)"]
                    )
                },
                yearEndMonth: (1...12).map {
                    SelectOption(
                        value: "\($0)",
                        label: DateText.monthName($0, language),
                        selected: $0 == yearEnd.month
                    )
                },
                yearEndDay: yearEnd.day,
                errors: errors,
                errorList: errorList,
                runs: runs.compactMap { run in
                    guard let report = try? JSONDecoder().decode(RetentionReport.self, from: Data(run.report.utf8))
                    else {
                        return nil
                    }
                    return Run(
                        at: DateText.timestamp(run.ranAt, language),
                        kind: strings[run.dryRun ? "retentionRunDry" : "retentionRunReal"] ?? "",
                        formerResidents: report.formerResidents,
                        formerHelpers: report.formerHelpers,
                        failed: report.failed,
                        held: report.held,
                        cases: report.cases,
                        letters: report.letters,
                        ledgerEntries: report.ledgerEntries,
                        printBatches: report.printBatches
                    )
                }
            )
        )
    }

    /// Saves every period and the financial year's end; each changed period is audited.
    @Sendable
    static func save(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        let form = try req.content.decode([String: String].self)
        var values: [String: (unit: String, amount: String)] = [:]
        var problems: [(String, String)] = []
        var periods: [DataCategory: RetentionPeriod] = [:]
        for category in DataCategory.allCases {
            let unit = form["unit-\(category.rawValue)"] ?? ""
            let amount = (form["amount-\(category.rawValue)"] ?? "").trimmingCharacters(in: .whitespaces)
            values[category.rawValue] = (unit, amount)
            if let number = Int(amount), let period = RetentionSchedule.period(unit: unit, amount: number) {
                periods[category] = period
            } else {
                problems.append(("amount-\(category.rawValue)", "retentionErrorAmount"))
            }
        }
        // Bogføringsloven: accounting material is kept at least 5 years after the financial year.
        if let accounting = periods[.accounting], accounting.keepsAccountsTooShort {
            problems.append(("amount-\(DataCategory.accounting.rawValue)", "retentionErrorAccounting"))
        }
        let month = Int(form["yearEndMonth"] ?? "") ?? 0
        let dayText = (form["yearEndDay"] ?? "").trimmingCharacters(in: .whitespaces)
        let yearEnd = MonthDay(month: month, day: Int(dayText) ?? 0)
        if yearEnd == nil { problems.append(("yearEnd", "retentionErrorYearEnd")) }
        guard problems.isEmpty, let yearEnd else {
            return try await render(
                req,
                message: nil,
                values: values,
                yearEnd: (month, dayText),
                problems: problems,
                runs: try await Page.runs(on: req.db)
            ).encodeResponse(status: .unprocessableEntity, for: req)
        }
        let before = try await RetentionSchedule.load(on: req.db)
        let chosen = periods
        let now = req.application.dependencies.now()
        try await req.db.transaction { db in
            for (category, period) in chosen where period != before.period(category) {
                let (unit, amount) = RetentionSchedule.unit(period)
                let setting = try await RetentionSetting.find(category.rawValue, on: db) ?? RetentionSetting()
                setting.id = category.rawValue
                setting.unit = unit
                setting.amount = amount
                setting.updatedAt = now
                setting.updatedBy = principal.id
                try await setting.save(on: db)
                try await req.audit.record(
                    .retentionSchedule,
                    purpose: AuditPurpose(
                        "retentionPeriod",
                        [
                            "category": .word("dataCategory_\(category.rawValue)"),
                            "from": .each { Self.text(before.period(category), $0) },
                            "to": .each { Self.text(period, $0) },
                        ]
                    ),
                    on: db
                )
            }
            if yearEnd != before.financialYearEnd {
                let value = "\(yearEnd.month)-\(yearEnd.day)"
                if let setting = try await AppSetting.find(RetentionSchedule.financialYearEndKey, on: db) {
                    setting.value = value
                    try await setting.save(on: db)
                } else {
                    try await AppSetting(key: RetentionSchedule.financialYearEndKey, value: value).create(on: db)
                }
                try await req.audit.record(
                    .retentionSchedule,
                    purpose: AuditPurpose(
                        "financialYearEnd",
                        [
                            "date": .both(
                                da: "\(yearEnd.day). \(DateText.monthName(yearEnd.month, .da))",
                                en: "\(yearEnd.day) \(DateText.monthName(yearEnd.month, .en))"
                            )
                        ]
                    ),
                    on: db
                )
            }
        }
        return req.redirect(to: SiteRoute.retention.path(query: [("besked", "gemt")]), redirectType: .normal)
    }

    /// "5 år, regnet fra fraflytningen", "5 år efter regnskabsårets udløb", or "Slettes ved
    /// fraflytningen", in the visitor's words.
    static func describe(_ period: RetentionPeriod, _ category: DataCategory, _ strings: [String: String]) -> String {
        let (unit, amount) = RetentionSchedule.unit(period)
        let event = strings["dataCategoryEvent_\(category.rawValue)"] ?? ""
        if amount == 0 { return "\(strings["retentionDeletedAt"] ?? "") \(event)" }
        let units = strings[amount == 1 ? "retentionUnitOne_\(unit)" : "retentionUnit_\(unit)"] ?? ""
        // "After the end of the financial year" already says where it counts from.
        if case .yearsAfterFinancialYear = period { return "\(amount) \(units)" }
        return "\(amount) \(units), \(strings["retentionCountedFrom"] ?? "") \(event)"
    }

    /// The period in words for the audit trail.
    static func text(_ period: RetentionPeriod, _ language: Language) -> String {
        let (unit, amount) = RetentionSchedule.unit(period)
        return "\(amount) \(Strings.table(language)["retentionUnit_\(unit)"] ?? "")"
    }

    /// Counts what a run today would delete, and keeps the count as a dry run.
    @Sendable
    static func dryRun(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        _ = try await RetentionRun(database: req.db, dependencies: req.application.dependencies).run(
            on: req.today,
            dryRun: true,
            by: principal.id
        )
        return req.redirect(
            to: SiteRoute.retention.path(query: [("besked", "proeve")]),
            redirectType: .normal
        )
    }
}

extension RetentionPeriod {
    /// Shorter than the 5 years after the financial year that bogføringsloven asks of accounts.
    var keepsAccountsTooShort: Bool {
        if case .yearsAfterFinancialYear(let years) = self { return years < 5 }
        return true
    }
}
