import AlmenDomain
import Foundation

/// The påkrav of an arrears case as its page shows it: to staff, what was demanded, the deadline
/// the letter states, when it arrived and the deadline that counts, and from when the lease may be
/// ophævet; to the tenant, what to pay and by when.
enum PaakravPresentation {
    /// The columns a case page reads for its påkrav (`LEFT JOIN paakrav_notices pk ON pk.case_id = c.id`).
    static let columns = """
        pk.sent_on AS pk_sent_on, pk.stated_deadline AS pk_stated_deadline, pk.arrears_ore AS pk_arrears_ore,
        pk.fee_ore AS pk_fee_ore,
        (SELECT COUNT(*) FROM letters x WHERE x.case_id = c.id AND x.kind = 'paakrav') AS pk_letters,
        (SELECT COUNT(x.arrival) FROM letters x WHERE x.case_id = c.id AND x.kind = 'paakrav') AS pk_arrived,
        (SELECT MAX(x.arrival) FROM letters x WHERE x.case_id = c.id AND x.kind = 'paakrav') AS pk_last_arrival
        """

    /// What those columns hold.
    struct Facts: Sendable {
        let sentOn: LocalDate
        let statedDeadline: LocalDate
        let arrears: Money
        let fee: Money
        let letters: Int
        let arrived: Int
        let lastArrival: LocalDate?

        init?(
            sentOn: String?,
            statedDeadline: String?,
            arrearsOre: Int64?,
            feeOre: Int64?,
            letters: Int,
            arrived: Int,
            lastArrival: String?
        ) {
            guard let sentOn = sentOn.flatMap(LocalDate.init(iso:)),
                let stated = statedDeadline.flatMap(LocalDate.init(iso:)), let arrearsOre, let feeOre
            else { return nil }
            self.sentOn = sentOn
            self.statedDeadline = stated
            self.arrears = Money(ore: arrearsOre)
            self.fee = Money(ore: feeOre)
            self.letters = letters
            self.arrived = arrived
            self.lastArrival = lastArrival.flatMap(LocalDate.init(iso:))
        }

        var sent: SentPaakrav {
            SentPaakrav(
                sentOn: sentOn,
                statedDeadline: statedDeadline,
                arrived: letters > 0 && arrived == letters ? lastArrival : nil
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
        /// Staff: the deadline has passed on an open case.
        let ophaevelse: String?
    }

    static func card(
        _ facts: Facts?,
        open: Bool,
        today: LocalDate,
        rules: ArrearsRules,
        language: Language,
        _ strings: [String: String]
    ) -> Card? {
        guard let facts else { return nil }
        let deadline = rules.deadline(of: facts.sent)
        let counting = deadline ?? facts.statedDeadline
        let ophaevelse: String? =
            open && deadline.map({ today > $0 }) == true
            ? (strings["paakravOphaevelse"] ?? "").replacingOccurrences(
                of: "{date}",
                with: DateText.long(counting.adding(days: 1), language)
            ) : nil
        return Card(
            sentOn: DateText.short(facts.sentOn, language),
            demanded: (strings["paakravDemandedText"] ?? "")
                .replacingOccurrences(of: "{arrears}", with: facts.arrears.danish)
                .replacingOccurrences(of: "{fee}", with: facts.fee.danish)
                .replacingOccurrences(of: "{total}", with: (facts.arrears + facts.fee).danish),
            statedDeadline: DateText.long(facts.statedDeadline, language),
            arrival: facts.sent.arrived.map { DateText.short($0, language) } ?? strings["paakravNotArrived"] ?? "",
            deadline: DateText.long(counting, language),
            ophaevelse: ophaevelse
        )
    }
}
