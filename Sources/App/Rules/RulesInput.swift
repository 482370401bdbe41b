import AlmenDomain

/// Parses the text parameters of the rules (from the command line or a query string) into domain
/// values, with one clear error per bad parameter.
public enum RulesInput {
    public static func date(_ text: String?, field: String) throws(RulesInputError) -> LocalDate {
        guard let text, !text.isEmpty else {
            throw RulesInputError(code: "missing_parameter", field: field, key: "rulesError_dateMissing")
        }
        guard let date = LocalDate(iso: text) else {
            throw RulesInputError(code: "invalid_date", field: field, key: "rulesError_dateInvalid")
        }
        try checkYear(date.year, field: field)
        return date
    }

    public static func optionalDate(_ text: String?, field: String) throws(RulesInputError) -> LocalDate? {
        guard let text, !text.isEmpty else { return nil }
        return try date(text, field: field)
    }

    public static func year(_ text: String?, field: String = "year") throws(RulesInputError) -> Int {
        guard let text, !text.isEmpty else {
            throw RulesInputError(code: "missing_parameter", field: field, key: "rulesError_required")
        }
        guard text.count <= 6, let year = Int(text) else {
            throw RulesInputError(code: "invalid_year", field: field, key: "rulesError_wholeNumber")
        }
        try checkYear(year, field: field)
        return year
    }

    static func checkYear(_ year: Int, field: String) throws(RulesInputError) {
        let range = LocalDate.supportedYears
        guard range.contains(year) else {
            throw RulesInputError(
                code: "year_out_of_range",
                field: field,
                key: "rulesError_yearRange",
                ["from": String(range.lowerBound), "to": String(range.upperBound)]
            )
        }
    }

    public static func housing(_ text: String?, field: String = "housing") throws(RulesInputError) -> HousingType {
        guard let text, !text.isEmpty else { return .family }
        guard let housing = HousingType(rawValue: text) else {
            let allowed = HousingType.allCases.map(\.rawValue).joined(separator: ", ")
            throw RulesInputError(
                code: "invalid_housing",
                field: field,
                key: "rulesError_housing",
                ["allowed": allowed]
            )
        }
        return housing
    }

    public static func reason(_ text: String?, field: String = "reason") throws(RulesInputError) -> TerminationReason {
        guard let text, !text.isEmpty else { return .ordinary }
        guard let reason = TerminationReason(rawValue: text) else {
            let allowed = TerminationReason.allCases.map(\.rawValue).joined(separator: ", ")
            throw RulesInputError(
                code: "invalid_reason",
                field: field,
                key: "rulesError_terminationReason",
                ["allowed": allowed]
            )
        }
        return reason
    }

    public static func noticeWeeks(_ text: String?, field: String = "noticeWeeks") throws(RulesInputError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard text.count <= 4, let weeks = Int(text), weeks > 0 else {
            throw RulesInputError(code: "invalid_notice_weeks", field: field, key: "rulesError_noticeWeeks")
        }
        return weeks
    }

    /// A whole number within `range`.
    public static func count(_ text: String?, field: String, in range: ClosedRange<Int>) throws(RulesInputError) -> Int
    {
        guard let text, !text.isEmpty else {
            throw RulesInputError(code: "missing_parameter", field: field, key: "rulesError_numberMissing")
        }
        guard text.count <= 6, text.allSatisfy(\.isASCII), let number = Int(text), range.contains(number) else {
            throw RulesInputError(
                code: "invalid_number",
                field: field,
                key: "rulesError_numberRange",
                ["from": String(range.lowerBound), "to": String(range.upperBound)]
            )
        }
        return number
    }

    public static func optionalCount(
        _ text: String?,
        field: String,
        in range: ClosedRange<Int>
    ) throws(RulesInputError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        return try count(text, field: field, in: range)
    }

    /// An amount of kroner, with at most two decimals after a point or a comma: "5808", "5808.50".
    public static func kroner(_ text: String?, field: String) throws(RulesInputError) -> Money {
        guard let text, !text.isEmpty else {
            throw RulesInputError(code: "missing_parameter", field: field, key: "rulesError_amountMissing")
        }
        let parts = text.split(separator: text.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        let digits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count <= 2, digits(parts[0]), parts[0].count <= 9,
            parts.count == 1 || (digits(parts[1]) && parts[1].count <= 2),
            let kroner = Int64(parts[0])
        else {
            throw RulesInputError(code: "invalid_amount", field: field, key: "rulesError_amountInvalid")
        }
        let fraction = parts.count == 2 ? String(parts[1]).padding(toLength: 2, withPad: "0", startingAt: 0) : "00"
        return Money(ore: kroner * 100 + (Int64(fraction) ?? 0))
    }

    /// A percentage from 0 to 100 with at most two decimals ("1", "1.5", "1,25"), in basis
    /// points; nil when not given.
    public static func percent(_ text: String?, field: String) throws(RulesInputError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        let refused = RulesInputError(code: "invalid_percent", field: field, key: "rulesError_percentInvalid")
        guard let amount = try? kroner(text, field: field), amount.ore <= 10_000 else { throw refused }
        return Int(amount.ore)
    }

    /// Why the tenant is away, for whole-dwelling sub-letting.
    public static func absence(_ text: String?, field: String = "reason") throws(RulesInputError) -> AbsenceReason {
        guard let text, !text.isEmpty, let reason = AbsenceReason(rawValue: text) else {
            let allowed = AbsenceReason.allCases.map(\.rawValue).joined(separator: ", ")
            throw RulesInputError(
                code: text?.isEmpty == false ? "invalid_reason" : "missing_parameter",
                field: field,
                key: "rulesError_absenceReason",
                ["allowed": allowed]
            )
        }
        return reason
    }
}
