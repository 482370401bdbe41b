/// Påkravsforløb: the dates of one rent arrears case under ALL § 90, with the working shown.
public struct PaakravSchedule: Sendable, Hashable, Codable {
    /// Forfaldsdag: the day the rent fell due.
    public let due: LocalDate
    /// Sidste rettidige betalingsdag: `due`, moved to the next bank day if need be.
    public let lastTimelyPaymentDate: LocalDate
    /// The 1st, 2nd and 3rd hverdag after `lastTimelyPaymentDate`.
    public let countedHverdage: [LocalDate]
    /// The first day a påkrav may be sent.
    public let earliestPaakravDate: LocalDate
    /// The day the påkrav arrived (kom frem), when known.
    public let arrived: LocalDate?
    /// Betalingsfrist: the last day the tenant can pay arrears and fee, when `arrived` is known.
    public let paymentDeadline: LocalDate?
    /// The first day the lease can be ophævet if the arrears are still unpaid, when `arrived` is
    /// known. The decision stays with a caseworker (rules.md §3).
    public let earliestOphaevelseDate: LocalDate?
}
