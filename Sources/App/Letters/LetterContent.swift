import AlmenDomain
import Foundation

/// What every letter template can use: recipient, address, organisation, date and reference.
struct LetterCommon: Encodable, Sendable {
    var recipientName: MarkupText
    var address: MarkupText
    var postalCity: MarkupText
    var department: MarkupText
    var organisationName: MarkupText
    var reference: MarkupText
    var date: MarkupText
}

/// The typed context of one letter kind. Its fields and `LetterCommon`'s are what the kind's
/// template may use; `demo` fills the preview and the template check before saving.
protocol LetterContent: Encodable, Sendable {
    static var kind: LetterKind { get }
    static var demo: Self { get }
}

extension Money {
    /// "6.845,00": the Danish figure without the currency, for a letter's amount columns and
    /// sentences that say "kr." themselves.
    var danishFigure: String { String(danish.dropLast(" kr.".count)) }
}

/// A line of an amount table: text and amount (formatted, Danish).
struct AmountLine: Encodable, Sendable, Equatable {
    var text: MarkupText
    var amount: MarkupText
}

/// Påkrav (ALL § 90): the arrears, the fee, the total, the deadline and how to pay.
struct PaakravLetter: LetterContent {
    static let kind = LetterKind.paakrav
    var lines: [AmountLine]
    var fee: MarkupText
    var feeYear: MarkupText
    var total: MarkupText
    var deadline: MarkupText
    var registrationNumber: MarkupText
    var accountNumber: MarkupText
    /// What the tenant writes on the payment: the lease's number, by which the bank's file names it.
    var paymentReference: MarkupText

    static let demo = PaakravLetter(
        lines: [AmountLine(text: "Husleje november 2026", amount: "6.845,00")],
        fee: "314,00",
        feeYear: "2023",
        total: "7.159,00",
        deadline: "mandag den 14. december 2026",
        registrationNumber: "1234",
        accountNumber: "0001234567",
        paymentReference: "1-12-0042"
    )
}

/// Bekræftelse af opsigelse (ALL § 88).
struct TerminationConfirmationLetter: LetterContent {
    static let kind = LetterKind.terminationConfirmation
    var received: MarkupText
    var endDate: MarkupText
    var monthlyRent: MarkupText

    static let demo = TerminationConfirmationLetter(
        received: "20. november 2026",
        endDate: "mandag den 1. marts 2027",
        monthlyRent: "6.845,00"
    )
}

/// Bekræftelse af opsigelse fra dødsbo (rules.md §2): to whoever gave notice for a tenant who
/// died (the estate, or an authority on its behalf), with the end date and the rent owed to then.
struct EstateTerminationLetter: LetterContent {
    static let kind = LetterKind.estateTerminationConfirmation
    /// The tenant who died, "Jens Nielsen".
    var deceased: MarkupText
    var received: MarkupText
    var endDate: MarkupText
    /// The end date again when it has passed (a notice registered long after it came), else "":
    /// the letter then speaks of it in the past.
    var endedOn: MarkupText
    var monthlyRent: MarkupText

    static let demo = EstateTerminationLetter(
        deceased: "Jens Eksempel",
        received: "20. november 2026",
        endDate: "onsdag den 30. december 2026",
        endedOn: "",
        monthlyRent: "6.845,00"
    )
}

/// Udlejers opsigelse (ALL §§ 85, 89): reason, end date and the 6-week objection deadline.
struct LandlordTerminationLetter: LetterContent {
    static let kind = LetterKind.landlordTermination
    var endDate: MarkupText
    var reason: MarkupText
    var objectionDeadline: MarkupText

    static let demo = LandlordTerminationLetter(
        endDate: "mandag den 1. marts 2027",
        reason: "Gentagne overtrædelser af husordenen trods påmindelse.",
        objectionDeadline: "mandag den 4. januar 2027"
    )
}

/// Henstilling (rules.md §5, step 4).
struct HenstillingLetter: LetterContent {
    static let kind = LetterKind.henstilling
    var matter: MarkupText

    static let demo = HenstillingLetter(matter: "Høj musik efter kl. 22 på hverdage.")
}

/// Påmindelse med advarsel (ALL § 82, stk. 2).
struct ReminderWithWarningLetter: LetterContent {
    static let kind = LetterKind.reminderWithWarning
    var matter: MarkupText
    var previousLetterDate: MarkupText

    static let demo = ReminderWithWarningLetter(
        matter: "Høj musik efter kl. 22 på hverdage.",
        previousLetterDate: "1. oktober 2026"
    )

}

/// Indkaldelse til afdelingsmøde (rules.md §6).
struct MeetingNoticeLetter: LetterContent {
    static let kind = LetterKind.meetingNotice
    var meetingDate: MarkupText
    var meetingTime: MarkupText
    var place: MarkupText
    var agenda: [MarkupText]
    var proposalDeadline: MarkupText
    /// The household's votes in words: "to stemmer", "én stemme".
    var votes: MarkupText

    static let demo = MeetingNoticeLetter(
        meetingDate: "tirsdag den 22. december 2026",
        meetingTime: "19.00",
        place: "Fælleshuset",
        agenda: [
            "Valg af dirigent", "Bestyrelsens beretning", "Godkendelse af budget", "Indkomne forslag",
            "Valg til bestyrelsen",
        ],
        proposalDeadline: "tirsdag den 8. december 2026",
        votes: "to stemmer"
    )
}

/// Flytteopgørelse (rules.md §7).
struct MoveOutSettlementLetter: LetterContent {
    static let kind = LetterKind.moveOutSettlement
    var moveOutDate: MarkupText
    var lines: [AmountLine]
    var balanceLabel: MarkupText
    var balance: MarkupText
    var balanceText: MarkupText

    static let demo = MoveOutSettlementLetter(
        moveOutDate: "1. oktober 2026",
        lines: [
            AmountLine(text: "Indskud", amount: "-15.000,00"),
            AmountLine(text: "Normalistandsættelse (din andel)", amount: "4.210,00"),
            AmountLine(text: "Tilbageholdt til forbrugsregnskab", amount: "1.000,00"),
        ],
        balanceLabel: "Til udbetaling",
        balance: "9.790,00",
        balanceText: "Beløbet bliver sat ind på din NemKonto inden for 10 dage."
    )
}

/// A letter written as a subject and paragraphs (a caseworker's letter, a decision): its preview
/// is its paragraphs.
protocol ParagraphLetter: LetterContent {
    var subject: MarkupText { get }
    var paragraphs: [MarkupText] { get }
}

/// Ophævelse (ALL § 90, stk. 1, nr. 1): a caseworker's decision to end a lease whose påkrav was
/// not paid in time, in paragraphs the decision builds from the påkrav.
struct OphaevelseLetter: ParagraphLetter {
    static let kind = LetterKind.ophaevelse
    var subject: MarkupText
    var paragraphs: [MarkupText]

    static let demo = OphaevelseLetter(
        subject: "Ophævelse af lejemålet Eksempelvej 10, 1. tv",
        paragraphs: [
            "Vi sendte dig den 23. november 2026 et påkrav om at betale 6.122,00 kr. senest tirsdag den 15. december 2026. Beløbet var ikke betalt, da fristen udløb.",
            "Vi ophæver derfor dit lejemål Eksempelvej 10, 1. tv, jf. almenlejelovens § 90, stk. 1, nr. 1. Ophævelsen gælder, når dette brev er kommet frem til dig.",
        ]
    )
}

/// Any other letter from a caseworker: a subject and paragraphs.
struct GeneralLetter: ParagraphLetter {
    static let kind = LetterKind.general
    var subject: MarkupText
    var paragraphs: [MarkupText]

    static let demo = GeneralLetter(
        subject: "Varsel om vandafbrydelse",
        paragraphs: ["Vandet lukkes tirsdag kl. 9-12 på grund af reparation.", "Vi beklager ulejligheden."]
    )
}

extension LetterKind {
    /// The typed context of the kind (for previews and checks).
    var contentType: any LetterContent.Type {
        switch self {
        case .paakrav: PaakravLetter.self
        case .terminationConfirmation: TerminationConfirmationLetter.self
        case .estateTerminationConfirmation: EstateTerminationLetter.self
        case .landlordTermination: LandlordTerminationLetter.self
        case .henstilling: HenstillingLetter.self
        case .reminderWithWarning: ReminderWithWarningLetter.self
        case .meetingNotice: MeetingNoticeLetter.self
        case .moveOutSettlement: MoveOutSettlementLetter.self
        case .general: GeneralLetter.self
        case .ophaevelse: OphaevelseLetter.self
        }
    }
}
