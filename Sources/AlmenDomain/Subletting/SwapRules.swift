/// Boligbytte: when the landlord may or must refuse a house swap, ALL § 69 (rules.md §4).
public struct SwapRules: Sendable {
    /// The landlord may refuse a tenant who has lived in the dwelling less than 3 years.
    public static let minimumYears = 3

    public static let reference = "ALL § 69"

    /// Policy: a landlord outside Almen is asked to answer within 10 bank days of the day the
    /// letter is written (it arrives by Digital Post that day, or by post within a few).
    public static let otherLandlordAnswerBankDays = 10

    public init() {}

    /// Every rule the swap breaks and what they allow the landlord: more than 2 persons per
    /// habitable room must be refused; under 3 years in the dwelling or more than 1 person per room
    /// may be. (Youth, elderly and care housing also need the municipality's consent for an
    /// applicant who is not eligible: a fact of the applicant, decided in the case.)
    public func check(_ request: HouseSwap) -> SwapVerdict {
        var reasons: [SwapReason] = []
        if request.applied < eligibleFrom(movedIn: request.movedIn) { reasons.append(.livedUnderThreeYears) }
        if request.persons > 2 * request.rooms {
            reasons.append(.overTwoPersonsPerRoom)
        } else if request.persons > request.rooms {
            reasons.append(.overOnePersonPerRoom)
        }
        let decision: SwapDecision =
            reasons.contains(where: \.mustRefuse) ? .mustRefuse : reasons.isEmpty ? .allowed : .mayRefuse
        return SwapVerdict(decision: decision, reasons: reasons)
    }

    /// The day a landlord outside Almen is asked to answer by, for a letter written on `written`.
    public func otherLandlordAnswerBy(writtenOn written: LocalDate) -> LocalDate {
        DanishCalendar().adding(bankDays: Self.otherLandlordAnswerBankDays, to: written)
    }

    /// The first day a tenant who moved in on `movedIn` has lived there 3 years (from 29 February,
    /// 1 March three years on).
    public func eligibleFrom(movedIn: LocalDate) -> LocalDate {
        movedIn.anniversary(afterYears: Self.minimumYears)
    }
}

/// A tenant's application to swap their dwelling.
public struct HouseSwap: Sendable, Equatable {
    /// The day the tenant moved into the dwelling they leave.
    public let movedIn: LocalDate
    /// The day the organisation receives the application.
    public let applied: LocalDate
    /// The habitable rooms of the dwelling and the persons who will live in it after the swap.
    public let rooms: Int
    public let persons: Int

    public init(movedIn: LocalDate, applied: LocalDate, rooms: Int, persons: Int) {
        self.movedIn = movedIn
        self.applied = applied
        self.rooms = rooms
        self.persons = persons
    }
}

/// What the rules leave the landlord.
public enum SwapDecision: String, Codable, Sendable, CaseIterable {
    case allowed
    case mayRefuse
    case mustRefuse
}

/// A rule a swap breaks.
public enum SwapReason: String, Codable, Sendable, CaseIterable {
    case livedUnderThreeYears
    case overOnePersonPerRoom
    case overTwoPersonsPerRoom

    /// Whether the landlord must refuse (rather than may).
    public var mustRefuse: Bool { self == .overTwoPersonsPerRoom }
}

public struct SwapVerdict: Sendable, Equatable {
    public let decision: SwapDecision
    public let reasons: [SwapReason]
}
