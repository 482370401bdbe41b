/// Fremleje: the rules for sub-letting part or all of a dwelling (rules.md §4). Each check answers
/// with every rule the request breaks, so a form can show them all at once; an empty answer means
/// the request is within the rules (the organisation still decides the case).
public struct SublettingRules: Sendable {
    /// Whole-dwelling sub-letting lasts at most 2 years (ALL § 71, stk. 1).
    public static let maximumYears = 2
    /// The organisation is told at least 2 weeks before the sub-letting begins (rules.md §4).
    public static let noticeDays = 14

    public static let partialReference = "ALL § 70"
    public static let wholeReference = "ALL §§ 66 og 71"

    public init() {}

    /// Delvis fremleje: at most half the habitable rooms let, those let already included, no more
    /// occupants in all than habitable rooms (ALL § 70) and, by the organisation's policy, at most
    /// half the floor area let when the areas are given.
    public func check(_ request: PartialSubletting) -> [PartialSublettingReason] {
        var reasons: [PartialSublettingReason] = []
        if (request.letRooms + request.alreadyLetRooms) * 2 > request.rooms { reasons.append(.tooManyRoomsLet) }
        if request.occupants > request.rooms { reasons.append(.tooManyOccupants) }
        if request.occupants <= request.household { reasons.append(.tooFewOccupants) }
        if let area = request.areaM2, let letArea = request.letAreaM2, letArea * 2 > area {
            reasons.append(.tooMuchAreaLet)
        }
        return reasons
    }

    /// Fremleje af hele boligen: a temporary absence for illness, business, study or relocation,
    /// for at most 2 years, told at least 2 weeks before it begins, at most one person per habitable
    /// room, and a rent no higher than the tenant's own (ALL §§ 66 and 71).
    public func check(_ request: WholeSubletting) -> [WholeSublettingReason] {
        var reasons: [WholeSublettingReason] = []
        if request.end > latestEnd(startingOn: request.start) { reasons.append(.tooLong) }
        if request.applied > latestApplication(startingOn: request.start) { reasons.append(.tooLate) }
        if request.persons > request.rooms { reasons.append(.tooManyPersons) }
        if request.rent > request.tenantRent { reasons.append(.rentTooHigh) }
        if request.reason == .other { reasons.append(.reasonNotAccepted) }
        return reasons
    }

    /// The last day a whole-dwelling sub-letting beginning on `start` may last to: the day before
    /// the same date 2 years later (from 29 February, to 28 February two years on).
    public func latestEnd(startingOn start: LocalDate) -> LocalDate {
        start.anniversary(afterYears: Self.maximumYears).adding(days: -1)
    }

    /// The last day to apply for a sub-letting beginning on `start`: 2 weeks before.
    public func latestApplication(startingOn start: LocalDate) -> LocalDate {
        start.adding(days: -Self.noticeDays)
    }
}

/// An application to let rooms of a dwelling while the tenant lives there.
public struct PartialSubletting: Sendable, Equatable {
    /// The dwelling's habitable rooms (beboelsesrum).
    public let rooms: Int
    /// The rooms to be let.
    public let letRooms: Int
    /// Everyone who will live in the dwelling, the tenant's household and the sub-tenants.
    public let occupants: Int
    /// Who lives there already: the tenants and the household members of the lease, and the
    /// sub-tenants of a sub-letting in effect. Letting rooms adds at least one sub-tenant to them.
    public let household: Int
    /// The dwelling's floor area and the area let, in m², when the application gives them.
    public let areaM2: Int?
    public let letAreaM2: Int?
    /// Rooms let already, under a partial sub-letting approved earlier and still in effect: the
    /// half of the rooms counts them too.
    public let alreadyLetRooms: Int

    public init(
        rooms: Int,
        letRooms: Int,
        occupants: Int,
        household: Int = 1,
        areaM2: Int? = nil,
        letAreaM2: Int? = nil,
        alreadyLetRooms: Int = 0
    ) {
        self.rooms = rooms
        self.letRooms = letRooms
        self.occupants = occupants
        self.household = household
        self.alreadyLetRooms = alreadyLetRooms
        self.areaM2 = areaM2
        self.letAreaM2 = letAreaM2
    }
}

/// An application to let the whole dwelling during a temporary absence.
public struct WholeSubletting: Sendable, Equatable {
    /// The day the organisation receives the application.
    public let applied: LocalDate
    /// The first and the last day of the sub-letting.
    public let start: LocalDate
    public let end: LocalDate
    public let reason: AbsenceReason
    /// The dwelling's habitable rooms and the persons who will live there.
    public let rooms: Int
    public let persons: Int
    /// The sub-tenant's monthly rent, and the tenant's own.
    public let rent: Money
    public let tenantRent: Money

    public init(
        applied: LocalDate,
        start: LocalDate,
        end: LocalDate,
        reason: AbsenceReason,
        rooms: Int,
        persons: Int,
        rent: Money,
        tenantRent: Money
    ) {
        self.applied = applied
        self.start = start
        self.end = end
        self.reason = reason
        self.rooms = rooms
        self.persons = persons
        self.rent = rent
        self.tenantRent = tenantRent
    }
}

/// Why the tenant is away: the statute names illness, business travel, study and temporary
/// relocation ("or similar"); anything else is `other`, which the organisation need not accept.
public enum AbsenceReason: String, Codable, Sendable, CaseIterable {
    case illness
    case business
    case study
    case relocation
    case other
}

/// A rule an application for partial sub-letting breaks.
public enum PartialSublettingReason: String, Codable, Sendable, CaseIterable {
    /// More than half of the habitable rooms let.
    case tooManyRoomsLet
    /// More occupants in all than habitable rooms.
    case tooManyOccupants
    /// No more occupants than already live there: the sub-tenants are not counted.
    case tooFewOccupants
    /// More than half of the floor area let (policy).
    case tooMuchAreaLet
}

/// A rule an application for whole-dwelling sub-letting breaks.
public enum WholeSublettingReason: String, Codable, Sendable, CaseIterable {
    /// Longer than 2 years.
    case tooLong
    /// Told the organisation less than 2 weeks before the start.
    case tooLate
    /// More than one person per habitable room.
    case tooManyPersons
    /// The sub-tenant's rent is higher than the tenant's own.
    case rentTooHigh
    /// An absence the statute does not name.
    case reasonNotAccepted
}
