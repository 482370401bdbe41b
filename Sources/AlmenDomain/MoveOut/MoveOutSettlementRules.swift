/// Flytteopgørelse: the final settlement after a tenant moves out (rules.md §7). What the tenant
/// pays of the normal repairs (normalistandsættelse) shrinks with the months they lived there, as
/// the department's share grows (as its maintenance rules set it; 1 % a month by default); damage
/// (misligholdelse) is theirs in full; their share of both may not exceed the inspection's
/// estimate by more than 10 %; unpaid rent is set off against the deposit (indskud). Of what is
/// left to pay back, a municipal deposit loan is repaid first, and 1,000 kr. is withheld until the
/// final consumption accounts (water, heat) are made when more than that is to be paid back. Pure:
/// every amount in øre; the department's share is rounded to the øre half up, the cap (the
/// estimate and 10 %) down, so the cap never exceeds the law's.
public struct MoveOutSettlementRules: Sendable {
    /// The department's share of normal repairs per whole month lived, in basis points (1 %).
    public static let defaultSharePerMonthBasisPoints = 100
    /// Withheld for the final consumption accounts when more than this is to be paid back.
    public static let consumptionWithholding = Money(kroner: 1_000)
    /// The tenant's share may exceed the inspection's estimate by at most this many per cent.
    public static let estimateTolerancePercent: Int64 = 10

    public init() {}

    public func settle(_ input: MoveOutSettlementInput) -> MoveOutSettlement {
        let months = Self.wholeMonths(from: input.movedIn, to: input.movedOut)
        let basisPoints = min(10_000, max(0, months) * input.sharePerMonthBasisPoints)
        let departmentShare = Money(ore: (input.normalRepairs.ore * Int64(basisPoints) + 5_000) / 10_000)
        let tenantRepairs = input.normalRepairs - departmentShare
        let share = tenantRepairs + input.damages
        let cap = input.estimate.map { Money(ore: $0.ore * (100 + Self.estimateTolerancePercent) / 100) }
        let reduction = cap.map { share > $0 ? share - $0 : .zero } ?? .zero
        let owed = share - reduction + input.rentOwed
        let refundable = input.deposit > owed ? input.deposit - owed : .zero
        let loanRepaid = min(refundable, input.depositLoan)
        let afterLoan = refundable - loanRepaid
        let withheld =
            input.consumptionPending && afterLoan > Self.consumptionWithholding ? Self.consumptionWithholding : .zero
        return MoveOutSettlement(
            input: input,
            monthsLived: months,
            departmentShareBasisPoints: basisPoints,
            departmentShare: departmentShare,
            tenantRepairs: tenantRepairs,
            cap: cap,
            reduction: reduction,
            loanRepaid: loanRepaid,
            withheld: withheld,
            payout: afterLoan - withheld,
            toPay: owed > input.deposit ? owed - input.deposit : .zero
        )
    }

    /// Whole months from `start` to `end`: from 15 March to 14 April is 0, to 15 April 1; from
    /// 31 January to 28 February 2027 is 1 (a month on from the 31st ends on the month's last
    /// day). 0 when `end` is before `start`.
    public static func wholeMonths(from start: LocalDate, to end: LocalDate) -> Int {
        guard end > start else { return 0 }
        var months = (end.year - start.year) * 12 + (end.month - start.month)
        if start.adding(months: months) > end { months -= 1 }
        return max(0, months)
    }
}

/// What a settlement is made from: the lease's dates and deposit, and the caseworker's figures
/// from the inspection and the account.
public struct MoveOutSettlementInput: Sendable, Equatable {
    public let movedIn: LocalDate
    public let movedOut: LocalDate
    /// The deposit (indskud) the tenant paid.
    public let deposit: Money
    /// Normalistandsættelse in full: walls, ceilings, cleaning. The department pays a share.
    public let normalRepairs: Money
    /// Misligholdelse: damage beyond normal wear, the tenant's in full.
    public let damages: Money
    /// The tenant's share in the inspection report's cost estimate, when it gave one.
    public let estimate: Money?
    /// Rent and other amounts owed on the account at the move-out.
    public let rentOwed: Money
    /// What is left of a municipal deposit loan (kommunalt indskudslån), repaid first.
    public let depositLoan: Money
    /// The final water and heating accounts are not made yet.
    public let consumptionPending: Bool
    public let sharePerMonthBasisPoints: Int

    public init(
        movedIn: LocalDate,
        movedOut: LocalDate,
        deposit: Money,
        normalRepairs: Money,
        damages: Money = .zero,
        estimate: Money? = nil,
        rentOwed: Money = .zero,
        depositLoan: Money = .zero,
        consumptionPending: Bool = false,
        sharePerMonthBasisPoints: Int = MoveOutSettlementRules.defaultSharePerMonthBasisPoints
    ) {
        self.movedIn = movedIn
        self.movedOut = movedOut
        self.deposit = deposit
        self.normalRepairs = normalRepairs
        self.damages = damages
        self.estimate = estimate
        self.rentOwed = rentOwed
        self.depositLoan = depositLoan
        self.consumptionPending = consumptionPending
        self.sharePerMonthBasisPoints = sharePerMonthBasisPoints
    }
}

/// The settlement: each step's amount, and what is paid back or owed.
public struct MoveOutSettlement: Sendable, Equatable {
    public let input: MoveOutSettlementInput
    public let monthsLived: Int
    /// The department's share of the normal repairs, in basis points (at most 100 %).
    public let departmentShareBasisPoints: Int
    public let departmentShare: Money
    public let tenantRepairs: Money
    /// The most the tenant's share may be: the estimate and 10 %.
    public let cap: Money?
    /// How much the tenant's share was reduced to keep within `cap`.
    public let reduction: Money
    /// Paid to the municipality from what was to be paid back.
    public let loanRepaid: Money
    /// Kept until the consumption accounts are made.
    public let withheld: Money
    /// Paid to the tenant's NemKonto now.
    public let payout: Money
    /// What the tenant must pay.
    public let toPay: Money

    /// The settlement's lines in order, each with what it adds to the tenant's debt (a credit is
    /// negative); they sum to `toPay`, or to minus `payout`. Lines of nothing are left out, but
    /// the deposit and the normal repairs always stand.
    public var lines: [MoveOutSettlementLine] {
        var lines: [MoveOutSettlementLine] = [
            .init(.deposit, Money.zero - input.deposit),
            .init(.normalRepairs, input.normalRepairs),
        ]
        if departmentShare > .zero { lines.append(.init(.departmentShare, Money.zero - departmentShare)) }
        if input.damages > .zero { lines.append(.init(.damages, input.damages)) }
        if reduction > .zero { lines.append(.init(.estimateCap, Money.zero - reduction)) }
        if input.rentOwed > .zero { lines.append(.init(.rentOwed, input.rentOwed)) }
        if loanRepaid > .zero { lines.append(.init(.depositLoan, loanRepaid)) }
        if withheld > .zero { lines.append(.init(.withheld, withheld)) }
        return lines
    }
}

/// One line of a settlement.
public struct MoveOutSettlementLine: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case deposit
        case normalRepairs
        case departmentShare
        case damages
        case estimateCap
        case rentOwed
        case depositLoan
        case withheld
    }

    public let kind: Kind
    public let amount: Money

    public init(_ kind: Kind, _ amount: Money) {
        self.kind = kind
        self.amount = amount
    }
}
