/// A påkrav already sent for a lease whose case is still open, as the daily arrears run finds it.
public struct SentPaakrav: Sendable, Hashable, Codable {
    /// The day the påkrav was made. It demands what fell due up to that day, its own fee included
    /// (the fee is booked on the account with this day as its due date).
    public let sentOn: LocalDate
    /// The payment deadline the letter states: counted from the latest expected arrival, so it is
    /// never shorter than the law's (`ArrearsRules.statedDeadline`).
    public let statedDeadline: LocalDate
    /// When the påkrav had arrived (kommet frem) with every tenant: the latest Digital Post receipt
    /// or expected delivery of a dispatched letter; nil while any of its letters is on its way.
    public let arrived: LocalDate?

    public init(sentOn: LocalDate, statedDeadline: LocalDate, arrived: LocalDate?) {
        self.sentOn = sentOn
        self.statedDeadline = statedDeadline
        self.arrived = arrived
    }
}

/// What the daily arrears run does with one lease on one day (rules.md §3).
public enum ArrearsDecision: Sendable, Hashable {
    /// Nothing that has fallen due is unpaid.
    case nothingOwed
    /// Money is owed, but no unpaid amount has passed its 3rd hverdag yet: a påkrav may be sent
    /// from `from` if it is still unpaid then.
    case tooEarly(owed: Money, from: LocalDate)
    /// A påkrav may be sent now for these amounts (the påkrav fee comes on top).
    case paakravDue(charges: [UnpaidCharge])
    /// A påkrav was sent and is still on its way to at least one tenant: its deadline is not known.
    case awaitingArrival(owed: Money)
    /// A påkrav arrived; the tenant has until `deadline` (inclusive) to pay `owed`.
    case awaitingPayment(owed: Money, deadline: LocalDate)
    /// What the påkrav demanded has been paid: its case can close.
    case paidSince
    /// The deadline has passed with `owed` unpaid: the lease may be ophævet from `from`
    /// (ALL § 90, stk. 1, nr. 1). The decision is a caseworker's.
    case ophaevelsePossible(owed: Money, from: LocalDate)
}

/// The daily arrears run's decision for one lease: too early, påkrav due, already sent (waiting
/// for arrival or payment), paid since, or ophævelse possible (ALL § 90; rules.md §3).
public struct ArrearsRules: Sendable {
    public let paakrav: PaakravRules
    /// The carrier's delivery time, which the stated deadline assumes.
    public let delivery: PhysicalDelivery
    private let calendar: DanishCalendar

    public init(delivery: PhysicalDelivery, calendar: DanishCalendar = DanishCalendar()) {
        self.paakrav = PaakravRules(calendar: calendar)
        self.delivery = delivery
        self.calendar = calendar
    }

    /// The deadline a påkrav made on `sentOn` states. It is counted from the latest arrival the
    /// letter can expect: as if it went on paper and were handed to the carrier on the next bank
    /// day. A letter that goes digitally or arrives sooner gives the tenant more time than the law
    /// asks, never less. Should its actual arrival be later still, the case's deadline is the
    /// law's (`decide`) and the stated one is not relied on.
    public func statedDeadline(sentOn: LocalDate) -> LocalDate {
        let arrival = delivery.expectedArrival(dispatched: calendar.nextBankDay(after: sentOn), calendar: calendar)
        return paakrav.paymentDeadline(arrived: arrival)
    }

    /// The deadline that counts once the påkrav has arrived: the later of the stated one and 14
    /// days from the arrival (ALL § 90, stk. 2).
    public func deadline(of sent: SentPaakrav) -> LocalDate? {
        guard let arrived = sent.arrived else { return nil }
        return max(sent.statedDeadline, paakrav.paymentDeadline(arrived: arrived))
    }

    /// The decision for a lease with `ledger` on `date`, given the påkrav whose case is open, if any.
    public func decide(_ ledger: Ledger, on date: LocalDate, sent: SentPaakrav?) -> ArrearsDecision {
        let unpaid = ledger.unpaid(at: date)
        if let sent {
            let owed = Self.sum(unpaid.filter { $0.entry.date <= sent.sentOn })
            guard owed > .zero else { return .paidSince }
            guard let deadline = deadline(of: sent) else { return .awaitingArrival(owed: owed) }
            if date <= deadline { return .awaitingPayment(owed: owed, deadline: deadline) }
            return .ophaevelsePossible(owed: owed, from: deadline.adding(days: 1))
        }
        guard !unpaid.isEmpty else { return .nothingOwed }
        let due = unpaid.filter { paakrav.earliestPaakravDate(due: $0.entry.date) <= date }
        guard due.isEmpty else { return .paakravDue(charges: due) }
        let from = unpaid.map { paakrav.earliestPaakravDate(due: $0.entry.date) }.min() ?? date
        return .tooEarly(owed: Self.sum(unpaid), from: from)
    }

    /// The sum of what is unpaid of `charges`.
    public static func sum(_ charges: [UnpaidCharge]) -> Money {
        charges.reduce(Money.zero) { $0 + $1.unpaid }
    }
}
