/// Opsigelsesregler: when a lease ends after the tenant's notice, ALL § 88 (rules.md §2).
public struct TerminationRules: Sendable {
    /// "For almene ungdomsboliger kan dog aftales et opsigelsesvarsel på mindst 6 uger",
    /// ALL § 88, stk. 1, 3. pkt.
    public static let minimumYouthNoticeWeeks = 6

    /// The statute allows a youth lease to agree a *shorter* notice than 3 months. From any arrival
    /// date the family rule gives at least 90 days before its end month begins (arrival 31 January
    /// in a common year, end month May), so 12 weeks (84 days) is the longest whole number of weeks
    /// that is shorter for every arrival date. Longer agreements are rejected rather than silently
    /// giving the tenant a later end date than the statute.
    public static let maximumYouthNoticeWeeks = 12

    static let familyReference = "ALL § 88, stk. 1"
    static let youthReference = "ALL § 88, stk. 1, 3. pkt."
    static let careDeathReference = "Boligorganisationens praksis: plejebolig efter dødsfald, løbende måned + 30 dage"

    private let calendar: DanishCalendar

    public init(calendar: DanishCalendar = DanishCalendar()) {
        self.calendar = calendar
    }

    /// The last day a notice may arrive and still end the lease on the same day as one arriving on
    /// `request.received`: for notices that several tenants sign, it tells them by when the last
    /// signature must come (for the family rule, the end of the month). Looks at most 100 days on.
    public func lastArrivalForSameEnd(_ request: TerminationRequest) throws(TerminationError) -> LocalDate {
        let end = try evaluate(request).endDate
        var day = request.received
        for _ in 0..<100 {
            let next = day.adding(days: 1)
            let later = TerminationRequest(
                received: next,
                housing: request.housing,
                agreedNoticeWeeks: request.agreedNoticeWeeks,
                reason: request.reason
            )
            guard (try? evaluate(later))?.endDate == end else { return day }
            day = next
        }
        return day
    }

    /// A lease may end on day D when D is Monday–Friday, D is not a helligdag and the day after D is
    /// not a helligdag: "den første hverdag i en måned, der ikke er dagen før en helligdag",
    /// ALL § 88, stk. 1.
    public func isValidEndDay(_ date: LocalDate) -> Bool {
        skipReason(date) == nil
    }

    /// The first valid end day of the month `date` lies in, and the days of that month skipped before
    /// it. There is always one within the first week: no run of holidays is that long.
    public func firstValidEndDay(inMonthOf date: LocalDate) -> (date: LocalDate, skipped: [SkippedDay]) {
        var candidate = date.firstOfMonth
        var skipped: [SkippedDay] = []
        while let reason = skipReason(candidate) {
            skipped.append(SkippedDay(date: candidate, reason: reason))
            candidate = candidate.adding(days: 1)
        }
        return (candidate, skipped)
    }

    /// The end date of a tenant's notice (rules.md §2):
    /// - youth housing with an agreed notice: the first valid end day of the first month whose 1st is
    ///   on or after arrival + the agreed weeks (ALL § 88, stk. 1, 3. pkt.);
    /// - care housing after the tenant's death: 30 days after the last day of the arrival month, no
    ///   further adjustment (policy);
    /// - everything else, deaths in other housing included: the family rule, 3 months from the 1st of
    ///   the month after arrival to the first valid end day of that month (ALL § 88, stk. 1).
    public func evaluate(_ request: TerminationRequest) throws(TerminationError) -> TerminationResult {
        if let weeks = request.agreedNoticeWeeks {
            guard request.housing == .youth else { throw .noticeWeeksNotAllowed }
            guard weeks >= Self.minimumYouthNoticeWeeks else {
                throw .noticeWeeksTooShort(weeks, minimum: Self.minimumYouthNoticeWeeks)
            }
            guard weeks <= Self.maximumYouthNoticeWeeks else {
                throw .noticeWeeksTooLong(weeks, maximum: Self.maximumYouthNoticeWeeks)
            }
            return youthAgreedNotice(request, weeks: weeks)
        }
        if request.housing == .care && request.reason == .death {
            return careDeath(request)
        }
        return family(request)
    }

    private func family(_ request: TerminationRequest) -> TerminationResult {
        let noticeStart = request.received.firstOfMonth.adding(months: 1)
        let endMonth = noticeStart.adding(months: 3)
        let (endDate, skipped) = firstValidEndDay(inMonthOf: endMonth)
        return TerminationResult(
            request: request,
            rule: .family,
            endDate: endDate,
            noticeStart: noticeStart,
            endMonth: endMonth,
            skippedDays: skipped,
            reference: Self.familyReference
        )
    }

    private func youthAgreedNotice(_ request: TerminationRequest, weeks: Int) -> TerminationResult {
        let noticeEnds = request.received.adding(days: weeks * 7)
        let endMonth = noticeEnds.day == 1 ? noticeEnds : noticeEnds.firstOfMonth.adding(months: 1)
        let (endDate, skipped) = firstValidEndDay(inMonthOf: endMonth)
        return TerminationResult(
            request: request,
            rule: .youthAgreedNotice,
            endDate: endDate,
            noticeStart: nil,
            endMonth: endMonth,
            skippedDays: skipped,
            reference: Self.youthReference
        )
    }

    private func careDeath(_ request: TerminationRequest) -> TerminationResult {
        TerminationResult(
            request: request,
            rule: .careDeath,
            endDate: request.received.lastOfMonth.adding(days: 30),
            noticeStart: nil,
            endMonth: nil,
            skippedDays: [],
            reference: Self.careDeathReference
        )
    }

    /// `nil` for a valid end day. A named holiday is reported before the weekend, and the weekend
    /// before "the day before a holiday".
    private func skipReason(_ date: LocalDate) -> SkipReason? {
        if let holiday = calendar.holiday(on: date) { return .holiday(holiday) }
        if date.weekday.isWeekend { return .weekend(date.weekday) }
        // From Monday–Friday the next day is Tuesday–Saturday, so a helligdag there is a named one.
        if let next = calendar.holiday(on: date.adding(days: 1)) { return .dayBeforeHoliday(next) }
        return nil
    }
}
