/// Påkrav (payment demand) for rent arrears: when it may be sent and the tenant's deadline,
/// ALL § 90, stk. 1, nr. 1, and stk. 2 (rules.md §3).
public struct PaakravRules: Sendable {
    /// The days the tenant has after the påkrav arrived, ALL § 90, stk. 2.
    public static let paymentDays = 14
    /// The påkrav may be sent only after this many hverdage past the last timely payment day.
    public static let hverdageBeforePaakrav = 3

    private let calendar: DanishCalendar

    public init(calendar: DanishCalendar = DanishCalendar()) {
        self.calendar = calendar
    }

    /// Sidste rettidige betalingsdag: the due date, or the next bank day when it falls on a Saturday,
    /// Sunday, helligdag or Grundlovsdag (rules.md §3).
    public func lastTimelyPaymentDate(due: LocalDate) -> LocalDate {
        calendar.nextBankDay(onOrAfter: due)
    }

    /// The 1st, 2nd and 3rd hverdag after the last timely payment day. Saturdays and Grundlovsdag
    /// count; Sundays and helligdage do not (rules.md §1, §3).
    public func hverdageCounted(afterLastTimely lastTimely: LocalDate) -> [LocalDate] {
        var counted: [LocalDate] = []
        var day = lastTimely
        while counted.count < Self.hverdageBeforePaakrav {
            day = day.adding(days: 1)
            if calendar.isHverdag(day) { counted.append(day) }
        }
        return counted
    }

    /// "Tidligst efter 3. hverdag efter sidste rettidige betalingsdag" (ALL § 90, stk. 2), taken as
    /// the first bank day after that 3rd hverdag (rules.md §3). A Saturday or Grundlovsdag after it
    /// is passed over, which is never earlier than the statute allows.
    public func earliestPaakravDate(due: LocalDate) -> LocalDate {
        let counted = hverdageCounted(afterLastTimely: lastTimelyPaymentDate(due: due))
        return calendar.nextBankDay(after: counted[counted.count - 1])
    }

    /// Betalingsfrist: 14 days after the påkrav arrived; when day 14 is not a bank day, the next bank
    /// day (ALL § 90, stk. 2; rules.md §3). Weekends and holidays within the 14 days count.
    public func paymentDeadline(arrived: LocalDate) -> LocalDate {
        calendar.nextBankDay(onOrAfter: arrived.adding(days: Self.paymentDays))
    }

    /// The day after the payment deadline: if arrears and fee are still unpaid, the lease may be
    /// ophævet from then on (ALL § 90, stk. 1, nr. 1). The deadline day itself is the tenant's.
    public func earliestOphaevelseDate(arrived: LocalDate) -> LocalDate {
        paymentDeadline(arrived: arrived).adding(days: 1)
    }

    /// All dates of a case. `arrived`, when given, may not be before the earliest påkrav date.
    public func schedule(due: LocalDate, arrived: LocalDate? = nil) throws(PaakravError) -> PaakravSchedule {
        let lastTimely = lastTimelyPaymentDate(due: due)
        let counted = hverdageCounted(afterLastTimely: lastTimely)
        let earliest = calendar.nextBankDay(after: counted[counted.count - 1])
        if let arrived, arrived < earliest {
            throw .arrivedBeforeEarliestPaakrav(earliest: earliest)
        }
        return PaakravSchedule(
            due: due,
            lastTimelyPaymentDate: lastTimely,
            countedHverdage: counted,
            earliestPaakravDate: earliest,
            arrived: arrived,
            paymentDeadline: arrived.map(paymentDeadline(arrived:)),
            earliestOphaevelseDate: arrived.map(earliestOphaevelseDate(arrived:))
        )
    }
}
