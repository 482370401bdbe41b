import AlmenDomain
import Foundation

/// The påkrav of an arrears case as its page shows it: to staff, what was demanded, the deadline
/// the letter states, when it arrived, the deadline that counts, what is still owed and what the
/// rules say now (paid, paid late, the påkrav in doubt, ophævelse possible from a day); to the
/// tenant, what to pay and by when.
enum PaakravPresentation {
    /// The columns a case page reads for its påkrav (`LEFT JOIN paakrav_notices pk ON pk.case_id = c.id`).
    static let columns = """
        pk.sent_on AS pk_sent_on, pk.stated_deadline AS pk_stated_deadline, pk.arrears_ore AS pk_arrears_ore,
        pk.fee_ore AS pk_fee_ore, pk.paid_before_ore AS pk_paid_before_ore,
        (SELECT COUNT(*) FROM letters x WHERE x.case_id = c.id AND x.kind = 'paakrav') AS pk_letters,
        (SELECT COUNT(x.arrival) FROM letters x WHERE x.case_id = c.id AND x.kind = 'paakrav') AS pk_arrived,
        (SELECT MAX(x.arrival) FROM letters x WHERE x.case_id = c.id AND x.kind = 'paakrav') AS pk_last_arrival,
        (SELECT COUNT(*) FROM letters x WHERE x.case_id = c.id AND x.kind = 'paakrav' AND x.status = 'failed') AS pk_failed,
        (SELECT x.id FROM letters x WHERE x.case_id = c.id AND x.kind = 'paakrav' AND x.status = 'failed'
          ORDER BY x.created_at LIMIT 1) AS pk_failed_letter
        """

    /// The påkrav from `PaakravColumns`, as the domain reads it, with what it demanded.
    struct Facts: Sendable {
        let sent: SentPaakrav
        let arrears: Money
        let fee: Money
        /// How many of its letters Digital Post refused for good, and the first of them: they
        /// will never arrive, so the deadline never starts until a caseworker sends them again.
        var failed = 0
        var failedLetter: UUID?

        init?(
            sentOn: String?,
            statedDeadline: String?,
            arrearsOre: Int64?,
            feeOre: Int64?,
            paidBeforeOre: Int64?,
            letters: Int,
            arrived: Int,
            lastArrival: String?
        ) {
            guard let sentOn = sentOn.flatMap(LocalDate.init(iso:)),
                let stated = statedDeadline.flatMap(LocalDate.init(iso:)), let arrearsOre, let feeOre,
                let paidBeforeOre
            else { return nil }
            self.arrears = Money(ore: arrearsOre)
            self.fee = Money(ore: feeOre)
            self.sent = SentPaakrav(
                sentOn: sentOn,
                statedDeadline: stated,
                arrived: letters > 0 && arrived == letters ? lastArrival.flatMap(LocalDate.init(iso:)) : nil,
                demanded: Money(ore: arrearsOre + feeOre),
                paidBefore: Money(ore: paidBeforeOre)
            )
        }
    }

    struct Card: Encodable {
        let sentOn: String
        /// "5.808,00 kr. og gebyr 314,00 kr., i alt 6.122,00 kr."
        let demanded: String
        let statedDeadline: String
        /// When it arrived with every tenant, or that it has not yet.
        let arrival: String
        /// The deadline that counts: the stated one until the påkrav has arrived.
        let deadline: String
        /// What is still unpaid of the demand.
        let owed: String
        /// What the rules say now, for staff: paid, paid late, the påkrav in doubt, ophævelse
        /// possible from a day. `alert` marks what needs the caseworker.
        let standing: String?
        let alert: Bool
        /// For staff: that a letter of the påkrav failed, and the letter's page to send it on paper.
        let failed: String?
        let failedHref: String?
    }

    static func card(
        _ facts: Facts?,
        ledger: Ledger,
        open: Bool,
        today: LocalDate,
        rules: ArrearsRules,
        language: Language,
        _ strings: [String: String]
    ) -> Card? {
        guard let facts else { return nil }
        let counting = rules.deadline(of: facts.sent) ?? facts.sent.statedDeadline
        let day = { (date: LocalDate) in DateText.long(date, language) }
        var standing: String?
        var alert = false
        if open {
            switch rules.decide(ledger, on: today, sent: facts.sent) {
            case .paidSince:
                standing = strings["paakravPaid"]
            case .paidAfterDeadline(let deadline):
                standing = (strings["paakravPaidLate"] ?? "").replacingOccurrences(of: "{date}", with: day(deadline))
                alert = true
            case .statedDeadlineTooShort(_, let law):
                standing = (strings["paakravTooShort"] ?? "").replacingOccurrences(of: "{date}", with: day(law))
                alert = true
            case .ophaevelsePossible(let owed, let from):
                standing = (strings["paakravOphaevelse"] ?? "").replacingOccurrences(
                    of: "{owed}",
                    with: MoneyText.written(owed, language)
                )
                .replacingOccurrences(of: "{date}", with: day(from))
                alert = true
            default:
                standing = nil
            }
        }
        return Card(
            sentOn: DateText.short(facts.sent.sentOn, language),
            demanded: (strings["paakravDemandedText"] ?? "")
                .replacingOccurrences(of: "{arrears}", with: MoneyText.written(facts.arrears, language))
                .replacingOccurrences(of: "{fee}", with: MoneyText.written(facts.fee, language))
                .replacingOccurrences(of: "{total}", with: MoneyText.written(facts.sent.demanded, language)),
            statedDeadline: day(facts.sent.statedDeadline),
            arrival: facts.sent.arrived.map { DateText.short($0, language) } ?? strings["paakravNotArrived"] ?? "",
            deadline: day(counting),
            owed: MoneyText.written(rules.stillOwed(facts.sent, ledger, at: today), language),
            standing: standing,
            alert: alert,
            failed: facts.failed > 0
                ? (strings["paakravFailed"] ?? "").replacingOccurrences(of: "{count}", with: "\(facts.failed)") : nil,
            failedHref: facts.failedLetter.map { SiteRoute.letter($0).path }
        )
    }
}

/// A case page's row with `PaakravPresentation.columns` (the staff header, the party's details).
protocol PaakravColumns {
    var pk_sent_on: String? { get }
    var pk_stated_deadline: String? { get }
    var pk_arrears_ore: Int64? { get }
    var pk_fee_ore: Int64? { get }
    var pk_paid_before_ore: Int64? { get }
    var pk_letters: Int { get }
    var pk_arrived: Int { get }
    var pk_last_arrival: String? { get }
    var pk_failed: Int { get }
    var pk_failed_letter: UUID? { get }
}

extension PaakravColumns {
    /// The case's påkrav, when it has one.
    var paakrav: PaakravPresentation.Facts? {
        var facts = PaakravPresentation.Facts(
            sentOn: pk_sent_on,
            statedDeadline: pk_stated_deadline,
            arrearsOre: pk_arrears_ore,
            feeOre: pk_fee_ore,
            paidBeforeOre: pk_paid_before_ore,
            letters: pk_letters,
            arrived: pk_arrived,
            lastArrival: pk_last_arrival
        )
        facts?.failed = pk_failed
        facts?.failedLetter = pk_failed_letter
        return facts
    }
}
