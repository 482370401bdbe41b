import AlmenDomain

/// The reasons of the sub-letting and swap rules, with the figures of the application, in English
/// and Danish.
extension RulesText {
    static func reason(_ reason: PartialSublettingReason, _ request: PartialSubletting) -> RuleReason {
        switch reason {
        case .tooManyRoomsLet where request.rooms < 2:
            RuleReason(
                code: reason.rawValue,
                message: "The home has \(request.rooms) habitable room: none of it may be let while you live there.",
                messageDa: "Boligen har \(request.rooms) værelse: intet af den må fremlejes, mens du selv bor der."
            )
        case .tooManyRoomsLet:
            RuleReason(
                code: reason.rawValue,
                message: "At most half of the \(request.rooms) habitable rooms may be let: \(request.rooms / 2).",
                messageDa: "Højst halvdelen af boligens \(request.rooms) værelser må fremlejes: \(request.rooms / 2)."
            )
        case .tooManyOccupants:
            RuleReason(
                code: reason.rawValue,
                message:
                    "No more than \(request.rooms) \(request.rooms == 1 ? "person" : "people") in all may live there: one per habitable room.",
                messageDa:
                    "Der må højst bo \(request.rooms) \(request.rooms == 1 ? "person" : "personer") i alt: én pr. værelse."
            )
        case .tooFewOccupants:
            RuleReason(
                code: reason.rawValue,
                message:
                    "Count everyone who will live there: the \(request.household) who live there now and at least one sub-tenant, \(request.household + 1) or more.",
                messageDa:
                    "Tæl alle med, der skal bo i boligen: \(request.household == 1 ? "dig" : "de \(request.household), der bor der nu,") og mindst én, der lejer sig ind – i alt mindst \(request.household + 1)."
            )
        case .tooMuchAreaLet:
            RuleReason(
                code: reason.rawValue,
                message: "At most half of the floor area may be let: \((request.areaM2 ?? 0) / 2) m².",
                messageDa: "Højst halvdelen af boligens areal må fremlejes: \((request.areaM2 ?? 0) / 2) m²."
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
                message: "Sub-letting the whole home may last 2 years at most: to \(DateText.short(end, .en)).",
                messageDa: "Fremleje af hele boligen må højst vare 2 år: til og med \(DateText.short(end, .da))."
            )
        case .tooLate:
            let latest = rules.latestApplication(startingOn: request.start)
            return RuleReason(
                code: reason.rawValue,
                message:
                    "The housing organisation must have the application 2 weeks before the start: by \(DateText.short(latest, .en)).",
                messageDa:
                    "Boligorganisationen skal have ansøgningen senest 2 uger før starten: \(DateText.short(latest, .da))."
            )
        case .tooManyPersons:
            return RuleReason(
                code: reason.rawValue,
                message: "At most one person per habitable room may live there: \(request.rooms).",
                messageDa: "Der må højst bo én person pr. værelse: \(request.rooms)."
            )
        case .rentTooHigh:
            return RuleReason(
                code: reason.rawValue,
                message: "The rent may not be higher than your own, DKK \(decimalKroner(request.tenantRent)).",
                messageDa: "Huslejen må ikke være højere end din egen, \(request.tenantRent.danish)"
            )
        case .reasonNotAccepted:
            return RuleReason(
                code: reason.rawValue,
                message:
                    "Sub-letting the whole home needs a temporary absence for illness, business travel, study or relocation.",
                messageDa:
                    "Fremleje af hele boligen kræver et midlertidigt fravær på grund af sygdom, forretningsrejse, studier eller forflyttelse."
            )
        }
    }

    static func reason(_ reason: SwapReason, threeYearsOn: LocalDate) -> RuleReason {
        switch reason {
        case .livedUnderThreeYears:
            RuleReason(
                code: reason.rawValue,
                message:
                    "You have lived in the home less than 3 years (3 years on \(DateText.short(threeYearsOn, .en))): the housing organisation may refuse.",
                messageDa:
                    "Du har boet i boligen under 3 år (3 år den \(DateText.short(threeYearsOn, .da))): boligorganisationen kan sige nej."
            )
        case .overOnePersonPerRoom:
            RuleReason(
                code: reason.rawValue,
                message: "More than one person per habitable room: the housing organisation may refuse.",
                messageDa: "Mere end én person pr. værelse: boligorganisationen kan sige nej."
            )
        case .overTwoPersonsPerRoom:
            RuleReason(
                code: reason.rawValue,
                message: "More than two persons per habitable room: the housing organisation must refuse.",
                messageDa: "Mere end to personer pr. værelse: boligorganisationen skal sige nej."
            )
        }
    }

    /// Kroner with a decimal point and two decimals, as the API writes amounts: "5808.00".
    static func decimalKroner(_ amount: Money) -> String {
        let ore = amount.ore.magnitude % 100
        return "\(amount.ore < 0 ? "-" : "")\(amount.ore.magnitude / 100).\(ore < 10 ? "0" : "")\(ore)"
    }
}
