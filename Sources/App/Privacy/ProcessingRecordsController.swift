import AlmenDomain
import Fluent
import Vapor

/// `/admin/behandlinger`: the records of processing (GDPR article 30) as administrators keep
/// them; each record is edited on its own page, audited. The privacy article reads the same rows
/// (`HelpEmbed.processingRecords`).
enum ProcessingRecordsController {
    /// One record as a page shows it, in the visitor's language.
    struct Row: Encodable, Sendable {
        let category: String
        let purpose: String
        let basis: String
        let recipients: String
        let kept: String
        let controller: String
        let editHref: String?
    }

    struct ListContext: Encodable {
        let page: PageChrome
        let message: String?
        let records: [Row]
    }

    struct EditContext: Encodable {
        let page: PageChrome
        let backHref: String
        let action: String
        let values: Input
        let retentions: [SelectOption]
        let controllers: [SelectOption]
        let errors: [String: String]
        let errorList: [FieldError]
    }

    struct Input: Content, Encodable {
        var categoryDa: String?
        var categoryEn: String?
        var purposeDa: String?
        var purposeEn: String?
        var basisDa: String?
        var basisEn: String?
        var recipientsDa: String?
        var recipientsEn: String?
        var retention: String?
        var controller: String?
    }

    static let textFields = [
        "categoryDa", "categoryEn", "purposeDa", "purposeEn", "basisDa", "basisEn", "recipientsDa", "recipientsEn",
    ]
    static let maxLength = 1000

    /// What the list shows: every record in order, with the retention periods in force. Two
    /// statements.
    struct ListPage: Sendable {
        let schedule: RetentionSchedule
        let records: [ProcessingRecord]

        static func load(on database: any Database) async throws -> ListPage {
            ListPage(
                schedule: try await RetentionSchedule.load(on: database),
                records: try await ProcessingRecord.query(on: database).sort(\.$position).sort(\.$id).all()
            )
        }
    }

    /// The records as the list (and the privacy article) shows them.
    static func rows(_ page: ListPage, language: Language, editable: Bool) -> [Row] {
        let strings = Strings.table(language)
        let schedule = page.schedule
        return page.records.compactMap { record in
            guard let id = record.id else { return nil }
            let text = record.text(language)
            return Row(
                category: text.category,
                purpose: text.purpose,
                basis: text.basis,
                recipients: text.recipients,
                kept: RetentionController.describe(schedule.period(record.retention), record.retention, strings),
                controller: strings["dataController_\(record.controller.rawValue)"] ?? "",
                editHref: editable ? SiteRoute.processingRecord(id).path : nil
            )
        }
    }

    @Sendable
    static func list(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let loaded = try await ListPage.load(on: req.db)
        return try await req.view.render(
            "processing-records",
            ListContext(
                page: await PageChrome.make(for: req, title: strings["processingTitle"] ?? ""),
                message: req.queryValue("besked") == "gemt" ? strings["processingSaved"] : nil,
                records: rows(loaded, language: req.language, editable: true)
            )
        )
    }

    /// What a record's form shows: the record. One statement; nil for an unknown record.
    struct EditPage: Sendable {
        let record: ProcessingRecord

        static func load(_ id: UUID, on database: any Database) async throws -> EditPage? {
            try await ProcessingRecord.find(id, on: database).map(EditPage.init(record:))
        }
    }

    @Sendable
    static func edit(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        guard let id = req.parameters.get("recordID", as: UUID.self),
            let record = try await EditPage.load(id, on: req.db)?.record
        else { throw Abort(.notFound) }
        let input = Input(
            categoryDa: record.categoryDa,
            categoryEn: record.categoryEn,
            purposeDa: record.purposeDa,
            purposeEn: record.purposeEn,
            basisDa: record.basisDa,
            basisEn: record.basisEn,
            recipientsDa: record.recipientsDa,
            recipientsEn: record.recipientsEn,
            retention: record.retention.rawValue,
            controller: record.controller.rawValue
        )
        return try await render(req, record, input: input, problems: [])
    }

    /// The record a POST saves, by the same query as the form's.
    static func find(_ req: Request) async throws -> ProcessingRecord {
        guard let id = req.parameters.get("recordID", as: UUID.self),
            let record = try await EditPage.load(id, on: req.db)?.record
        else { throw Abort(.notFound) }
        return record
    }

    static func render(
        _ req: Request,
        _ record: ProcessingRecord,
        input: Input,
        problems: [(String, String)]
    )
        async throws -> View
    {
        let strings = Strings.table(req.language)
        let (errors, errorList) = FieldError.collect(
            problems.map { ($0.0, strings[$0.1] ?? "") },
            labelKey: { "processingField_\($0)" },
            strings
        )
        return try await req.view.render(
            "processing-record",
            EditContext(
                page: await PageChrome.make(for: req, title: record.text(req.language).category),
                backHref: SiteRoute.processingRecords.path,
                action: SiteRoute.processingRecord(try record.requireID()).path,
                values: input,
                retentions: DataCategory.allCases.map {
                    SelectOption(
                        value: $0.rawValue,
                        label: strings["dataCategory_\($0.rawValue)"] ?? "",
                        selected: $0.rawValue == input.retention
                    )
                },
                controllers: DataController.allCases.map {
                    SelectOption(
                        value: $0.rawValue,
                        label: strings["dataController_\($0.rawValue)"] ?? "",
                        selected: $0.rawValue == input.controller
                    )
                },
                errors: errors,
                errorList: errorList
            )
        )
    }

    @Sendable
    static func save(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        let record = try await find(req)
        let input = try req.content.decode(Input.self)
        let values = [
            input.categoryDa, input.categoryEn, input.purposeDa, input.purposeEn, input.basisDa, input.basisEn,
            input.recipientsDa, input.recipientsEn,
        ].map { ($0 ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var problems = zip(textFields, values).filter { $0.1.isEmpty || $0.1.count > maxLength }.map {
            ($0.0, "processingErrorRequired")
        }
        let retention = input.retention.flatMap(DataCategory.init(rawValue:))
        let controller = input.controller.flatMap(DataController.init(rawValue:))
        if retention == nil { problems.append(("retention", "processingErrorChoose")) }
        if controller == nil { problems.append(("controller", "processingErrorChoose")) }
        guard problems.isEmpty, let retention, let controller else {
            return try await render(req, record, input: input, problems: problems)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        (record.categoryDa, record.categoryEn, record.purposeDa, record.purposeEn) =
            (values[0], values[1], values[2], values[3])
        (record.basisDa, record.basisEn, record.recipientsDa, record.recipientsEn) =
            (values[4], values[5], values[6], values[7])
        record.retention = retention
        record.controller = controller
        record.updatedAt = req.application.dependencies.now()
        record.updatedBy = principal.id
        try await req.db.transaction { db in
            try await record.save(on: db)
            try await req.audit.record(
                .processingSave,
                subjectID: record.id,
                purpose: AuditPurpose(
                    "processingRecord",
                    ["category": .both(da: record.categoryDa, en: record.categoryEn)]
                ),
                on: db
            )
        }
        return req.redirect(to: SiteRoute.processingRecords.path(query: [("besked", "gemt")]), redirectType: .normal)
    }
}
