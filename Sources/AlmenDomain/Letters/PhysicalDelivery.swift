/// When a physical letter is expected to arrive (kommet frem): the carrier's delivery time in
/// bank days after the dispatch date (rules.md §3: "for a physical letter, use the carrier's
/// expected delivery date (configurable) and keep the dispatch record"). A påkrav's 14 days run
/// from this date.
public struct PhysicalDelivery: Sendable, Equatable {
    /// The carrier's promised delivery time in bank days (PostNord's ordinary letter: 5 hverdage
    /// is the organisations' usual assumption; configurable).
    public let bankDays: Int

    public init(bankDays: Int) {
        precondition(bankDays >= 0, "A delivery time cannot be negative")
        self.bankDays = bankDays
    }

    /// The latest a letter made on `sentOn` can be expected to arrive: on paper, handed to the
    /// carrier on the next bank day. Dates a legal letter states are counted from it, so a letter
    /// that goes digitally or arrives sooner gives the recipient more time, never less.
    public func latestArrival(sentOn: LocalDate, calendar: DanishCalendar = DanishCalendar()) -> LocalDate {
        expectedArrival(dispatched: calendar.nextBankDay(after: sentOn), calendar: calendar)
    }

    /// The expected arrival of a letter handed to the carrier on `dispatched`: that many bank days
    /// later. A letter dispatched on a day the carrier does not work counts from the next bank day.
    public func expectedArrival(dispatched: LocalDate, calendar: DanishCalendar = DanishCalendar()) -> LocalDate {
        var day = calendar.nextBankDay(onOrAfter: dispatched)
        for _ in 0..<bankDays {
            day = calendar.nextBankDay(after: day)
        }
        return day
    }
}
