import AlmenDomain

/// The reasons of the sub-letting and swap rules, with the figures of the application, in English
/// and Danish.
extension RulesText {
    static func reason(_ reason: PartialSublettingReason, _ request: PartialSubletting) -> RuleReason {
        switch reason {
        case .tooManyRoomsLet where request.rooms < 2:
            RuleReason(
                code: reason.rawValue,
                words: BilingualWords(key: "ruleReason_partialOneRoom", ["rooms": String(request.rooms)])
            )
        case .tooManyRoomsLet where request.alreadyLetRooms > 0:
            RuleReason(
                code: reason.rawValue,
                words: BilingualWords(
                    key: "ruleReason_partialRoomsAlready",
                    count: request.alreadyLetRooms,
                    [
                        "rooms": String(request.rooms), "most": String(request.rooms / 2),
                        "already": String(request.alreadyLetRooms),
                    ]
                )
            )
        case .tooManyRoomsLet:
            RuleReason(
                code: reason.rawValue,
                words: BilingualWords(
                    key: "ruleReason_partialRooms",
                    ["rooms": String(request.rooms), "most": String(request.rooms / 2)]
                )
            )
        case .tooManyOccupants:
            RuleReason(
                code: reason.rawValue,
                words: BilingualWords(
                    key: "ruleReason_partialOccupants",
                    count: request.rooms,
                    ["rooms": String(request.rooms)]
                )
            )
        case .tooFewOccupants:
            RuleReason(
                code: reason.rawValue,
                words: BilingualWords(
                    key: "ruleReason_partialTooFew",
                    count: request.household,
                    ["household": String(request.household), "least": String(request.household + 1)]
                )
            )
        case .tooMuchAreaLet:
            RuleReason(
                code: reason.rawValue,
                words: BilingualWords(key: "ruleReason_partialArea", ["most": String((request.areaM2 ?? 0) / 2)])
            )
        }
    }

    static func reason(
        _ reason: WholeSublettingReason,
        _ request: WholeSubletting,
        _ rules: SublettingRules
    ) -> RuleReason {
        switch reason {
        case .tooLong:
            let end = rules.latestEnd(startingOn: request.start)
            return RuleReason(
                code: reason.rawValue,
                words: BilingualWords(key: "ruleReason_wholeTooLong") { ["end": DateText.short(end, $0)] }
            )
        case .tooLate:
            let latest = rules.latestApplication(startingOn: request.start)
            return RuleReason(
                code: reason.rawValue,
                words: BilingualWords(key: "ruleReason_wholeTooLate") { ["latest": DateText.short(latest, $0)] }
            )
        case .tooManyPersons:
            return RuleReason(
                code: reason.rawValue,
                words: BilingualWords(key: "ruleReason_wholePersons", ["rooms": String(request.rooms)])
            )
        case .rentTooHigh:
            return RuleReason(
                code: reason.rawValue,
                words: BilingualWords(key: "ruleReason_wholeRent") {
                    ["rent": MoneyText.written(request.tenantRent, $0)]
                }
            )
        case .reasonNotAccepted:
            return RuleReason(code: reason.rawValue, words: BilingualWords(key: "ruleReason_wholeReason"))
        }
    }

    static func reason(_ reason: SwapReason, threeYearsOn: LocalDate) -> RuleReason {
        switch reason {
        case .livedUnderThreeYears:
            RuleReason(
                code: reason.rawValue,
                words: BilingualWords(key: "ruleReason_swapUnderThreeYears") {
                    ["date": DateText.short(threeYearsOn, $0)]
                }
            )
        case .overOnePersonPerRoom:
            RuleReason(code: reason.rawValue, words: BilingualWords(key: "ruleReason_swapOnePerRoom"))
        case .overTwoPersonsPerRoom:
            RuleReason(code: reason.rawValue, words: BilingualWords(key: "ruleReason_swapTwoPerRoom"))
        }
    }

    /// Kroner with a decimal point and two decimals, as the API writes amounts: "5808.00".
    static func decimalKroner(_ amount: Money) -> String {
        let ore = amount.ore.magnitude % 100
        return "\(amount.ore < 0 ? "-" : "")\(amount.ore.magnitude / 100).\(ore < 10 ? "0" : "")\(ore)"
    }
}
