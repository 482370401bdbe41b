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
    /// What the påkrav demanded, its fee included.
    public let demanded: Money
    /// Every payment the account held when the påkrav was made, whatever its date. What is paid
    /// beyond it pays the demand, so a payment made before the påkrav but booked after it counts.
    public let paidBefore: Money

    public init(sentOn: LocalDate, statedDeadline: LocalDate, arrived: LocalDate?, demanded: Money, paidBefore: Money) {
        self.sentOn = sentOn
        self.statedDeadline = statedDeadline
        self.arrived = arrived
        self.demanded = demanded
        self.paidBefore = paidBefore
    }
}

/// What the daily arrears run does with one lease on one day (rules.md §3).
public enum ArrearsDecision: Sendable, Hashable {
    /// Nothing that has fallen due is unpaid.
    case nothingOwed
    /// Money is owed, but no unpaid amount has passed its 3rd hverdag yet: a påkrav may be sent
    /// from `from` if it is still unpaid then.
    case tooEarly(owed: Money, from: LocalDate)
    /// What a påkrav could demand is less than the organisation's smallest påkrav
    /// (`ArrearsRules.minimum`): none is sent for it.
    case belowMinimum(owed: Money)
    /// A påkrav may be sent now for these amounts (the påkrav fee comes on top).
    case paakravDue(charges: [UnpaidCharge])
    /// A påkrav was sent and is still on its way to at least one tenant: its deadline is not known.
    case awaitingArrival(owed: Money)
    /// A påkrav arrived; the tenant has until `deadline` (inclusive) to pay `owed`.
    case awaitingPayment(owed: Money, deadline: LocalDate)
    /// What the påkrav demanded has been paid by its deadline (or before it is known): its case
    /// can close.
    case paidSince
    /// What the påkrav demanded has been paid, but after its deadline. Whether the lease is still
    /// ophævet is the caseworker's decision, so the case stays open.
    case paidAfterDeadline(deadline: LocalDate)
    /// The påkrav arrived so late that the deadline its letter states is shorter than the law's 14
    /// days from arrival (`lawDeadline`): it cannot found an ophævelse, and a new påkrav is needed.
    case statedDeadlineTooShort(owed: Money, lawDeadline: LocalDate)
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
    /// The smallest amount a påkrav is sent for (the organisations' policy, not the law's): below
    /// it, arrears wait until they grow.
    public let minimum: Money
    private let calendar: DanishCalendar

    public init(delivery: PhysicalDelivery, minimum: Money = .zero, calendar: DanishCalendar = DanishCalendar()) {
        self.paakrav = PaakravRules(calendar: calendar)
        self.delivery = delivery
        self.minimum = minimum
        self.calendar = calendar
    }

    /// The deadline a påkrav made on `sentOn` states. It is counted from the latest arrival the
    /// letter can expect: as if it went on paper and were handed to the carrier on the next bank
    /// day. A letter that goes digitally or arrives sooner gives the tenant more time than the law
    /// asks, never less. Should its actual arrival be later still, the case's deadline is the
    /// law's (`decide`) and the stated one is not relied on.
    public func statedDeadline(sentOn: LocalDate) -> LocalDate {
        paakrav.paymentDeadline(arrived: delivery.latestArrival(sentOn: sentOn, calendar: calendar))
    }

    /// Bank days a caseworker has, after a påkrav's stated deadline, to decide whether the lease is
    /// ophævet (the administration's policy).
    public static let decisionBankDays = 3

    /// By when a caseworker is to decide on a påkrav made with `statedDeadline` (if it is not paid):
    /// the 3rd bank day after it. The inbox shows it as the case's deadline.
    public func decisionDue(statedDeadline: LocalDate) -> LocalDate {
        calendar.adding(bankDays: Self.decisionBankDays, to: statedDeadline)
    }

    /// The deadline that counts once the påkrav has arrived: the later of the stated one and 14
    /// days from the arrival (ALL § 90, stk. 2). When the law's is the later, the påkrav itself is
    /// in doubt (`decide` says `statedDeadlineTooShort`).
    public func deadline(of sent: SentPaakrav) -> LocalDate? {
        guard let arrived = sent.arrived else { return nil }
        return max(sent.statedDeadline, paakrav.paymentDeadline(arrived: arrived))
    }

    /// What is still unpaid of a påkrav's demand, counting the payments booked with dates up to
    /// `date` beyond those the account held when it was made.
    public func stillOwed(_ sent: SentPaakrav, _ ledger: Ledger, at date: LocalDate) -> Money {
        let paid = ledger.entries.reduce(Money.zero) { sum, entry in
            entry.kind == .payment && entry.date <= date ? sum + entry.amount : sum
        }
        let since = max(Money.zero, paid - sent.paidBefore)
        return max(Money.zero, sent.demanded - since)
    }

    /// The decision for a lease with `ledger` on `date`, given the påkrav whose case is open, if any.
    public func decide(_ ledger: Ledger, on date: LocalDate, sent: SentPaakrav?) -> ArrearsDecision {
        if let sent { return decide(ledger, on: date, after: sent) }
        let unpaid = ledger.unpaid(at: date)
        guard !unpaid.isEmpty else { return .nothingOwed }
        let due = unpaid.filter { paakrav.earliestPaakravDate(due: $0.entry.date) <= date }
        guard !due.isEmpty else {
            let from = unpaid.map { paakrav.earliestPaakravDate(due: $0.entry.date) }.min() ?? date
            return .tooEarly(owed: Self.sum(unpaid), from: from)
        }
        guard Self.sum(due) >= minimum else { return .belowMinimum(owed: Self.sum(unpaid)) }
        return .paakravDue(charges: due)
    }

    private func decide(_ ledger: Ledger, on date: LocalDate, after sent: SentPaakrav) -> ArrearsDecision {
        let owed = stillOwed(sent, ledger, at: date)
        guard let arrived = sent.arrived else { return owed > .zero ? .awaitingArrival(owed: owed) : .paidSince }
        let law = paakrav.paymentDeadline(arrived: arrived)
        let deadline = max(sent.statedDeadline, law)
        if owed == .zero {
            // Paid by the deadline closes the case; paid after it is the caseworker's to weigh.
            let byDeadline = stillOwed(sent, ledger, at: min(date, deadline))
            return byDeadline == .zero ? .paidSince : .paidAfterDeadline(deadline: deadline)
        }
        if law > sent.statedDeadline { return .statedDeadlineTooShort(owed: owed, lawDeadline: law) }
        if date <= deadline { return .awaitingPayment(owed: owed, deadline: deadline) }
        return .ophaevelsePossible(owed: owed, from: deadline.adding(days: 1))
    }

    /// The sum of what is unpaid of `charges`.
    public static func sum(_ charges: [UnpaidCharge]) -> Money {
        charges.reduce(Money.zero) { $0 + $1.unpaid }
    }
}
