import AlmenDomain

/// A rule an application breaks, as the API and `almen rules` print it: a stable `code`, and the
/// message in English and Danish with the figures of the case.
public struct RuleReason: Encodable, Sendable, Equatable {
    public let code: String
    public let message: String
    public let messageDa: String

    /// The rule's words in both languages (`RulesInputWords`).
    init(code: String, words: BilingualWords) {
        self.code = code
        self.message = words.english
        self.messageDa = words.danish
    }

    /// The message in the given language.
    public func message(in language: Language) -> String { language == .da ? messageDa : message }
}

/// Partial sub-letting (delvis fremleje), as `almen rules sublet-rooms` and
/// `GET /api/v1/rules/sublet-rooms` answer it.
public struct SublettingRoomsAnswer: Encodable, Sendable, Equatable {
    public let allowed: Bool
    public let reasons: [RuleReason]
    public let maxRoomsLet: Int
    public let maxOccupants: Int
    /// Half the floor area, when it was given.
    public let maxAreaLetM2: Int?
    public let reference: String

    public static func evaluate(
        rooms: String?,
        letRooms: String?,
        occupants: String?,
        household: String? = nil,
        area: String?,
        letArea: String?,
        alreadyLet: String? = nil,
        rules: SublettingRules = SublettingRules()
    ) throws(RulesInputError) -> SublettingRoomsAnswer {
        let rooms = try RulesInput.count(rooms, field: "rooms", in: 1...50)
        let letRooms = try RulesInput.count(letRooms, field: "letRooms", in: 1...50)
        let occupants = try RulesInput.count(occupants, field: "occupants", in: 1...100)
        let household = try RulesInput.optionalCount(household, field: "household", in: 1...100) ?? 1
        let area = try RulesInput.optionalCount(area, field: "area", in: 1...10_000)
        let letArea = try RulesInput.optionalCount(letArea, field: "letArea", in: 1...10_000)
        let alreadyLet = try RulesInput.optionalCount(alreadyLet, field: "alreadyLet", in: 0...50) ?? 0
        guard letRooms <= rooms else {
            throw RulesInputError(
                code: "more_rooms_let_than_rooms",
                field: "letRooms",
                key: "rulesError_moreRoomsLet",
                ["rooms": String(rooms)]
            )
        }
        if let area, let letArea, letArea > area {
            throw RulesInputError(
                code: "more_area_let_than_area",
                field: "letArea",
                key: "rulesError_moreAreaLet",
                ["area": String(area)]
            )
        }
        let request = PartialSubletting(
            rooms: rooms,
            letRooms: letRooms,
            occupants: occupants,
            household: household,
            areaM2: area,
            letAreaM2: letArea,
            alreadyLetRooms: alreadyLet
        )
        let reasons = rules.check(request)
        return SublettingRoomsAnswer(
            allowed: reasons.isEmpty,
            reasons: reasons.map { RulesText.reason($0, request) },
            maxRoomsLet: rooms / 2,
            maxOccupants: rooms,
            maxAreaLetM2: area.map { $0 / 2 },
            reference: SublettingRules.partialReference
        )
    }
}

/// Whole-dwelling sub-letting (fremleje), as `almen rules sublet-whole` and
/// `GET /api/v1/rules/sublet-whole` answer it.
public struct SublettingWholeAnswer: Encodable, Sendable, Equatable {
    public let allowed: Bool
    public let reasons: [RuleReason]
    public let latestApplicationDate: String
    public let latestEndDate: String
    /// Kroner with a decimal point: "5808.00".
    public let rent: String
    public let tenantRent: String
    public let reference: String

    public static func evaluate(
        applied: String?,
        start: String?,
        end: String?,
        reason: String?,
        rooms: String?,
        persons: String?,
        rent: String?,
        tenantRent: String?,
        rules: SublettingRules = SublettingRules()
    ) throws(RulesInputError) -> SublettingWholeAnswer {
        let applied = try RulesInput.date(applied, field: "applied")
        let start = try RulesInput.date(start, field: "start")
        let end = try RulesInput.date(end, field: "end")
        let reason = try RulesInput.absence(reason)
        let rooms = try RulesInput.count(rooms, field: "rooms", in: 1...50)
        let persons = try RulesInput.count(persons, field: "persons", in: 1...100)
        let rent = try RulesInput.kroner(rent, field: "rent")
        let tenantRent = try RulesInput.kroner(tenantRent, field: "tenantRent")
        guard start <= end else {
            throw RulesInputError(
                code: "end_before_start",
                field: "end",
                key: "rulesError_endBeforeStart",
                each: { ["start": DateText.short(start, $0)] }
            )
        }
        let request = WholeSubletting(
            applied: applied,
            start: start,
            end: end,
            reason: reason,
            rooms: rooms,
            persons: persons,
            rent: rent,
            tenantRent: tenantRent
        )
        let reasons = rules.check(request)
        return SublettingWholeAnswer(
            allowed: reasons.isEmpty,
            reasons: reasons.map { RulesText.reason($0, request, rules) },
            latestApplicationDate: rules.latestApplication(startingOn: start).iso,
            latestEndDate: rules.latestEnd(startingOn: start).iso,
            rent: RulesText.decimalKroner(rent),
            tenantRent: RulesText.decimalKroner(tenantRent),
            reference: SublettingRules.wholeReference
        )
    }
}

/// House swap (boligbytte), as `almen rules swap` and `GET /api/v1/rules/swap` answer it.
public struct SwapAnswer: Encodable, Sendable, Equatable {
    public let decision: SwapDecision
    public let reasons: [RuleReason]
    /// The first day the tenant has lived in the dwelling 3 years.
    public let threeYearsOn: String
    public let reference: String

    public static func evaluate(
        movedIn: String?,
        applied: String?,
        rooms: String?,
        persons: String?,
        rules: SwapRules = SwapRules()
    ) throws(RulesInputError) -> SwapAnswer {
        let movedIn = try RulesInput.date(movedIn, field: "movedIn")
        let applied = try RulesInput.date(applied, field: "applied")
        let rooms = try RulesInput.count(rooms, field: "rooms", in: 1...50)
        let persons = try RulesInput.count(persons, field: "persons", in: 1...100)
        guard movedIn <= applied else {
            throw RulesInputError(
                code: "applied_before_moved_in",
                field: "applied",
                key: "rulesError_appliedBeforeMovedIn",
                each: { ["movedIn": DateText.short(movedIn, $0)] }
            )
        }
        let verdict = rules.check(HouseSwap(movedIn: movedIn, applied: applied, rooms: rooms, persons: persons))
        let threeYearsOn = rules.eligibleFrom(movedIn: movedIn)
        return SwapAnswer(
            decision: verdict.decision,
            reasons: verdict.reasons.map { RulesText.reason($0, threeYearsOn: threeYearsOn) },
            threeYearsOn: threeYearsOn.iso,
            reference: SwapRules.reference
        )
    }
}

/// A number of bank days forward, as `almen rules bank-days` and `GET /api/v1/rules/bank-days`
/// answer it.
public struct BankDaysAnswer: Encodable, Sendable, Equatable {
    public let date: String

    public static func evaluate(
        from: String?,
        add: String?,
        calendar: DanishCalendar = DanishCalendar()
    ) throws(RulesInputError) -> BankDaysAnswer {
        let from = try RulesInput.date(from, field: "from")
        let count = try RulesInput.count(add, field: "add", in: 0...1000)
        let date = calendar.adding(bankDays: count, to: from)
        try RulesInput.checkYear(date.year, field: "add")
        return BankDaysAnswer(date: date.iso)
    }
}
