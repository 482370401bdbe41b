/// Why an opsigelse cannot be evaluated as given (ALL § 88, stk. 1).
public enum TerminationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The agreed youth-housing notice is shorter than the statutory minimum of 6 weeks.
    case noticeWeeksTooShort(Int, minimum: Int)
    /// Agreed notice weeks were given for a housing type other than youth housing, which has no
    /// shorter notice to agree.
    case noticeWeeksNotAllowed
    /// The agreed notice is not shorter than the 3 months it replaces for every arrival date.
    case noticeWeeksTooLong(Int, maximum: Int)

    public var description: String {
        switch self {
        case .noticeWeeksTooShort(let weeks, let minimum):
            "An agreed notice of \(weeks) weeks is shorter than the minimum of \(minimum) weeks (ALL § 88, stk. 1)."
        case .noticeWeeksNotAllowed:
            "An agreed notice in weeks is only possible for youth housing (ALL § 88, stk. 1)."
        case .noticeWeeksTooLong(let weeks, let maximum):
            "An agreed notice of \(weeks) weeks is not shorter than 3 months; at most \(maximum) weeks (ALL § 88, stk. 1)."
        }
    }
}
