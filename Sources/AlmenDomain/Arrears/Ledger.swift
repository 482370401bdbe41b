/// Postering: one line of a lease's account. Amounts are positive; `kind` says which way they go.
public struct LedgerEntry: Sendable, Hashable, Codable {
    /// What a line is. Everything but a payment is owed (rules.md §3: the påkrav fee is rent-like
    /// money owed).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Husleje.
        case rent
        /// Påkravsgebyr and other fees the lease carries.
        case fee
        /// Other amounts owed under the lease (varme, vand, ...).
        case other
        /// Indbetaling.
        case payment
    }

    public let kind: Kind
    /// Forfaldsdag for what is owed; the day it was paid for a payment.
    public let date: LocalDate
    public let amount: Money
    /// What the line is for, as the account shows it ("Husleje november 2026").
    public let text: String

    public init(kind: Kind, date: LocalDate, amount: Money, text: String) {
        self.kind = kind
        self.date = date
        self.amount = amount
        self.text = text
    }

    public var isOwed: Bool { kind != .payment }
}

/// An amount owed, with what is still unpaid of it after the payments up to a day.
public struct UnpaidCharge: Sendable, Hashable, Codable {
    public let entry: LedgerEntry
    public let unpaid: Money

    public init(entry: LedgerEntry, unpaid: Money) {
        self.entry = entry
        self.unpaid = unpaid
    }
}

/// Lejekonto: a lease's charges and payments. Payments settle the oldest amounts owed first, the
/// way a tenant's account is kept, so "what is unpaid" is the newest charges.
public struct Ledger: Sendable {
    public let entries: [LedgerEntry]

    public init(_ entries: [LedgerEntry]) {
        self.entries = entries
    }

    /// Saldo: what fell due on or before `date` less what was paid on or before it. Positive is
    /// owed by the tenant; negative is paid in advance.
    public func balance(at date: LocalDate) -> Money {
        entries.reduce(Money.zero) { sum, entry in
            guard entry.date <= date else { return sum }
            return entry.isOwed ? sum + entry.amount : sum - entry.amount
        }
    }

    /// The amounts due on or before `date` that the payments made on or before it do not cover,
    /// oldest first, each with its unpaid part.
    public func unpaid(at date: LocalDate) -> [UnpaidCharge] {
        var credit = entries.reduce(Money.zero) { sum, entry in
            entry.kind == .payment && entry.date <= date ? sum + entry.amount : sum
        }
        // Oldest first; on the same day rent before fees before other amounts, then by text, so
        // the order never depends on the order of the import.
        let owed = entries.filter { $0.isOwed && $0.date <= date }.sorted { lhs, rhs in
            if lhs.date != rhs.date { return lhs.date < rhs.date }
            if lhs.kind != rhs.kind { return Self.order(lhs.kind) < Self.order(rhs.kind) }
            return lhs.text < rhs.text
        }
        var result: [UnpaidCharge] = []
        for entry in owed {
            let settled = min(credit, entry.amount)
            credit = credit - settled
            if settled < entry.amount {
                result.append(UnpaidCharge(entry: entry, unpaid: entry.amount - settled))
            }
        }
        return result
    }

    private static func order(_ kind: LedgerEntry.Kind) -> Int {
        switch kind {
        case .rent: 0
        case .fee: 1
        case .other: 2
        case .payment: 3
        }
    }
}
