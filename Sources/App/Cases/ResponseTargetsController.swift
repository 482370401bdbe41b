import AlmenDomain
import Fluent
import Vapor

/// `/admin/svarfrister` (administrators): how many bank days may pass before a case of each kind
/// is to have its receipt and its answer. A field left empty is the standard; a change applies
/// to cases opened from then on, and is audited.
enum ResponseTargetsController {
    /// One case kind's two fields, as typed, with the standard and what is wrong.
    struct Row: Encodable {
        let kind: String
        let label: String
        let receipt: String
        let answer: String
        let standardReceipt: Int
        let standardAnswer: Int
        let receiptError: String?
        let answerError: String?
    }

    struct Context: Encodable {
        let page: PageChrome
        let rows: [Row]
        let errorList: [FieldError]
        let action: String
        let backHref: String
        let notice: String?
    }

    /// The kinds a target is set for: those with a standard receipt and answer (not arrears and
    /// move-out, which run on their own legal dates, nor a landlord's answer to another
    /// organisation, which has no receipt to send).
    static let kinds = CaseKind.allCases.filter {
        ResponseTarget.standard(for: $0).answerBankDays != nil
            && ResponseTarget.standard(for: $0).receiptBankDays != nil
    }

    @Sendable
    static func show(_ req: Request) async throws -> View {
        _ = try req.requireAdministrator()
        let targets = try await CaseDeadlines.targets(on: req.db)
        let values = Dictionary(
            uniqueKeysWithValues: kinds.map { kind in
                (
                    kind,
                    (
                        targets[kind]?.receiptBankDays.map(String.init) ?? "",
                        targets[kind]?.answerBankDays.map(String.init) ?? ""
                    )
                )
            }
        )
        let notice = req.queryValue("besked") == "gemt" ? Strings.table(req.language)["targetsSaved"] : nil
        return try await render(req, values: values, problems: [], notice: notice)
    }

    @Sendable
    static func save(_ req: Request) async throws -> Response {
        let principal = try req.requireAdministrator()
        let strings = Strings.table(req.language)
        let form = try req.content.decode([String: String].self)
        var values: [CaseKind: (String, String)] = [:]
        var targets: [CaseKind: ResponseTarget] = [:]
        var problems: [(field: String, message: String)] = []
        for kind in kinds {
            let receiptText = (form["receipt_\(kind.rawValue)"] ?? "").trimmingCharacters(in: .whitespaces)
            let answerText = (form["answer_\(kind.rawValue)"] ?? "").trimmingCharacters(in: .whitespaces)
            values[kind] = (receiptText, answerText)
            let standard = ResponseTarget.standard(for: kind)
            let receipt = receiptText.isEmpty ? standard.receiptBankDays : number(receiptText)
            let answer = answerText.isEmpty ? standard.answerBankDays : number(answerText)
            let target = ResponseTarget(receiptBankDays: receipt ?? 0, answerBankDays: answer ?? 0)
            for problem in target.problems {
                switch problem {
                case .receiptOutOfRange:
                    problems.append(("receipt_\(kind.rawValue)", strings["targetsErrorReceipt"] ?? ""))
                case .answerOutOfRange:
                    problems.append(("answer_\(kind.rawValue)", strings["targetsErrorAnswer"] ?? ""))
                case .answerBeforeReceipt:
                    problems.append(("answer_\(kind.rawValue)", strings["targetsErrorOrder"] ?? ""))
                }
            }
            targets[kind] = target
        }
        guard problems.isEmpty else {
            return try await render(req, values: values, problems: problems, notice: nil)
                .encodeResponse(status: .unprocessableEntity, for: req)
        }
        let now = req.application.dependencies.now()
        let wanted = targets
        try await req.db.transaction { db in
            let current = try await CaseDeadlines.targets(on: db)
            var changed: [CaseKind] = []
            for kind in kinds {
                guard let target = wanted[kind], target != current[kind] else { continue }
                changed.append(kind)
                try await ResponseTargetSetting.find(kind.rawValue, on: db)?.delete(on: db)
                // The standard needs no row, and follows the standard if it changes.
                guard target != .standard(for: kind) else { continue }
                let setting = ResponseTargetSetting()
                setting.id = kind.rawValue
                setting.receiptBankDays = target.receiptBankDays
                setting.answerBankDays = target.answerBankDays
                setting.updatedAt = now
                setting.updatedBy = principal.id
                try await setting.create(on: db)
            }
            if !changed.isEmpty {
                try await req.audit.record(
                    .responseTargetsSet,
                    // Each kind in words, as the page names it.
                    purpose: AuditPurpose(
                        "responseTargets",
                        [
                            "kinds": .each { language in
                                changed.map { CasePresentation.kind($0, strings: Strings.table(language)) }
                                    .joined(separator: ", ")
                            }
                        ]
                    ),
                    actor: principal,
                    on: db
                )
            }
        }
        return req.redirect(to: SiteRoute.responseTargets.path(query: [("besked", "gemt")]), redirectType: .normal)
    }

    /// A whole number of days as typed: digits only, at most three.
    private static func number(_ text: String) -> Int? {
        guard text.count <= 3, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { return nil }
        return Int(text)
    }

    private static func render(
        _ req: Request,
        values: [CaseKind: (String, String)],
        problems: [(field: String, message: String)],
        notice: String?
    ) async throws -> View {
        let strings = Strings.table(req.language)
        let labels = Dictionary(
            uniqueKeysWithValues: kinds.flatMap { kind in
                let name = CasePresentation.kind(kind, strings: strings)
                return [
                    ("receipt_\(kind.rawValue)", "\(name), \(strings["targetsReceipt"] ?? "")"),
                    ("answer_\(kind.rawValue)", "\(name), \(strings["targetsAnswer"] ?? "")"),
                ]
            }
        )
        // The summary names kind and field; the words at the field need only the problem.
        let (errors, errorList) = FieldError.collect(problems, labelKey: { $0 }, labels)
        return try await req.view.render(
            "response-targets",
            Context(
                page: await PageChrome.make(for: req, title: strings["targetsTitle"] ?? ""),
                rows: kinds.map { kind in
                    let standard = ResponseTarget.standard(for: kind)
                    return Row(
                        kind: kind.rawValue,
                        label: CasePresentation.kind(kind, strings: strings),
                        receipt: values[kind]?.0 ?? "",
                        answer: values[kind]?.1 ?? "",
                        standardReceipt: standard.receiptBankDays ?? 0,
                        standardAnswer: standard.answerBankDays ?? 0,
                        receiptError: errors["receipt_\(kind.rawValue)"],
                        answerError: errors["answer_\(kind.rawValue)"]
                    )
                },
                errorList: errorList,
                action: SiteRoute.responseTargets.path,
                backHref: SiteRoute.administration.path,
                notice: notice
            )
        )
    }
}
