/// Udlejers opsigelse: the landlord's written termination of a lease (rules.md §2: ALL §§ 85,
/// 89), here after continued breaches of the house rules despite a påmindelse (rules.md §5, step
/// 6a). It must give the reason and tell the tenant of the right to object, or it is void. The
/// tenant may object within 6 weeks of its arrival; the landlord must then bring the case before
/// the boligret within 6 weeks after the tenant's deadline, or the termination lapses.
///
/// The notice is the 3 months of ALL § 85 for a tenant's breach of good order; the 6 months of
/// § 85, stk. 4 concern grounds a complaint never gives (the landlord's own use of the dwelling,
/// its demolition or rebuilding), so they are not offered here.
public struct LandlordTerminationRules: Sendable {
    /// Family housing: at least 3 months' notice from the landlord.
    public static let noticeMonths = 3
    /// 6 weeks to object, and 6 weeks after that to sue.
    public static let objectionDays = 42
    public static let courtDays = 42

    public static let reference = "ALL §§ 85, 89"

    /// The carrier's delivery time, which the stated dates assume.
    public let delivery: PhysicalDelivery
    private let calendar: DanishCalendar
    private let tenantRules: TerminationRules

    public init(delivery: PhysicalDelivery, calendar: DanishCalendar = DanishCalendar()) {
        self.delivery = delivery
        self.calendar = calendar
        self.tenantRules = TerminationRules(calendar: calendar)
    }

    /// The latest a termination sent on `sentOn` can be expected to arrive (`PhysicalDelivery`).
    /// A letter that goes digitally arrives the day it is sent.
    public func latestArrival(sentOn: LocalDate) -> LocalDate {
        delivery.latestArrival(sentOn: sentOn, calendar: calendar)
    }

    /// The day the lease ends after a termination that arrived on `arrived`: the notice runs from
    /// the 1st of the next month for 3 months, to the first day of that month a lease may end on
    /// (a hverdag that is not the day before a helligdag), as a tenant's notice does. So the
    /// tenant always has at least the 3 months the law asks for.
    public func endDate(arrived: LocalDate) -> LocalDate {
        let endMonth = arrived.firstOfMonth.adding(months: 1 + Self.noticeMonths)
        return tenantRules.firstValidEndDay(inMonthOf: endMonth).date
    }

    /// The tenant's last day to object: 6 weeks after the arrival, or the next bank day when that
    /// is a weekend or a helligdag (a later day stated is always safe for the landlord).
    public func objectionBy(arrived: LocalDate) -> LocalDate {
        calendar.nextBankDay(onOrAfter: arrived.adding(days: Self.objectionDays))
    }

    /// What a termination sent on `sentOn` states: counted from the latest arrival, so the tenant
    /// is never given less than the law gives (a later end, a later deadline to object).
    public func stated(sentOn: LocalDate) -> StatedTermination {
        let arrival = latestArrival(sentOn: sentOn)
        return StatedTermination(
            sentOn: sentOn,
            latestArrival: arrival,
            endDate: endDate(arrived: arrival),
            objectionBy: objectionBy(arrived: arrival),
            // The landlord's own deadline is counted from the earliest arrival, the day it is sent
            // (Digital Post), and not moved past closed days: never later than the law's,
            // whichever way the letter goes.
            courtBy: sentOn.adding(days: Self.objectionDays + Self.courtDays)
        )
    }
}

/// The dates a landlord's termination states and the landlord keeps.
public struct StatedTermination: Sendable, Equatable {
    public let sentOn: LocalDate
    public let latestArrival: LocalDate
    /// Til fraflytning: the day the lease ends.
    public let endDate: LocalDate
    /// The tenant may object until this day (as the letter states it).
    public let objectionBy: LocalDate
    /// Should the tenant object, the landlord sues by this day at the latest.
    public let courtBy: LocalDate
}
