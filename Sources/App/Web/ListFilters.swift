import AlmenDomain
import SQLKit
import Vapor

/// The days a back-office list is narrowed to (`fra`, `til`, both inclusive, Danish days): as a
/// date field sends them (YYYY-MM-DD), or a Danish date ("3.12.2026") typed where a browser has no
/// date field. A day that is not a date, or days the wrong way round, are problems at their
/// fields; the page then shows the problems, not rows that ignore part of the filter.
struct ListPeriod: Sendable {
    var from: LocalDate?
    var to: LocalDate?
    /// What was typed, for a field with a problem.
    var typed: (from: String, to: String) = ("", "")
    /// Each problem: its field (`fra`, `til`) and the key of its words.
    var problems: [(field: String, key: String)] = []

    init(from: LocalDate? = nil, to: LocalDate? = nil) {
        self.from = from
        self.to = to
    }

    init(_ req: Request) {
        typed = (req.queryValue("fra") ?? "", req.queryValue("til") ?? "")
        from = day(typed.from, "fra")
        to = day(typed.to, "til")
        if let from, let to, to < from { problems.append(("til", "periodErrorOrder")) }
    }

    private mutating func day(_ text: String, _ field: String) -> LocalDate? {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard text.count <= 40, let date = LocalDate(typed: text) else {
            problems.append((field, "periodErrorDate"))
            return nil
        }
        guard date.isInSupportedYears else {
            problems.append((field, "periodErrorYear"))
            return nil
        }
        return date
    }

    var isEmpty: Bool { from == nil && to == nil }

    /// The query items that keep the period from page to page.
    var query: [(String, String?)] { [("fra", from?.iso), ("til", to?.iso)] }

    /// ` AND` conditions on the timestamp `alias.column`: from the start of the first day to the
    /// start of the day after the last, on Danish clocks.
    func condition(_ alias: String, _ column: String) -> SQLQueryString {
        var sql: SQLQueryString = ""
        if let from { sql += " AND \(ident: alias).\(ident: column) >= \(bind: from.start(in: danishTimeZone))" }
        if let to {
            sql += " AND \(ident: alias).\(ident: column) < \(bind: to.adding(days: 1).start(in: danishTimeZone))"
        }
        return sql
    }

    /// ` AND` conditions on a day kept as YYYY-MM-DD text (`alias.column`), both days included.
    func dayCondition(_ alias: String, _ column: String) -> SQLQueryString {
        var sql: SQLQueryString = ""
        if let from { sql += " AND \(ident: alias).\(ident: column) >= \(bind: from.iso)" }
        if let to { sql += " AND \(ident: alias).\(ident: column) <= \(bind: to.iso)" }
        return sql
    }

    /// The two date fields as a list's filter shows them (`period-fields.leaf`), labelled for
    /// what the list's days are (received, written, opened), with their problems.
    struct Fields: Encodable {
        let fromLabel: String
        let toLabel: String
        /// A date field shows only ISO dates: an accepted Danish date goes back as one.
        let from: String
        let to: String
        let fromError: String?
        let toError: String?
        /// The problems above the form, each naming its field.
        let errorList: [FieldError]
    }

    /// `labels`: the keys of the two fields' labels.
    func fields(_ strings: [String: String], labels: (from: String, to: String)) -> Fields {
        let (atField, summary) = FieldError.collect(
            problems.map { ($0.field, strings[$0.key] ?? "") },
            labelKey: { $0 == "fra" ? labels.from : labels.to },
            strings
        )
        return Fields(
            fromLabel: strings[labels.from] ?? "",
            toLabel: strings[labels.to] ?? "",
            from: from?.iso ?? (problems.contains { $0.field == "fra" } ? typed.from : ""),
            to: to?.iso ?? (problems.contains { $0.field == "til" } ? typed.to : ""),
            fromError: atField["fra"],
            toError: atField["til"],
            errorList: summary
        )
    }
}

/// The organisation a back-office list is narrowed to (`organisation`), among those in the
/// member of staff's scope; the choice is offered only to staff of more than one.
enum ListOrganisation {
    /// The organisation asked for, if it is one of the staff's (any other narrows nothing).
    static func parse(_ req: Request, scope: StaffScope) -> UUID? {
        req.queryValue("organisation").flatMap(UUID.init(uuidString:)).flatMap {
            scope.contains($0) ? $0 : nil
        }
    }

    /// The staff's organisations to choose from, "Alle" first; empty for staff of one. Read
    /// from the register summary the application keeps, not per request.
    static func options(
        _ req: Request,
        scope: StaffScope,
        selected: UUID?,
        strings: [String: String]
    ) async throws -> OptionList {
        let organisations = try await req.application.registerSummary.organisations(on: req.db).filter {
            scope.contains($0.id)
        }
        guard organisations.count > 1 else { return OptionList([]) }
        return OptionList(
            [SelectOption(value: "", label: strings["filterAll"] ?? "", selected: selected == nil)]
                + organisations.map { organisation in
                    SelectOption(
                        value: organisation.id.lowercasedString,
                        label: organisation.name,
                        selected: organisation.id == selected
                    )
                }
        )
    }
}
