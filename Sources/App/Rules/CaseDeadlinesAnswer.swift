import AlmenDomain

/// A case's standard deadlines (frister), as `almen rules case-deadlines` and
/// `GET /api/v1/rules/case-deadlines` answer them: the receipt and the answer, each a number of
/// bank days after the day the case arrived. An administrator may have set other targets for
/// their organisations (`/admin/svarfrister`); this is the standard.
public struct CaseDeadlinesAnswer: Encodable, Sendable, Equatable {
    public struct Deadline: Encodable, Sendable, Equatable {
        public let kind: String
        public let bankDays: Int
        public let due: String
    }

    public let kind: String
    public let opened: String
    public let deadlines: [Deadline]

    public static func evaluate(kind: String?, opened: String?) throws(RulesInputError) -> CaseDeadlinesAnswer {
        guard let kind, let caseKind = CaseKind(rawValue: kind) else {
            throw RulesInputError(
                code: kind == nil || kind == "" ? "missing_parameter" : "invalid_kind",
                field: "kind",
                key: "rulesError_caseKind",
                ["allowed": CaseKind.allCases.map(\.rawValue).joined(separator: ", ")]
            )
        }
        let opened = try RulesInput.date(opened, field: "opened")
        let target = ResponseTarget.standard(for: caseKind)
        return CaseDeadlinesAnswer(
            kind: caseKind.rawValue,
            opened: opened.iso,
            deadlines: try target.deadlines(opened: opened).map { deadline throws(RulesInputError) in
                try RulesInput.checkYear(deadline.due.year, field: "opened")
                return Deadline(
                    kind: deadline.kind.rawValue,
                    bankDays: (deadline.kind == .receipt ? target.receiptBankDays : target.answerBankDays) ?? 0,
                    due: deadline.due.iso
                )
            }
        )
    }
}
