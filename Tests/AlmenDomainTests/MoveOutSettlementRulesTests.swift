import AlmenDomain
import Testing

/// The final settlement after a move-out (rules.md §7), against amounts worked out by hand.
@Suite("Move-out settlement")
struct MoveOutSettlementRulesTests {
    let rules = MoveOutSettlementRules()

    /// A row of the table: the input in kroner (nil estimate: none given), and the figures
    /// expected, also in kroner.
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let movedIn: String
        let movedOut: String
        let deposit: Int64
        let repairs: Int64
        var damages: Int64 = 0
        var estimate: Int64? = nil
        var rent: Int64 = 0
        var loan: Int64 = 0
        var pending = false
        var perMonth = 100
        let months: Int
        let departmentShare: Int64
        var reduction: Int64 = 0
        var loanRepaid: Int64 = 0
        var withheld: Int64 = 0
        let payout: Int64
        let toPay: Int64

        var testDescription: String { name }
    }

    static let rows: [Row] = [
        // Six years: the department pays 72 % of 10,000; 15,000 - 2,800 = 12,200 back, of which
        // 1,000 waits for the consumption accounts.
        Row(
            name: "six years, accounts pending",
            movedIn: "2020-10-01",
            movedOut: "2026-10-01",
            deposit: 15_000,
            repairs: 10_000,
            pending: true,
            months: 72,
            departmentShare: 7_200,
            withheld: 1_000,
            payout: 11_200,
            toPay: 0
        ),
        // Over 100 months: the department pays everything.
        Row(
            name: "sixteen years: the department pays all",
            movedIn: "2010-01-15",
            movedOut: "2026-11-30",
            deposit: 12_000,
            repairs: 9_000,
            months: 202,
            departmentShare: 9_000,
            payout: 12_000,
            toPay: 0
        ),
        // A day short of two years: 23 months, 23 % of 20,000 = 4,600; the tenant's 15,400 and
        // 5,000 of damage is 20,400, over the estimate's 15,000 + 10 % = 16,500, so 3,900 off;
        // with 2,000 rent owed: 18,500 against a deposit of 10,000.
        Row(
            name: "over the estimate",
            movedIn: "2024-03-15",
            movedOut: "2026-03-14",
            deposit: 10_000,
            repairs: 20_000,
            damages: 5_000,
            estimate: 15_000,
            rent: 2_000,
            pending: true,
            months: 23,
            departmentShare: 4_600,
            reduction: 3_900,
            payout: 0,
            toPay: 8_500
        ),
        // Within the estimate and 10 %: nothing off.
        Row(
            name: "within the estimate",
            movedIn: "2024-03-15",
            movedOut: "2026-03-15",
            deposit: 30_000,
            repairs: 10_000,
            estimate: 7_000,
            months: 24,
            departmentShare: 2_400,
            payout: 22_400,
            toPay: 0
        ),
        // 12 months, 12 % of 5,000: 15,600 back; the municipal loan of 12,000 first, then 1,000
        // withheld from the 3,600 left.
        Row(
            name: "a deposit loan first",
            movedIn: "2025-01-01",
            movedOut: "2026-01-01",
            deposit: 20_000,
            repairs: 5_000,
            loan: 12_000,
            pending: true,
            months: 12,
            departmentShare: 600,
            loanRepaid: 12_000,
            withheld: 1_000,
            payout: 2_600,
            toPay: 0
        ),
        // Less back than the loan: all of it to the municipality, nothing withheld.
        Row(
            name: "a loan larger than the refund",
            movedIn: "2026-06-10",
            movedOut: "2026-07-09",
            deposit: 5_000,
            repairs: 4_000,
            loan: 3_000,
            pending: true,
            months: 0,
            departmentShare: 0,
            loanRepaid: 1_000,
            payout: 0,
            toPay: 0
        ),
        // Exactly 1,000 back: only more than 1,000 is withheld from.
        Row(
            name: "exactly 1,000 back",
            movedIn: "2026-06-10",
            movedOut: "2026-07-09",
            deposit: 6_000,
            repairs: 5_000,
            pending: true,
            months: 0,
            departmentShare: 0,
            payout: 1_000,
            toPay: 0
        ),
        // A department that takes 2 % a month: 30 months, 60 %.
        Row(
            name: "2 % a month",
            movedIn: "2024-05-01",
            movedOut: "2026-11-01",
            deposit: 8_000,
            repairs: 10_000,
            perMonth: 200,
            months: 30,
            departmentShare: 6_000,
            payout: 4_000,
            toPay: 0
        ),
        // The rent owed eats the deposit: the tenant pays the rest.
        Row(
            name: "rent owed beyond the deposit",
            movedIn: "2025-11-01",
            movedOut: "2026-11-01",
            deposit: 5_000,
            repairs: 0,
            rent: 6_500,
            pending: true,
            months: 12,
            departmentShare: 0,
            payout: 0,
            toPay: 1_500
        ),
    ]

    @Test("A settlement's figures", arguments: rows)
    func settles(_ row: Row) {
        let settlement = rules.settle(
            MoveOutSettlementInput(
                movedIn: day(row.movedIn),
                movedOut: day(row.movedOut),
                deposit: Money(kroner: row.deposit),
                normalRepairs: Money(kroner: row.repairs),
                damages: Money(kroner: row.damages),
                estimate: row.estimate.map { Money(kroner: $0) },
                rentOwed: Money(kroner: row.rent),
                depositLoan: Money(kroner: row.loan),
                consumptionPending: row.pending,
                sharePerMonthBasisPoints: row.perMonth
            )
        )
        #expect(settlement.monthsLived == row.months)
        #expect(settlement.departmentShare == Money(kroner: row.departmentShare))
        #expect(settlement.reduction == Money(kroner: row.reduction))
        #expect(settlement.loanRepaid == Money(kroner: row.loanRepaid))
        #expect(settlement.withheld == Money(kroner: row.withheld))
        #expect(settlement.payout == Money(kroner: row.payout))
        #expect(settlement.toPay == Money(kroner: row.toPay))
        // The letter's lines add up to what is owed, or to minus what is paid back.
        let sum = settlement.lines.reduce(Money.zero) { $0 + $1.amount }
        #expect(sum == settlement.toPay - settlement.payout)
        #expect(settlement.lines.first?.kind == .deposit)
    }

    @Test("The department's share is rounded to the øre, half up")
    func rounding() {
        // 1 % of 333.33 kr. is 3.3333 kr.: 3.33; 1 % of 333.50 kr. is 3.335: 3.34.
        for (repairs, share) in [(Int64(33_333), Int64(333)), (33_350, 334)] {
            let settlement = rules.settle(
                MoveOutSettlementInput(
                    movedIn: day("2026-01-10"),
                    movedOut: day("2026-02-10"),
                    deposit: Money(kroner: 1_000),
                    normalRepairs: Money(ore: repairs)
                )
            )
            #expect(settlement.departmentShare == Money(ore: share))
        }
    }

    @Test(
        "Whole months lived",
        arguments: [
            ("2026-03-15", "2026-04-14", 0), ("2026-03-15", "2026-04-15", 1),
            // A month on from 31 January is the last day of February.
            ("2027-01-31", "2027-02-28", 1), ("2024-01-31", "2024-02-28", 0), ("2024-01-31", "2024-02-29", 1),
            ("2020-10-01", "2026-10-01", 72), ("2026-05-01", "2026-04-01", 0), ("2026-05-01", "2026-05-01", 0),
        ]
    )
    func months(start: String, end: String, months: Int) {
        #expect(MoveOutSettlementRules.wholeMonths(from: day(start), to: day(end)) == months)
    }
}
