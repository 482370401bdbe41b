import AlmenDomain

/// The move-out settlement (flytteopgørelse, rules.md §7), as `almen rules settlement` and
/// `GET /api/v1/rules/settlement` answer it: every line with its words in both languages and its
/// amount in kroner with a decimal point (a credit is negative), and what is paid back or owed.
public struct SettlementAnswer: Encodable, Sendable, Equatable {
    public struct Line: Encodable, Sendable, Equatable {
        public let code: String
        public let text: String
        public let textDa: String
        public let amount: String
    }

    public let monthsLived: Int
    /// The department's share of the normal repairs, "72.00" (per cent).
    public let departmentSharePercent: String
    public let lines: [Line]
    /// Paid to the tenant's NemKonto now, and what the tenant must pay (one of them is 0.00).
    public let payout: String
    public let toPay: String
    public let withheld: String
    public let loanRepaid: String
    public let reference: String

    public static let reference =
        "The tenant's share at most the inspection's estimate plus 10 % (almenlejeloven); the department's share per month and the 1,000 kr. withheld are the organisation's policy."

    public static func evaluate(
        movedIn: String?,
        movedOut: String?,
        deposit: String?,
        repairs: String?,
        damages: String? = nil,
        estimate: String? = nil,
        rentOwed: String? = nil,
        loan: String? = nil,
        consumptionPending: Bool = false,
        sharePerMonth: String? = nil,
        rules: MoveOutSettlementRules = MoveOutSettlementRules()
    ) throws(RulesInputError) -> SettlementAnswer {
        let movedIn = try RulesInput.date(movedIn, field: "movedIn")
        let movedOut = try RulesInput.date(movedOut, field: "movedOut")
        guard movedOut >= movedIn else {
            throw RulesInputError(
                code: "moved_out_before_moved_in",
                field: "movedOut",
                key: "rulesError_movedOutBeforeMovedIn"
            )
        }
        let optional = { (text: String?, field: String) throws(RulesInputError) -> Money in
            guard let text, !text.isEmpty else { return .zero }
            return try RulesInput.kroner(text, field: field)
        }
        let input = MoveOutSettlementInput(
            movedIn: movedIn,
            movedOut: movedOut,
            deposit: try RulesInput.kroner(deposit, field: "deposit"),
            normalRepairs: try RulesInput.kroner(repairs, field: "repairs"),
            damages: try optional(damages, "damages"),
            estimate: estimate?.isEmpty == false ? try RulesInput.kroner(estimate, field: "estimate") : nil,
            rentOwed: try optional(rentOwed, "rentOwed"),
            depositLoan: try optional(loan, "loan"),
            consumptionPending: consumptionPending,
            sharePerMonthBasisPoints: try RulesInput.percent(sharePerMonth, field: "sharePerMonth")
                ?? MoveOutSettlementRules.defaultSharePerMonthBasisPoints
        )
        return SettlementAnswer(rules.settle(input))
    }

    init(_ settlement: MoveOutSettlement) {
        monthsLived = settlement.monthsLived
        departmentSharePercent = RulesText.decimalKroner(Money(ore: Int64(settlement.departmentShareBasisPoints)))
        lines = settlement.lines.map { line in
            Line(
                code: line.kind.rawValue,
                text: Self.text(line.kind, settlement, .en),
                textDa: Self.text(line.kind, settlement, .da),
                amount: RulesText.decimalKroner(line.amount)
            )
        }
        payout = RulesText.decimalKroner(settlement.payout)
        toPay = RulesText.decimalKroner(settlement.toPay)
        withheld = RulesText.decimalKroner(settlement.withheld)
        loanRepaid = RulesText.decimalKroner(settlement.loanRepaid)
        reference = Self.reference
    }

    /// A line's words: "Afdelingens andel: 72 % (72 måneder à 1 %)".
    static func text(
        _ kind: MoveOutSettlementLine.Kind,
        _ settlement: MoveOutSettlement,
        _ language: Language
    )
        -> String
    {
        let strings = Strings.table(language)
        guard kind == .departmentShare else { return strings.filled("settlementLine_\(kind.rawValue)") }
        let months = settlement.monthsLived
        return strings.counted(
            "settlementLine_departmentShare",
            months,
            [
                "share": percent(settlement.departmentShareBasisPoints, language),
                "rate": percent(settlement.input.sharePerMonthBasisPoints, language), "months": "\(months)",
            ]
        )
    }

    /// "72 %", "1,5 %" (Danish) or "1.5 %" (English) from basis points.
    static func percent(_ basisPoints: Int, _ language: Language) -> String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        guard fraction != 0 else { return "\(whole) %" }
        let decimals = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(whole)\(language == .da ? "," : ".")\(decimals) %"
    }
}
