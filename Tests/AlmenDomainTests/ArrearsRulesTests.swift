import AlmenDomain
import Testing

// Rent arrears, ALL § 90 (rules.md §3): the lease account (`Ledger`) and the daily run's decision
// (`ArrearsRules`). Every expected date is worked out by hand from a printed calendar; the comment
// above a row shows the working. Bank days follow `DanishCalendar`: Monday to Friday except
// helligdage and Grundlovsdag (juleaften and nytårsaften are bank days there, rules.md §1).
// Hverdage are every day but Sundays and helligdage (Saturdays and Grundlovsdag count).
//
// Holidays used: 2026 Nytårsdag Thu 1 Jan, Skærtorsdag Thu 2 Apr, Langfredag Fri 3 Apr, Påskedag
// Sun 5 Apr, 2. påskedag Mon 6 Apr, Kristi himmelfartsdag Thu 14 May, Pinsedag Sun 24 May,
// 2. pinsedag Mon 25 May, Grundlovsdag Fri 5 Jun, Juledag Fri 25 Dec, 2. juledag Sat 26 Dec;
// 2027 Nytårsdag Fri 1 Jan, Påskedag Sun 28 Mar, Kristi himmelfartsdag Thu 6 May, 2. pinsedag
// Mon 17 May, Grundlovsdag Sat 5 Jun.

private let monthlyRent = Money(kroner: 5_000)
private let paakravFee = Money(kroner: 314)

/// Husleje due on `iso`.
private func rent(_ iso: String, _ amount: Money = monthlyRent) -> LedgerEntry {
    LedgerEntry(kind: .rent, date: day(iso), amount: amount, text: "Husleje \(iso)")
}

/// Påkravsgebyr, booked on the day the påkrav is made.
private func fee(_ iso: String) -> LedgerEntry {
    LedgerEntry(kind: .fee, date: day(iso), amount: paakravFee, text: "Påkravsgebyr \(iso)")
}

/// Another amount owed under the lease (varme, vand, ...).
private func other(_ iso: String, _ kroner: Int64, _ text: String) -> LedgerEntry {
    LedgerEntry(kind: .other, date: day(iso), amount: Money(kroner: kroner), text: text)
}

/// Indbetaling on `iso`.
private func payment(_ iso: String, _ amount: Money) -> LedgerEntry {
    LedgerEntry(kind: .payment, date: day(iso), amount: amount, text: "Indbetaling \(iso)")
}

/// `entry` with `amount` of it unpaid; all of it when `amount` is nil.
private func unpaid(_ entry: LedgerEntry, _ amount: Money? = nil) -> UnpaidCharge {
    UnpaidCharge(entry: entry, unpaid: amount ?? entry.amount)
}

/// A påkrav made on `sentOn` whose letter states `stated`; it demanded `demanded`, its fee included,
/// when the account held payments of `paidBefore` in all.
private func sent(
    _ sentOn: String,
    stated: String,
    arrived: String?,
    demanded: Money,
    paidBefore: Money
) -> SentPaakrav {
    SentPaakrav(
        sentOn: day(sentOn),
        statedDeadline: day(stated),
        arrived: arrived.map(day),
        demanded: demanded,
        paidBefore: paidBefore
    )
}

// MARK: - Ledger

@Suite("Lejekonto: balance and unpaid amounts, oldest paid first")
struct LedgerTests {
    /// Deliberately not in date order: the account sorts, the import order does not matter.
    static let account = [
        payment("2026-03-03", Money(kroner: 8_000)),
        rent("2026-03-01"),
        fee("2026-02-09"),
        payment("2026-02-05", Money(kroner: 2_000)),
        rent("2026-02-01"),
    ]

    static let prepaid = [
        rent("2026-04-01"),
        rent("2026-03-01"),
        payment("2026-02-20", Money(kroner: 10_000)),
    ]

    /// Three amounts owed on one day, in an order the account must not rely on.
    static let sameDay = [
        other("2026-02-01", 400, "Varme"),
        fee("2026-02-01"),
        payment("2026-02-01", Money(kroner: 5_100)),
        other("2026-02-01", 200, "Vand"),
        rent("2026-02-01"),
    ]

    static let partlyPaidInOre = [
        rent("2026-02-01"),
        payment("2026-02-04", Money(ore: 123_456)),
    ]

    struct BalanceRow: Sendable, CustomTestStringConvertible {
        let behaviour: String
        let entries: [LedgerEntry]
        let at: String
        let balance: Money
        var testDescription: String { behaviour }
    }

    static let balanceRows: [BalanceRow] = [
        BalanceRow(behaviour: "Empty account", entries: [], at: "2026-02-01", balance: .zero),
        BalanceRow(behaviour: "Before the first charge", entries: account, at: "2026-01-31", balance: .zero),
        // Rent 5.000 due that very day counts.
        BalanceRow(
            behaviour: "On the due day the rent counts",
            entries: account,
            at: "2026-02-01",
            balance: Money(kroner: 5_000)
        ),
        // 5.000 - 2.000.
        BalanceRow(
            behaviour: "A payment counts on its own day",
            entries: account,
            at: "2026-02-05",
            balance: Money(kroner: 3_000)
        ),
        // 5.000 - 2.000 + 314.
        BalanceRow(
            behaviour: "The fee is owed like rent",
            entries: account,
            at: "2026-02-09",
            balance: Money(kroner: 3_314)
        ),
        // 5.000 - 2.000 + 314 + 5.000; the payment of 3 March is not counted yet.
        BalanceRow(
            behaviour: "The day before a payment",
            entries: account,
            at: "2026-03-02",
            balance: Money(kroner: 8_314)
        ),
        // 10.314 owed - 10.000 paid.
        BalanceRow(
            behaviour: "After both payments 314 is left",
            entries: account,
            at: "2026-03-03",
            balance: Money(kroner: 314)
        ),
        // 5.000 - 1.234,56.
        BalanceRow(
            behaviour: "Øre are kept exact",
            entries: partlyPaidInOre,
            at: "2026-02-04",
            balance: Money(ore: 376_544)
        ),
        BalanceRow(
            behaviour: "Paid in advance: negative",
            entries: prepaid,
            at: "2026-02-20",
            balance: Money(kroner: -10_000)
        ),
        // 5.000 - 10.000.
        BalanceRow(
            behaviour: "Prepayment after March's rent: still 5.000 in hand",
            entries: prepaid,
            at: "2026-03-01",
            balance: Money(kroner: -5_000)
        ),
        // 10.000 - 10.000.
        BalanceRow(
            behaviour: "Prepayment used up by April's rent",
            entries: prepaid,
            at: "2026-04-01",
            balance: .zero
        ),
        // 5.000 + 314 + 400 + 200 - 5.100.
        BalanceRow(
            behaviour: "Several amounts and a payment on one day",
            entries: sameDay,
            at: "2026-02-01",
            balance: Money(kroner: 814)
        ),
    ]

    @Test("Balance: owed up to the day less paid up to the day", arguments: balanceRows)
    func balance(row: BalanceRow) {
        #expect(Ledger(row.entries).balance(at: day(row.at)) == row.balance)
    }

    struct UnpaidRow: Sendable, CustomTestStringConvertible {
        let behaviour: String
        let entries: [LedgerEntry]
        let at: String
        let unpaid: [UnpaidCharge]
        var testDescription: String { behaviour }
    }

    static let unpaidRows: [UnpaidRow] = [
        UnpaidRow(behaviour: "Empty account", entries: [], at: "2026-02-01", unpaid: []),
        UnpaidRow(behaviour: "Before the first charge", entries: account, at: "2026-01-31", unpaid: []),
        UnpaidRow(
            behaviour: "On the due day the rent is unpaid",
            entries: account,
            at: "2026-02-01",
            unpaid: [unpaid(rent("2026-02-01"))]
        ),
        // 2.000 paid of February's 5.000.
        UnpaidRow(
            behaviour: "A part payment leaves the rest of the charge",
            entries: account,
            at: "2026-02-05",
            unpaid: [unpaid(rent("2026-02-01"), Money(kroner: 3_000))]
        ),
        UnpaidRow(
            behaviour: "The fee comes after the older rent",
            entries: account,
            at: "2026-02-09",
            unpaid: [unpaid(rent("2026-02-01"), Money(kroner: 3_000)), unpaid(fee("2026-02-09"))]
        ),
        UnpaidRow(
            behaviour: "Oldest first; a charge after the day is left out",
            entries: account,
            at: "2026-03-02",
            unpaid: [
                unpaid(rent("2026-02-01"), Money(kroner: 3_000)),
                unpaid(fee("2026-02-09")),
                unpaid(rent("2026-03-01")),
            ]
        ),
        // 10.000 paid: February 5.000, fee 314, then 4.686 of March: 314 of March is left.
        UnpaidRow(
            behaviour: "Payments settle the oldest first, leaving part of the newest month",
            entries: account,
            at: "2026-03-03",
            unpaid: [unpaid(rent("2026-03-01"), Money(kroner: 314))]
        ),
        // 5.000,00 - 1.234,56 = 3.765,44.
        UnpaidRow(
            behaviour: "Øre are kept exact",
            entries: partlyPaidInOre,
            at: "2026-02-04",
            unpaid: [unpaid(rent("2026-02-01"), Money(ore: 376_544))]
        ),
        UnpaidRow(behaviour: "Paid in advance: nothing unpaid", entries: prepaid, at: "2026-03-01", unpaid: []),
        UnpaidRow(behaviour: "Prepayment used up exactly", entries: prepaid, at: "2026-04-01", unpaid: []),
        // Same day: rent, then fee, then other amounts by text (Vand before Varme). 5.100 pays the
        // rent 5.000 and 100 of the fee; 214 of the fee, Vand 200 and Varme 400 are left.
        UnpaidRow(
            behaviour: "Same day: rent, fee, then other amounts by text",
            entries: sameDay,
            at: "2026-02-01",
            unpaid: [
                unpaid(fee("2026-02-01"), Money(kroner: 214)),
                unpaid(other("2026-02-01", 200, "Vand")),
                unpaid(other("2026-02-01", 400, "Varme")),
            ]
        ),
    ]

    @Test("Unpaid: what the payments up to the day do not cover, oldest first", arguments: unpaidRows)
    func unpaidCharges(row: UnpaidRow) {
        #expect(Ledger(row.entries).unpaid(at: day(row.at)) == row.unpaid)
    }
}

// MARK: - Arrears decision

@Suite("Rent arrears: the daily run's decision, ALL § 90")
struct ArrearsRulesTests {
    let rules = ArrearsRules(delivery: PhysicalDelivery(bankDays: 5))
    /// Smallest påkrav 100,00 kr (an organisation's policy; `rules` has none).
    let minimumRules = ArrearsRules(delivery: PhysicalDelivery(bankDays: 5), minimum: Money(kroner: 100))

    struct StatedRow: Sendable, CustomTestStringConvertible {
        let behaviour: String
        let sentOn: String
        let stated: String
        var testDescription: String { behaviour }
    }

    /// Stated deadline: dispatch on the first bank day after `sentOn`, arrival 5 bank days later,
    /// then 14 days, moved to the next bank day.
    static let statedRows: [StatedRow] = [
        // Sent Fri 6 Feb; dispatch Mon 9 Feb; arrival Tue 10, Wed 11, Thu 12, Fri 13, Mon 16 Feb;
        // + 14 = Mon 2 Mar, a bank day.
        StatedRow(behaviour: "Sent on a Friday", sentOn: "2026-02-06", stated: "2026-03-02"),
        // Sent Sat 7 Feb; dispatch Mon 9 Feb, as above.
        StatedRow(behaviour: "Sent on a Saturday: dispatch Monday", sentOn: "2026-02-07", stated: "2026-03-02"),
        // Sent Thu 26 Mar; dispatch Fri 27 Mar; arrival Mon 30, Tue 31, Wed 1 Apr, (Skærtorsdag,
        // Langfredag, weekend, 2. påskedag skipped) Tue 7, Wed 8 Apr; + 14 = Wed 22 Apr.
        StatedRow(
            behaviour: "Delivery across Easter 2026",
            sentOn: "2026-03-26",
            stated: "2026-04-22"
        ),
        // Sent Wed 1 Apr; next bank day after: Thu 2 Skærtorsdag, Fri 3 Langfredag, Sat, Sun,
        // Mon 6 2. påskedag, so dispatch Tue 7 Apr; arrival Wed 8, Thu 9, Fri 10, Mon 13, Tue 14;
        // + 14 = Tue 28 Apr.
        StatedRow(
            behaviour: "Sent the day before Skærtorsdag: dispatch after Easter",
            sentOn: "2026-04-01",
            stated: "2026-04-28"
        ),
        // Sent Thu 9 Apr; dispatch Fri 10 Apr; arrival Mon 13, Tue 14, Wed 15, Thu 16, Fri 17 Apr;
        // + 14 = Fri 1 May (1 May is no helligdag).
        StatedRow(behaviour: "Day 14 on 1 May, a bank day", sentOn: "2026-04-09", stated: "2026-05-01"),
        // Sent Fri 1 May; dispatch Mon 4 May; arrival Tue 5, Wed 6, Thu 7, Fri 8, Mon 11 May;
        // + 14 = Mon 25 May, 2. pinsedag, so Tue 26 May.
        StatedRow(
            behaviour: "Day 14 on 2. pinsedag 2026: Tuesday",
            sentOn: "2026-05-01",
            stated: "2026-05-26"
        ),
        // Sent Wed 6 May; dispatch Thu 7 May; arrival Fri 8, Mon 11, Tue 12, Wed 13, (Thu 14
        // Kristi himmelfartsdag skipped) Fri 15 May; + 14 = Fri 29 May.
        StatedRow(
            behaviour: "Delivery across Kristi himmelfartsdag 2026",
            sentOn: "2026-05-06",
            stated: "2026-05-29"
        ),
        // Sent Wed 13 May; next bank day after: Thu 14 Kristi himmelfartsdag, so dispatch Fri 15;
        // arrival Mon 18, Tue 19, Wed 20, Thu 21, Fri 22 May; + 14 = Fri 5 Jun, Grundlovsdag; Sat,
        // Sun; so Mon 8 Jun.
        StatedRow(
            behaviour: "Day 14 on Grundlovsdag 2026 (Friday): Monday",
            sentOn: "2026-05-13",
            stated: "2026-06-08"
        ),
        // Sent Wed 12 May 2027; dispatch Thu 13 May; arrival Fri 14, (Mon 17 2. pinsedag skipped)
        // Tue 18, Wed 19, Thu 20, Fri 21 May; + 14 = Fri 4 Jun 2027, a bank day.
        StatedRow(
            behaviour: "Delivery across 2. pinsedag 2027",
            sentOn: "2027-05-12",
            stated: "2027-06-04"
        ),
        // Sent Thu 3 Dec; dispatch Fri 4 Dec; arrival Mon 7, Tue 8, Wed 9, Thu 10, Fri 11 Dec;
        // + 14 = Fri 25 Dec Juledag; Sat 26 2. juledag; Sun 27; so Mon 28 Dec.
        StatedRow(
            behaviour: "Day 14 on Juledag: Monday 28 December",
            sentOn: "2026-12-03",
            stated: "2026-12-28"
        ),
        // Sent Mon 7 Dec; dispatch Tue 8 Dec; arrival Wed 9, Thu 10, Fri 11, Mon 14, Tue 15 Dec;
        // + 14 = Tue 29 Dec, a bank day.
        StatedRow(
            behaviour: "Rent of 1 December: deadline between Christmas and New Year",
            sentOn: "2026-12-07",
            stated: "2026-12-29"
        ),
        // Sent Thu 10 Dec; dispatch Fri 11 Dec; arrival Mon 14, Tue 15, Wed 16, Thu 17, Fri 18 Dec;
        // + 14 = Fri 1 Jan 2027 Nytårsdag; Sat, Sun; so Mon 4 Jan 2027.
        StatedRow(
            behaviour: "Day 14 on Nytårsdag 2027: Monday 4 January",
            sentOn: "2026-12-10",
            stated: "2027-01-04"
        ),
        // Sent Fri 18 Dec; dispatch Mon 21 Dec; arrival Tue 22, Wed 23, Thu 24 (juleaften, a bank
        // day in DanishCalendar), (Fri 25, Sat 26, Sun 27 skipped) Mon 28, Tue 29 Dec;
        // + 14 = Tue 12 Jan 2027.
        StatedRow(
            behaviour: "Delivery across Christmas, juleaften a bank day",
            sentOn: "2026-12-18",
            stated: "2027-01-12"
        ),
    ]

    @Test("Stated deadline: 5 bank days' delivery after the next bank day, then 14 days", arguments: statedRows)
    func statedDeadline(row: StatedRow) {
        #expect(rules.statedDeadline(sentOn: day(row.sentOn)) == day(row.stated))
    }

    struct DecisionRow: Sendable, CustomTestStringConvertible {
        let behaviour: String
        let entries: [LedgerEntry]
        let on: String
        let sent: SentPaakrav?
        let expected: ArrearsDecision
        var testDescription: String { behaviour }
    }

    /// No påkrav sent yet: nothing owed, too early, or a påkrav due.
    static let unsentRows: [DecisionRow] = [
        DecisionRow(
            behaviour: "Empty account: nothing owed",
            entries: [],
            on: "2026-08-07",
            sent: nil,
            expected: .nothingOwed
        ),
        DecisionRow(
            behaviour: "Rent not yet due: nothing owed",
            entries: [rent("2026-08-01")],
            on: "2026-07-31",
            sent: nil,
            expected: .nothingOwed
        ),
        // Due Sat 1 Aug; last timely Mon 3 Aug; hverdage Tue 4, Wed 5, Thu 6; påkrav Fri 7 Aug.
        DecisionRow(
            behaviour: "Due on a Saturday, on the due day: too early, from Friday 7 August",
            entries: [rent("2026-08-01")],
            on: "2026-08-01",
            sent: nil,
            expected: .tooEarly(owed: monthlyRent, from: day("2026-08-07"))
        ),
        DecisionRow(
            behaviour: "Due on a Saturday, on the last timely Monday: too early",
            entries: [rent("2026-08-01")],
            on: "2026-08-03",
            sent: nil,
            expected: .tooEarly(owed: monthlyRent, from: day("2026-08-07"))
        ),
        DecisionRow(
            behaviour: "Due on a Saturday, on the 3rd hverdag Thursday: too early",
            entries: [rent("2026-08-01")],
            on: "2026-08-06",
            sent: nil,
            expected: .tooEarly(owed: monthlyRent, from: day("2026-08-07"))
        ),
        DecisionRow(
            behaviour: "Due on a Saturday, on Friday 7 August: påkrav due",
            entries: [rent("2026-08-01")],
            on: "2026-08-07",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2026-08-01"))])
        ),
        // Due Wed 1 Apr, a bank day; Thu 2 Skærtorsdag and Fri 3 Langfredag are no hverdage;
        // Sat 4 is the 1st; Sun 5 Påskedag and Mon 6 2. påskedag are not; Tue 7 2nd, Wed 8 3rd;
        // påkrav Thu 9 Apr.
        DecisionRow(
            behaviour: "Easter 2026, rent of 1 April, on Wednesday 8 April: too early",
            entries: [rent("2026-04-01")],
            on: "2026-04-08",
            sent: nil,
            expected: .tooEarly(owed: monthlyRent, from: day("2026-04-09"))
        ),
        DecisionRow(
            behaviour: "Easter 2026, rent of 1 April, on Thursday 9 April: påkrav due",
            entries: [rent("2026-04-01")],
            on: "2026-04-09",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2026-04-01"))])
        ),
        // Due Thu 21 May; Fri 22 1st, Sat 23 2nd; Sun 24 Pinsedag and Mon 25 2. pinsedag are no
        // hverdage; Tue 26 3rd; påkrav Wed 27 May.
        DecisionRow(
            behaviour: "Pinse 2026, due Thursday 21 May, on Tuesday 26 May: too early",
            entries: [other("2026-05-21", 2_400, "Varmeregning")],
            on: "2026-05-26",
            sent: nil,
            expected: .tooEarly(owed: Money(kroner: 2_400), from: day("2026-05-27"))
        ),
        DecisionRow(
            behaviour: "Pinse 2026, due Thursday 21 May, on Wednesday 27 May: påkrav due",
            entries: [other("2026-05-21", 2_400, "Varmeregning")],
            on: "2026-05-27",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(other("2026-05-21", 2_400, "Varmeregning"))])
        ),
        // Due Mon 1 Jun; Tue 2, Wed 3, Thu 4 counted; Fri 5 Grundlovsdag is no bank day, then the
        // weekend; påkrav Mon 8 Jun.
        DecisionRow(
            behaviour: "Grundlovsdag 2026, rent of 1 June, on Grundlovsdag itself: too early",
            entries: [rent("2026-06-01")],
            on: "2026-06-05",
            sent: nil,
            expected: .tooEarly(owed: monthlyRent, from: day("2026-06-08"))
        ),
        DecisionRow(
            behaviour: "Grundlovsdag 2026, rent of 1 June, on Monday 8 June: påkrav due",
            entries: [rent("2026-06-01")],
            on: "2026-06-08",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2026-06-01"))])
        ),
        // Due Sat 5 Jun 2027 (Grundlovsdag on a Saturday); last timely Mon 7 Jun; Tue 8, Wed 9,
        // Thu 10 counted; påkrav Fri 11 Jun.
        DecisionRow(
            behaviour: "Due on Grundlovsdag 2027, a Saturday, on Thursday 10 June: too early",
            entries: [other("2027-06-05", 600, "Vandregning")],
            on: "2027-06-10",
            sent: nil,
            expected: .tooEarly(owed: Money(kroner: 600), from: day("2027-06-11"))
        ),
        DecisionRow(
            behaviour: "Due on Grundlovsdag 2027, a Saturday, on Friday 11 June: påkrav due",
            entries: [other("2027-06-05", 600, "Vandregning")],
            on: "2027-06-11",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(other("2027-06-05", 600, "Vandregning"))])
        ),
        // Due Thu 24 Dec, a bank day in DanishCalendar, so the last timely day; Fri 25 Juledag,
        // Sat 26 2. juledag, Sun 27 are no hverdage; Mon 28, Tue 29, Wed 30 counted; påkrav Thu
        // 31 Dec (nytårsaften, a bank day in DanishCalendar).
        DecisionRow(
            behaviour: "Due on juleaften 2026, on Wednesday 30 December: too early",
            entries: [other("2026-12-24", 800, "Varmeregning")],
            on: "2026-12-30",
            sent: nil,
            expected: .tooEarly(owed: Money(kroner: 800), from: day("2026-12-31"))
        ),
        DecisionRow(
            behaviour: "Due on juleaften 2026, on nytårsaften: påkrav due",
            entries: [other("2026-12-24", 800, "Varmeregning")],
            on: "2026-12-31",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(other("2026-12-24", 800, "Varmeregning"))])
        ),
        // Due Thu 31 Dec, a bank day in DanishCalendar, so the last timely day; Fri 1 Jan
        // Nytårsdag is none; Sat 2 1st; Sun 3 none; Mon 4 2nd, Tue 5 3rd; påkrav Wed 6 Jan 2027.
        DecisionRow(
            behaviour: "Due on nytårsaften 2026, on Tuesday 5 January: too early",
            entries: [rent("2026-12-31")],
            on: "2027-01-05",
            sent: nil,
            expected: .tooEarly(owed: monthlyRent, from: day("2027-01-06"))
        ),
        DecisionRow(
            behaviour: "Due on nytårsaften 2026, on Wednesday 6 January: påkrav due",
            entries: [rent("2026-12-31")],
            on: "2027-01-06",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2026-12-31"))])
        ),
        // Due Sat 31 Oct; last timely Mon 2 Nov; Tue 3, Wed 4, Thu 5 counted; påkrav Fri 6 Nov.
        DecisionRow(
            behaviour: "Due Saturday 31 October 2026, on Thursday 5 November: too early",
            entries: [rent("2026-10-31")],
            on: "2026-11-05",
            sent: nil,
            expected: .tooEarly(owed: monthlyRent, from: day("2026-11-06"))
        ),
        DecisionRow(
            behaviour: "Due Saturday 31 October 2026, on Friday 6 November: påkrav due",
            entries: [rent("2026-10-31")],
            on: "2026-11-06",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2026-10-31"))])
        ),
        // Due Sun 31 Jan 2027; last timely Mon 1 Feb; Tue 2, Wed 3, Thu 4 counted; påkrav Fri 5 Feb.
        DecisionRow(
            behaviour: "Due Sunday 31 January 2027, on Thursday 4 February: too early",
            entries: [rent("2027-01-31")],
            on: "2027-02-04",
            sent: nil,
            expected: .tooEarly(owed: monthlyRent, from: day("2027-02-05"))
        ),
        DecisionRow(
            behaviour: "Due Sunday 31 January 2027, on Friday 5 February: påkrav due",
            entries: [rent("2027-01-31")],
            on: "2027-02-05",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2027-01-31"))])
        ),
        // Due Sun 1 Feb; paid in full Tue 10 Feb, after the earliest påkrav day Fri 6 Feb.
        DecisionRow(
            behaviour: "Paid late but before the run: nothing owed",
            entries: [rent("2026-02-01"), payment("2026-02-10", monthlyRent)],
            on: "2026-02-12",
            sent: nil,
            expected: .nothingOwed
        ),
        // 10.000 paid Fri 20 Feb; 5.000 due Sun 1 Mar: balance -5.000.
        DecisionRow(
            behaviour: "Paid in advance: nothing owed",
            entries: [payment("2026-02-20", Money(kroner: 10_000)), rent("2026-03-01")],
            on: "2026-03-10",
            sent: nil,
            expected: .nothingOwed
        ),
        // February unpaid until 5.000 came Mon 2 Mar "for March": it settles February (oldest
        // first), so March is unpaid. Due Sun 1 Mar; last timely Mon 2 Mar; Tue 3, Wed 4, Thu 5
        // counted; påkrav Fri 6 Mar.
        DecisionRow(
            behaviour: "A payment settles the older month: the newest is too early on Thursday 5 March",
            entries: [rent("2026-02-01"), rent("2026-03-01"), payment("2026-03-02", monthlyRent)],
            on: "2026-03-05",
            sent: nil,
            expected: .tooEarly(owed: monthlyRent, from: day("2026-03-06"))
        ),
        DecisionRow(
            behaviour: "A payment settles the older month: påkrav due for the newest on Friday 6 March",
            entries: [rent("2026-02-01"), rent("2026-03-01"), payment("2026-03-02", monthlyRent)],
            on: "2026-03-06",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2026-03-01"))])
        ),
        // 2.000 paid of February. February: due Sun 1 Feb, last timely Mon 2 Feb, påkrav from
        // Fri 6 Feb. March: påkrav from Fri 6 Mar (above), so on Wed 4 Mar only February is due.
        DecisionRow(
            behaviour: "Part payment: only the charge past its earliest day is included",
            entries: [rent("2026-02-01"), payment("2026-02-10", Money(kroner: 2_000)), rent("2026-03-01")],
            on: "2026-03-04",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2026-02-01"), Money(kroner: 3_000))])
        ),
        DecisionRow(
            behaviour: "Part payment: on Friday 6 March both months are included, oldest first",
            entries: [rent("2026-02-01"), payment("2026-02-10", Money(kroner: 2_000)), rent("2026-03-01")],
            on: "2026-03-06",
            sent: nil,
            expected: .paakravDue(
                charges: [unpaid(rent("2026-02-01"), Money(kroner: 3_000)), unpaid(rent("2026-03-01"))]
            )
        ),
        // 7.500,50 paid Tue 3 Mar: February 5.000,00, then 2.500,50 of March; 2.499,50 left.
        DecisionRow(
            behaviour: "Part payment in øre leaves part of the newest month",
            entries: [rent("2026-02-01"), rent("2026-03-01"), payment("2026-03-03", Money(ore: 750_050))],
            on: "2026-03-06",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2026-03-01"), Money(ore: 249_950))])
        ),
        // Rent due Sun 1 Mar: påkrav from Fri 6 Mar. Varme due Tue 3 Mar: Wed 4, Thu 5, Fri 6
        // counted, påkrav from Mon 9 Mar. Too early: owed 5.400, from the oldest's day.
        DecisionRow(
            behaviour: "Two charges, neither past its day: too early from the oldest's day",
            entries: [other("2026-03-03", 400, "Varme"), rent("2026-03-01")],
            on: "2026-03-05",
            sent: nil,
            expected: .tooEarly(owed: Money(kroner: 5_400), from: day("2026-03-06"))
        ),
        // 5.000,00 - 4.999,99 = 0,01 left of August's rent, past its earliest day Fri 7 Aug.
        DecisionRow(
            behaviour: "No minimum by default: 0,01 kr left is påkrav due",
            entries: [rent("2026-08-01"), payment("2026-08-03", Money(ore: 499_999))],
            on: "2026-08-07",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2026-08-01"), Money(ore: 1))])
        ),
    ]

    @Test("Without a påkrav: nothing owed, too early, or påkrav due", arguments: unsentRows)
    func decideUnsent(row: DecisionRow) {
        #expect(rules.decide(Ledger(row.entries), on: day(row.on), sent: row.sent) == row.expected)
    }

    // August 2026: rent due Sat 1 Aug; last timely Mon 3 Aug; Tue 4, Wed 5, Thu 6 counted; påkrav
    // from Fri 7 Aug. Varme due Tue 4 Aug (a bank day, so the last timely day); Wed 5, Thu 6, Fri 7
    // counted; påkrav from the next bank day after Fri 7, Mon 10 Aug.
    //
    // Each tenant paid most of August's rent on Mon 3 Aug: 4.900,01, 4.900 and 4.940.
    static let augustOwing9999 = [rent("2026-08-01"), payment("2026-08-03", Money(ore: 490_001))]
    static let augustOwing10000 = [rent("2026-08-01"), payment("2026-08-03", Money(kroner: 4_900))]
    static let augustOwing60AndVarme = [
        rent("2026-08-01"),
        payment("2026-08-03", Money(kroner: 4_940)),
        other("2026-08-04", 400, "Varme"),
    ]

    /// With a minimum of 100,00 kr: what could be demanded is compared, what is owed is reported.
    static let minimumRows: [DecisionRow] = [
        // 5.000,00 - 4.900,01 = 99,99, past its earliest day Fri 7 Aug.
        DecisionRow(
            behaviour: "99,99 kr due, minimum 100,00: below the minimum",
            entries: augustOwing9999,
            on: "2026-08-07",
            sent: nil,
            expected: .belowMinimum(owed: Money(ore: 9_999))
        ),
        // 5.000 - 4.900 = 100,00: the minimum itself is enough.
        DecisionRow(
            behaviour: "Exactly 100,00 kr due, minimum 100,00: påkrav due",
            entries: augustOwing10000,
            on: "2026-08-07",
            sent: nil,
            expected: .paakravDue(charges: [unpaid(rent("2026-08-01"), Money(kroner: 100))])
        ),
        // Thu 6 Aug is before the earliest day Fri 7 Aug: too early comes before the minimum.
        DecisionRow(
            behaviour: "99,99 kr not yet past its earliest day: too early, not below the minimum",
            entries: augustOwing9999,
            on: "2026-08-06",
            sent: nil,
            expected: .tooEarly(owed: Money(ore: 9_999), from: day("2026-08-07"))
        ),
        // On Fri 7 Aug the 60 left of August's rent may be demanded, the Varme 400 not before
        // Mon 10 Aug: 60 < 100. What is owed is both: 60 + 400 = 460.
        DecisionRow(
            behaviour: "60 kr due and 400 kr not yet: below the minimum, owed 460",
            entries: augustOwing60AndVarme,
            on: "2026-08-07",
            sent: nil,
            expected: .belowMinimum(owed: Money(kroner: 460))
        ),
        // On Mon 10 Aug both may be demanded: 60 + 400 = 460 >= 100.
        DecisionRow(
            behaviour: "60 kr and 400 kr both due on Monday 10 August: påkrav due for both",
            entries: augustOwing60AndVarme,
            on: "2026-08-10",
            sent: nil,
            expected: .paakravDue(
                charges: [unpaid(rent("2026-08-01"), Money(kroner: 60)), unpaid(other("2026-08-04", 400, "Varme"))]
            )
        ),
    ]

    @Test("Below the organisation's minimum no påkrav is sent", arguments: minimumRows)
    func decideMinimum(row: DecisionRow) {
        #expect(minimumRules.decide(Ledger(row.entries), on: day(row.on), sent: row.sent) == row.expected)
    }

    /// What a påkrav for a month's rent demands when nothing of it is paid: 5.000 + fee 314 = 5.314.
    static let rentAndFee = Money(kroner: 5_314)

    // Easter 2026: rent due Wed 1 Apr, påkrav from Thu 9 Apr (above), made that day with its fee.
    // Stated deadline Fri 1 May (see `statedRows`): dispatch Fri 10 Apr, expected arrival Fri 17 Apr.
    // May's rent, due after the påkrav, is on the account too and is never part of its demand.
    static let easter = [rent("2026-04-01"), fee("2026-04-09"), rent("2026-05-01")]

    /// The Easter påkrav: it demanded April's rent 5.000 + fee 314 = 5.314; the account held no
    /// payments when it was made (paid before: 0).
    static func easterPaakrav(arrived: String?) -> SentPaakrav {
        sent("2026-04-09", stated: "2026-05-01", arrived: arrived, demanded: rentAndFee, paidBefore: .zero)
    }

    // Easter 2026 again, but March's rent was paid on Mon 2 Mar and 2.000 of April's on Tue 7 Apr,
    // both on the account before the påkrav of Thu 9 Apr.
    static let easterPartPaid = [
        rent("2026-03-01"),
        payment("2026-03-02", monthlyRent),
        rent("2026-04-01"),
        payment("2026-04-07", Money(kroner: 2_000)),
        fee("2026-04-09"),
        rent("2026-05-01"),
    ]

    /// The påkrav for `easterPartPaid`: it demanded the 3.000 left of April's rent + fee 314 =
    /// 3.314; the account held payments of 5.000 + 2.000 = 7.000 when it was made.
    static func easterPartPaidPaakrav(arrived: String?) -> SentPaakrav {
        sent(
            "2026-04-09",
            stated: "2026-05-01",
            arrived: arrived,
            demanded: Money(kroner: 3_314),
            paidBefore: Money(kroner: 7_000)
        )
    }

    // November 2026: rent due Sun 1 Nov, påkrav from Fri 6 Nov (above), but it was made late, on
    // Wed 2 Dec, with its fee. December's rent fell due Tue 1 Dec, before the påkrav, but could not
    // be demanded before Mon 7 Dec (Wed 2, Thu 3, Fri 4 counted), so it is not in the demand.
    // Stated deadline: dispatch Thu 3 Dec; arrival Fri 4, Mon 7, Tue 8, Wed 9, Thu 10 Dec; + 14 =
    // Thu 24 Dec (juleaften, a bank day in DanishCalendar).
    static let november = [rent("2026-11-01"), rent("2026-12-01"), fee("2026-12-02")]

    /// The November påkrav: it demanded November's rent 5.000 + fee 314 = 5.314; the account held
    /// no payments when it was made.
    static func novemberPaakrav(arrived: String?) -> SentPaakrav {
        sent("2026-12-02", stated: "2026-12-24", arrived: arrived, demanded: rentAndFee, paidBefore: .zero)
    }

    // Christmas 2026: rent due Tue 1 Dec; Wed 2, Thu 3, Fri 4 counted; påkrav Mon 7 Dec, made that
    // day with its fee. Stated deadline Tue 29 Dec (see `statedRows`): dispatch Tue 8 Dec, expected
    // arrival Tue 15 Dec. January's rent comes after.
    static let christmas = [rent("2026-12-01"), fee("2026-12-07"), rent("2027-01-01")]

    /// The Christmas påkrav: it demanded December's rent 5.000 + fee 314 = 5.314; the account held
    /// no payments when it was made.
    static func christmasPaakrav(arrived: String?) -> SentPaakrav {
        sent("2026-12-07", stated: "2026-12-29", arrived: arrived, demanded: rentAndFee, paidBefore: .zero)
    }

    // 2027: rent due Sat 1 May; last timely Mon 3 May; Tue 4, Wed 5 counted, Thu 6 Kristi
    // himmelfartsdag not, Fri 7 counted; påkrav from Mon 10 May; made Wed 12 May 2027 with its fee.
    // Stated deadline Fri 4 Jun 2027 (see `statedRows`): expected arrival Fri 21 May.
    static let grundlovsdag2027 = [rent("2027-05-01"), fee("2027-05-12"), rent("2027-06-01")]

    /// The 2027 påkrav: it demanded May's rent 5.000 + fee 314 = 5.314; the account held no payments
    /// when it was made.
    static func grundlovsdag2027Paakrav(arrived: String?) -> SentPaakrav {
        sent("2027-05-12", stated: "2027-06-04", arrived: arrived, demanded: rentAndFee, paidBefore: .zero)
    }

    // Pinse 2026: rent due Fri 1 May; Sat 2 1st, Mon 4 2nd, Tue 5 3rd; påkrav from Wed 6 May, made
    // that day with its fee. Stated deadline Fri 29 May (see `statedRows`).
    static let pinse = [rent("2026-05-01"), fee("2026-05-06")]

    /// The Pinse påkrav: it demanded May's rent 5.000 + fee 314 = 5.314; the account held no
    /// payments when it was made.
    static func pinsePaakrav(arrived: String?) -> SentPaakrav {
        sent("2026-05-06", stated: "2026-05-29", arrived: arrived, demanded: rentAndFee, paidBefore: .zero)
    }

    struct StillOwedRow: Sendable, CustomTestStringConvertible {
        let behaviour: String
        let entries: [LedgerEntry]
        let sent: SentPaakrav
        let at: String
        let owed: Money
        var testDescription: String { behaviour }
    }

    /// What is left of the demand: demanded less what was paid (dated up to the day) beyond what the
    /// account held when the påkrav was made.
    static let stillOwedRows: [StillOwedRow] = [
        StillOwedRow(
            behaviour: "Nothing paid: the whole demand",
            entries: easter,
            sent: easterPaakrav(arrived: "2026-04-14"),
            at: "2026-04-20",
            owed: rentAndFee
        ),
        // The 5.314 of Fri 24 Apr does not count on Thu 23 Apr.
        StillOwedRow(
            behaviour: "A payment dated after the day is not counted",
            entries: easter + [payment("2026-04-24", rentAndFee)],
            sent: easterPaakrav(arrived: "2026-04-14"),
            at: "2026-04-23",
            owed: rentAndFee
        ),
        StillOwedRow(
            behaviour: "A payment counts on its own day",
            entries: easter + [payment("2026-04-24", rentAndFee)],
            sent: easterPaakrav(arrived: "2026-04-14"),
            at: "2026-04-24",
            owed: .zero
        ),
        // Paid 7.000 in all, 7.000 before: nothing beyond it, so the demand 3.314 stands.
        StillOwedRow(
            behaviour: "Payments the account held when it was made do not pay the demand",
            entries: easterPartPaid,
            sent: easterPartPaidPaakrav(arrived: "2026-04-14"),
            at: "2026-04-20",
            owed: Money(kroner: 3_314)
        ),
        // Paid 7.000 + 1.000 = 8.000; beyond the 7.000: 1.000; 3.314 - 1.000 = 2.314.
        StillOwedRow(
            behaviour: "Only what is paid beyond the payments held pays the demand",
            entries: easterPartPaid + [payment("2026-04-20", Money(kroner: 1_000))],
            sent: easterPartPaidPaakrav(arrived: "2026-04-14"),
            at: "2026-04-20",
            owed: Money(kroner: 2_314)
        ),
        // The 2.000 of Tue 7 Apr taken off the account again: paid 5.000, less than the 7.000 held;
        // beyond it nothing (never less), so the demand 3.314 stands.
        StillOwedRow(
            behaviour: "Fewer payments than it held: the demand stands, no more",
            entries: easterPartPaid.filter { $0 != payment("2026-04-07", Money(kroner: 2_000)) },
            sent: easterPartPaidPaakrav(arrived: "2026-04-14"),
            at: "2026-04-20",
            owed: Money(kroner: 3_314)
        ),
        // 6.000 paid against 5.314: nothing owed (never less).
        StillOwedRow(
            behaviour: "Paid more than the demand: nothing owed",
            entries: easter + [payment("2026-04-24", Money(kroner: 6_000))],
            sent: easterPaakrav(arrived: "2026-04-14"),
            at: "2026-04-24",
            owed: .zero
        ),
    ]

    @Test("Still owed: the demand less what was paid since it was made", arguments: stillOwedRows)
    func stillOwed(row: StillOwedRow) {
        #expect(rules.stillOwed(row.sent, Ledger(row.entries), at: day(row.at)) == row.owed)
    }

    /// A påkrav sent: waiting for arrival or payment, paid since or after the deadline, a stated
    /// deadline too short, or ophævelse possible.
    static let sentRows: [DecisionRow] = [
        DecisionRow(
            behaviour: "Sent, not yet arrived: awaiting arrival",
            entries: easter,
            on: "2026-04-10",
            sent: easterPaakrav(arrived: nil),
            expected: .awaitingArrival(owed: rentAndFee)
        ),
        DecisionRow(
            behaviour: "Still no arrival after the stated deadline: still awaiting arrival",
            entries: easter,
            on: "2026-05-04",
            sent: easterPaakrav(arrived: nil),
            expected: .awaitingArrival(owed: rentAndFee)
        ),
        // 5.314 - 2.000 = 3.314.
        DecisionRow(
            behaviour: "Part paid while on its way: awaiting arrival, the remainder owed",
            entries: easter + [payment("2026-04-10", Money(kroner: 2_000))],
            on: "2026-04-10",
            sent: easterPaakrav(arrived: nil),
            expected: .awaitingArrival(owed: Money(kroner: 3_314))
        ),
        DecisionRow(
            behaviour: "Paid in full before it arrived: paid since",
            entries: easter + [payment("2026-04-10", rentAndFee)],
            on: "2026-04-10",
            sent: easterPaakrav(arrived: nil),
            expected: .paidSince
        ),
        // No deadline runs before the påkrav has arrived, so paid on Mon 4 May is not late.
        DecisionRow(
            behaviour: "Paid in full while still on its way, after the stated deadline: paid since",
            entries: easter + [payment("2026-05-04", rentAndFee)],
            on: "2026-05-04",
            sent: easterPaakrav(arrived: nil),
            expected: .paidSince
        ),
        // Arrived Tue 14 Apr; + 14 = Tue 28 Apr, a bank day; the stated Fri 1 May is later.
        DecisionRow(
            behaviour: "Arrived early: awaiting payment until the later stated deadline",
            entries: easter,
            on: "2026-04-20",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .awaitingPayment(owed: rentAndFee, deadline: day("2026-05-01"))
        ),
        DecisionRow(
            behaviour: "On the deadline day itself: still awaiting payment",
            entries: easter,
            on: "2026-05-01",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .awaitingPayment(owed: rentAndFee, deadline: day("2026-05-01"))
        ),
        // Deadline Fri 1 May; the day after is Sat 2 May. May's rent is unpaid but not demanded.
        DecisionRow(
            behaviour: "The day after the deadline: ophævelse possible from that day",
            entries: easter,
            on: "2026-05-02",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .ophaevelsePossible(owed: rentAndFee, from: day("2026-05-02"))
        ),
        // Arrived Fri 17 Apr, the expected arrival; + 14 = Fri 1 May, the stated deadline itself.
        DecisionRow(
            behaviour: "Arrived on the expected day: the law's deadline is the stated one",
            entries: easter,
            on: "2026-05-01",
            sent: easterPaakrav(arrived: "2026-04-17"),
            expected: .awaitingPayment(owed: rentAndFee, deadline: day("2026-05-01"))
        ),
        // Arrived Sat 18 Apr, a day late; + 14 = Sat 2 May, Sun 3, so Mon 4 May, later than the
        // stated Fri 1 May: the letter's deadline is too short, known as soon as it arrived.
        DecisionRow(
            behaviour: "Arrived a day after the expected day: stated deadline too short",
            entries: easter,
            on: "2026-04-20",
            sent: easterPaakrav(arrived: "2026-04-18"),
            expected: .statedDeadlineTooShort(owed: rentAndFee, lawDeadline: day("2026-05-04"))
        ),
        // Arrived Mon 20 Apr (late); + 14 = Mon 4 May, a bank day, later than the stated Fri 1 May.
        DecisionRow(
            behaviour: "Arrived late, on the law's deadline: stated deadline too short",
            entries: easter,
            on: "2026-05-04",
            sent: easterPaakrav(arrived: "2026-04-20"),
            expected: .statedDeadlineTooShort(owed: rentAndFee, lawDeadline: day("2026-05-04"))
        ),
        // The law's deadline Mon 4 May has passed, but the påkrav cannot found an ophævelse.
        DecisionRow(
            behaviour: "Arrived late, after the law's deadline: still too short, no ophævelse",
            entries: easter,
            on: "2026-05-05",
            sent: easterPaakrav(arrived: "2026-04-20"),
            expected: .statedDeadlineTooShort(owed: rentAndFee, lawDeadline: day("2026-05-04"))
        ),
        // 5.000 paid Thu 30 Apr: 5.314 - 5.000 = 314 left.
        DecisionRow(
            behaviour: "Arrived late, part paid: too short, the remainder owed",
            entries: easter + [payment("2026-04-30", monthlyRent)],
            on: "2026-05-04",
            sent: easterPaakrav(arrived: "2026-04-20"),
            expected: .statedDeadlineTooShort(owed: paakravFee, lawDeadline: day("2026-05-04"))
        ),
        // Paid 5.314 on Sat 2 May: after the stated Fri 1 May, but by the law's Mon 4 May, which is
        // the deadline that counts.
        DecisionRow(
            behaviour: "Arrived late, paid after the stated deadline but by the law's: paid since",
            entries: easter + [payment("2026-05-02", rentAndFee)],
            on: "2026-05-06",
            sent: easterPaakrav(arrived: "2026-04-20"),
            expected: .paidSince
        ),
        DecisionRow(
            behaviour: "Paid in full after arrival: paid since",
            entries: easter + [payment("2026-04-24", rentAndFee)],
            on: "2026-04-24",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .paidSince
        ),
        // Paid 5.314 on the deadline Fri 1 May; the run of Mon 4 May finds it paid in time.
        DecisionRow(
            behaviour: "Paid in full on the deadline day itself: paid since",
            entries: easter + [payment("2026-05-01", rentAndFee)],
            on: "2026-05-04",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .paidSince
        ),
        // Paid 5.314 on Sat 2 May, the day after the deadline Fri 1 May.
        DecisionRow(
            behaviour: "Paid in full the day after the deadline: paid after the deadline",
            entries: easter + [payment("2026-05-02", rentAndFee)],
            on: "2026-05-04",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .paidAfterDeadline(deadline: day("2026-05-01"))
        ),
        // 5.000 by Thu 30 Apr, the last 314 on Mon 4 May: only paid in full after Fri 1 May.
        DecisionRow(
            behaviour: "Paid in part by the deadline and the rest after it: paid after the deadline",
            entries: easter + [payment("2026-04-30", monthlyRent), payment("2026-05-04", paakravFee)],
            on: "2026-05-04",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .paidAfterDeadline(deadline: day("2026-05-01"))
        ),
        // 5.000 paid Fri 24 Apr: 5.314 - 5.000 = 314, the fee, is left.
        DecisionRow(
            behaviour: "Rent paid but not the fee: still awaiting payment of the fee",
            entries: easter + [payment("2026-04-24", monthlyRent)],
            on: "2026-04-24",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .awaitingPayment(owed: paakravFee, deadline: day("2026-05-01"))
        ),
        // 1.234,56 paid Fri 24 Apr: 5.314,00 - 1.234,56 = 4.079,44 left.
        DecisionRow(
            behaviour: "Part paid in øre: the remainder owed, exact",
            entries: easter + [payment("2026-04-24", Money(ore: 123_456))],
            on: "2026-04-24",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .awaitingPayment(owed: Money(ore: 407_944), deadline: day("2026-05-01"))
        ),
        // 5.000 paid Thu 30 Apr "for May" still counts against the demand; the fee 314 is unpaid
        // after Fri 1 May.
        DecisionRow(
            behaviour: "Fee still unpaid after the deadline: ophævelse possible for the fee",
            entries: easter + [payment("2026-04-30", monthlyRent)],
            on: "2026-05-02",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .ophaevelsePossible(owed: paakravFee, from: day("2026-05-02"))
        ),
        // 5.314 paid Thu 30 Apr; May's rent (due after the påkrav) is unpaid on Mon 4 May, but only
        // payments count against the demand.
        DecisionRow(
            behaviour: "A new month's rent after the påkrav unpaid: paid since all the same",
            entries: easter + [payment("2026-04-30", rentAndFee)],
            on: "2026-05-04",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .paidSince
        ),
        // 6.000 paid Fri 24 Apr, more than the 5.314 demanded.
        DecisionRow(
            behaviour: "Paid more than the demand: paid since",
            entries: easter + [payment("2026-04-24", Money(kroner: 6_000))],
            on: "2026-04-24",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .paidSince
        ),
        // The 5.000 is dated Wed 8 Apr, the day before the påkrav, but reached the account only on
        // Fri 10 Apr, after it was made: it is not in its paid before (0) and pays the demand,
        // 5.314 - 5.000 = 314 left.
        DecisionRow(
            behaviour: "A payment dated before the påkrav but booked after it counts",
            entries: easter + [payment("2026-04-08", monthlyRent)],
            on: "2026-04-20",
            sent: easterPaakrav(arrived: "2026-04-14"),
            expected: .awaitingPayment(owed: paakravFee, deadline: day("2026-05-01"))
        ),
        DecisionRow(
            behaviour: "Part paid before the påkrav: awaiting payment of what it demanded",
            entries: easterPartPaid,
            on: "2026-04-20",
            sent: easterPartPaidPaakrav(arrived: "2026-04-14"),
            expected: .awaitingPayment(owed: Money(kroner: 3_314), deadline: day("2026-05-01"))
        ),
        // 3.314 paid Fri 24 Apr beyond the 7.000 held: the demand is paid.
        DecisionRow(
            behaviour: "Part paid before the påkrav, the rest and the fee after: paid since",
            entries: easterPartPaid + [payment("2026-04-24", Money(kroner: 3_314))],
            on: "2026-04-24",
            sent: easterPartPaidPaakrav(arrived: "2026-04-14"),
            expected: .paidSince
        ),
        // 3.000 paid Fri 24 Apr beyond the 7.000 held: 3.314 - 3.000 = 314 left.
        DecisionRow(
            behaviour: "Part paid before the påkrav, the rest but not the fee after: the fee owed",
            entries: easterPartPaid + [payment("2026-04-24", Money(kroner: 3_000))],
            on: "2026-04-24",
            sent: easterPartPaidPaakrav(arrived: "2026-04-14"),
            expected: .awaitingPayment(owed: paakravFee, deadline: day("2026-05-01"))
        ),
        // Arrived Thu 10 Dec; + 14 = Thu 24 Dec, the stated deadline. 5.314 paid Mon 14 Dec. Oldest
        // first, the account puts it on November 5.000 and 314 of December's rent (due Tue 1 Dec,
        // before the fee of Wed 2 Dec), so the fee and 4.686 of December look unpaid on Mon 28 Dec.
        // But exactly the demand was paid: the case closes, December's rent is a case of its own.
        DecisionRow(
            behaviour: "Paid exactly the demand, fee included, a newer month unpaid: paid since",
            entries: november + [payment("2026-12-14", rentAndFee)],
            on: "2026-12-28",
            sent: novemberPaakrav(arrived: "2026-12-10"),
            expected: .paidSince
        ),
        // 5.000 paid Mon 14 Dec: 5.314 - 5.000 = 314 left of the demand, not December's rent.
        DecisionRow(
            behaviour: "Paid the demanded month but not the fee, a newer month unpaid: the fee owed",
            entries: november + [payment("2026-12-14", monthlyRent)],
            on: "2026-12-14",
            sent: novemberPaakrav(arrived: "2026-12-10"),
            expected: .awaitingPayment(owed: paakravFee, deadline: day("2026-12-24"))
        ),
        // Arrived Mon 11 May; + 14 = Mon 25 May 2. pinsedag, so Tue 26 May; stated Fri 29 May later.
        DecisionRow(
            behaviour: "Pinse 2026: the stated deadline is later than 14 days from arrival",
            entries: pinse,
            on: "2026-05-27",
            sent: pinsePaakrav(arrived: "2026-05-11"),
            expected: .awaitingPayment(owed: rentAndFee, deadline: day("2026-05-29"))
        ),
        // Arrived Fri 11 Dec; + 14 = Fri 25 Dec Juledag, Sat 26 2. juledag, Sun 27, so Mon 28 Dec;
        // the stated Tue 29 Dec is later.
        DecisionRow(
            behaviour: "Christmas: law's day 14 on Juledag, stated deadline Tuesday 29 December later",
            entries: christmas,
            on: "2026-12-29",
            sent: christmasPaakrav(arrived: "2026-12-11"),
            expected: .awaitingPayment(owed: rentAndFee, deadline: day("2026-12-29"))
        ),
        DecisionRow(
            behaviour: "Christmas: ophævelse possible from Wednesday 30 December",
            entries: christmas,
            on: "2026-12-30",
            sent: christmasPaakrav(arrived: "2026-12-11"),
            expected: .ophaevelsePossible(owed: rentAndFee, from: day("2026-12-30"))
        ),
        // Arrived Fri 18 Dec (late); + 14 = Fri 1 Jan 2027 Nytårsdag; Sat, Sun; so Mon 4 Jan 2027,
        // later than the stated Tue 29 Dec. January's rent is unpaid but not demanded.
        DecisionRow(
            behaviour: "Christmas, late arrival: stated deadline too short, the law's Monday 4 January",
            entries: christmas,
            on: "2027-01-04",
            sent: christmasPaakrav(arrived: "2026-12-18"),
            expected: .statedDeadlineTooShort(owed: rentAndFee, lawDeadline: day("2027-01-04"))
        ),
        DecisionRow(
            behaviour: "Christmas, late arrival: still too short on Tuesday 5 January, no ophævelse",
            entries: christmas,
            on: "2027-01-05",
            sent: christmasPaakrav(arrived: "2026-12-18"),
            expected: .statedDeadlineTooShort(owed: rentAndFee, lawDeadline: day("2027-01-04"))
        ),
        // 5.314 paid Mon 4 Jan 2027, the law's deadline, which is the one that counts.
        DecisionRow(
            behaviour: "Christmas, late arrival, paid on the law's deadline: paid since",
            entries: christmas + [payment("2027-01-04", rentAndFee)],
            on: "2027-01-05",
            sent: christmasPaakrav(arrived: "2026-12-18"),
            expected: .paidSince
        ),
        // 5.314 paid Tue 5 Jan 2027, the day after the law's deadline.
        DecisionRow(
            behaviour: "Christmas, late arrival, paid after the law's deadline: paid after Monday 4 January",
            entries: christmas + [payment("2027-01-05", rentAndFee)],
            on: "2027-01-05",
            sent: christmasPaakrav(arrived: "2026-12-18"),
            expected: .paidAfterDeadline(deadline: day("2027-01-04"))
        ),
        // Arrived Fri 21 May 2027, the expected day; + 14 = Fri 4 Jun, the stated deadline; the day
        // after is Sat 5 Jun, Grundlovsdag.
        DecisionRow(
            behaviour: "Grundlovsdag 2027 (Saturday): ophævelse possible from Grundlovsdag itself",
            entries: grundlovsdag2027,
            on: "2027-06-05",
            sent: grundlovsdag2027Paakrav(arrived: "2027-05-21"),
            expected: .ophaevelsePossible(owed: rentAndFee, from: day("2027-06-05"))
        ),
        // Arrived Sat 22 May 2027; + 14 = Sat 5 Jun (Grundlovsdag on a Saturday), Sun 6, so Mon
        // 7 Jun, later than the stated Fri 4 Jun.
        DecisionRow(
            behaviour: "Grundlovsdag 2027 (Saturday), a day late: stated deadline too short, the law's 7 June",
            entries: grundlovsdag2027,
            on: "2027-06-07",
            sent: grundlovsdag2027Paakrav(arrived: "2027-05-22"),
            expected: .statedDeadlineTooShort(owed: rentAndFee, lawDeadline: day("2027-06-07"))
        ),
    ]

    @Test("With a påkrav sent: arrival, payment, paid since or late, too short, ophævelse", arguments: sentRows)
    func decideSent(row: DecisionRow) throws {
        let sent = try #require(row.sent)
        // The fixtures' stated deadlines are the ones the letter would state.
        #expect(rules.statedDeadline(sentOn: sent.sentOn) == sent.statedDeadline)

        #expect(rules.decide(Ledger(row.entries), on: day(row.on), sent: sent) == row.expected)
    }

    @Test("Deadline: none while on its way, then the later of the stated one and the law's")
    func deadline() {
        #expect(rules.deadline(of: Self.easterPaakrav(arrived: nil)) == nil)
        // Arrived Tue 14 Apr: the law's Tue 28 Apr, the stated Fri 1 May.
        #expect(rules.deadline(of: Self.easterPaakrav(arrived: "2026-04-14")) == day("2026-05-01"))
        // Arrived Mon 20 Apr: the law's Mon 4 May, the stated Fri 1 May.
        #expect(rules.deadline(of: Self.easterPaakrav(arrived: "2026-04-20")) == day("2026-05-04"))
    }
}
