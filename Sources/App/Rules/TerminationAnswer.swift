import AlmenDomain

/// The answer to "when does my lease end?", as the API and `almen rules termination` print it.
public struct TerminationAnswer: Encodable, Sendable, Equatable {
    public let received: String
    public let housing: String
    public let reason: String
    public let noticeWeeks: Int?
    public let rule: String
    public let reference: String
    public let noticeStart: String?
    public let endDate: String
    public let endDateText: String
    public let skippedDays: [SkippedDayAnswer]
    public let explanation: [String]

    /// A day of the end month that could not be the last day of the lease, and why.
    public struct SkippedDayAnswer: Encodable, Sendable, Equatable {
        public let date: String
        public let reason: String
        public let text: String
    }

    /// Evaluates the rule from text parameters.
    public static func evaluate(
        received: String?,
        housing: String?,
        noticeWeeks: String?,
        reason: String?,
        language: Language = .da,
        rules: TerminationRules = TerminationRules()
    ) throws(RulesInputError) -> TerminationAnswer {
        let request = TerminationRequest(
            received: try RulesInput.date(received, field: "received"),
            housing: try RulesInput.housing(housing),
            agreedNoticeWeeks: try RulesInput.noticeWeeks(noticeWeeks),
            reason: try RulesInput.reason(reason)
        )
        let result: TerminationResult
        do {
            result = try rules.evaluate(request)
        } catch {
            throw inputError(error)
        }
        return TerminationAnswer(result, language: language)
    }

    init(_ result: TerminationResult, language: Language) {
        let request = result.request
        received = request.received.iso
        housing = request.housing.rawValue
        reason = request.reason.rawValue
        noticeWeeks = request.agreedNoticeWeeks
        rule = result.rule.rawValue
        reference = result.reference
        noticeStart = result.noticeStart?.iso
        endDate = result.endDate.iso
        endDateText = DateText.long(result.endDate, language)
        skippedDays = result.skippedDays.map { day in
            SkippedDayAnswer(
                date: day.date.iso,
                reason: RulesText.code(day.reason),
                text: RulesText.skipped(day, language)
            )
        }
        explanation = RulesText.explain(result, language)
    }

    static func inputError(_ error: TerminationError) -> RulesInputError {
        switch error {
        case .noticeWeeksTooShort(let weeks, let minimum):
            RulesInputError(
                code: "notice_weeks_too_short",
                field: "noticeWeeks",
                key: "rulesError_noticeWeeksShort",
                ["minimum": String(minimum), "weeks": String(weeks)]
            )
        case .noticeWeeksTooLong(let weeks, let maximum):
            RulesInputError(
                code: "notice_weeks_too_long",
                field: "noticeWeeks",
                key: "rulesError_noticeWeeksLong",
                ["maximum": String(maximum), "weeks": String(weeks)]
            )
        case .noticeWeeksNotAllowed:
            RulesInputError(
                code: "notice_weeks_not_allowed",
                field: "noticeWeeks",
                key: "rulesError_noticeWeeksNotAllowed"
            )
        }
    }
}
