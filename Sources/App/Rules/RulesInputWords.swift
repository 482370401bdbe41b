/// The words of the rules' answers: what is wrong with a parameter (`RulesInputError`) and why
/// an application breaks a rule (`RuleReason`), Danish and English, kept with the feature and
/// merged into `Strings`.
enum RulesInputWords {
    static let danish: [String: String] = [
        "rulesError_complaintNoDate":
            "Angiv mindst én dato: received, demanded, naevnReceived, naevnDecision eller terminationSent (ÅÅÅÅ-MM-DD).",
        "rulesError_complaintDelivery": "Leveringstiden er 0 til 20 bankdage.",
        "rulesError_paakravBeforeEarliest":
            "Et påkrav kan tidligst sendes {earliest}; det kan ikke være kommet frem før.",
        "rulesError_dateMissing": "Skal udfyldes: en dato skrevet ÅÅÅÅ-MM-DD.",
        "rulesError_dateInvalid": "Skal være en gyldig dato skrevet ÅÅÅÅ-MM-DD.",
        "rulesError_required": "Skal udfyldes.",
        "rulesError_wholeNumber": "Skal være et helt tal.",
        "rulesError_yearRange": "Året skal ligge fra {from} til {to}.",
        "rulesError_housing": "Vælg en boligtype: familiebolig, ungdomsbolig, ældrebolig eller plejebolig.",
        "rulesError_terminationReason": "Vælg almindelig opsigelse eller opsigelse efter dødsfald.",
        "rulesError_noticeWeeks": "Skal være et helt antal uger.",
        "rulesError_numberMissing": "Skal udfyldes: et helt tal.",
        "rulesError_numberRange": "Skal være et helt tal fra {from} til {to}.",
        "rulesError_amountMissing": "Skal udfyldes: et beløb i kroner, fx 5808,00.",
        "rulesError_amountInvalid": "Skal være et beløb i kroner med højst to decimaler, fx 5808,00.",
        "rulesError_percentInvalid": "Skal være en procentsats fra 0 til 100 med højst to decimaler, fx 1,5.",
        "rulesError_absenceReason": "Vælg sygdom, forretningsrejse, studier, forflyttelse eller andet.",
        "rulesError_movedOutBeforeMovedIn": "Kan ikke være før den dag, lejeren flyttede ind.",
        "rulesError_moreRoomsLet": "Kan ikke være flere end boligens {rooms} værelser.",
        "rulesError_moreAreaLet": "Kan ikke være mere end boligens {area} m².",
        "rulesError_endBeforeStart": "Sidste dag kan ikke være før første dag, {start}.",
        "rulesError_appliedBeforeMovedIn": "Kan ikke være før indflytningen, {movedIn}.",
        "ruleReason_partialOneRoom": "Boligen har {rooms} værelse: intet af den må fremlejes, mens du selv bor der.",
        "ruleReason_partialRooms": "Højst halvdelen af boligens {rooms} værelser må fremlejes, altså højst {most}.",
        "ruleReason_partialRoomsAlready_one":
            "Højst halvdelen af boligens {rooms} værelser må fremlejes, altså højst {most} i alt, og 1 værelse er allerede fremlejet.",
        "ruleReason_partialRoomsAlready_other":
            "Højst halvdelen af boligens {rooms} værelser må fremlejes, altså højst {most} i alt, og {already} værelser er allerede fremlejet.",
        "ruleReason_partialArea": "Højst halvdelen af boligens areal må fremlejes, altså højst {most} m².",
        "ruleReason_wholeTooLong": "Fremleje af hele boligen må højst vare 2 år: til og med {end}.",
        "ruleReason_wholeTooLate": "Boligorganisationen skal have ansøgningen senest 2 uger før starten: {latest}.",
        "ruleReason_wholePersons": "Der må højst bo én person pr. værelse, altså højst {rooms} i alt.",
        "ruleReason_wholeRent": "Huslejen må ikke være højere end din egen, {rent}",
        "ruleReason_wholeReason":
            "Fremleje af hele boligen kræver et midlertidigt fravær på grund af sygdom, forretningsrejse, studier eller forflyttelse.",
        "ruleReason_swapUnderThreeYears":
            "Du har boet i boligen under 3 år (3 år den {date}): boligorganisationen kan sige nej.",
        "ruleReason_swapOnePerRoom": "Mere end én person pr. værelse: boligorganisationen kan sige nej.",
        "ruleReason_swapTwoPerRoom": "Mere end to personer pr. værelse: boligorganisationen skal sige nej.",
        "rulesError_noticeWeeksShort":
            "Et aftalt varsel i en ungdomsbolig er mindst {minimum} uger (ALL § 88); der er angivet {weeks}.",
        "rulesError_noticeWeeksLong":
            "Et aftalt varsel i en ungdomsbolig skal være kortere end 3 måneder: højst {maximum} uger; der er angivet {weeks}.",
        "rulesError_noticeWeeksNotAllowed": "Et aftalt varsel i uger gælder kun for ungdomsboliger.",
        "ruleReason_partialOccupants_one": "Der må højst bo {rooms} person i alt: én pr. værelse.",
        "ruleReason_partialOccupants_other": "Der må højst bo {rooms} personer i alt: én pr. værelse.",
        "ruleReason_partialTooFew_one":
            "Tæl alle med, der skal bo i boligen: dig og mindst én, der lejer sig ind – i alt mindst {least}.",
        "ruleReason_partialTooFew_other":
            "Tæl alle med, der skal bo i boligen: de {household}, der bor der nu, og mindst én, der lejer sig ind – i alt mindst {least}.",
        "rulesError_caseKind": "Skal være en af disse sagstyper: {allowed}.",
    ]

    static let english: [String: String] = [
        "rulesError_complaintNoDate":
            "Give at least one date: received, demanded, naevnReceived, naevnDecision or terminationSent (YYYY-MM-DD).",
        "rulesError_complaintDelivery": "The delivery time is 0 to 20 bank days.",
        "rulesError_paakravBeforeEarliest": "A påkrav cannot arrive before the earliest påkrav date, {earliest}.",
        "rulesError_dateMissing": "Required: a date written YYYY-MM-DD.",
        "rulesError_dateInvalid": "Must be a real date written YYYY-MM-DD.",
        "rulesError_required": "Required.",
        "rulesError_wholeNumber": "Must be a whole number.",
        "rulesError_yearRange": "The year must be from {from} to {to}.",
        "rulesError_housing": "Must be one of: {allowed}.",
        "rulesError_terminationReason": "Must be one of: {allowed}.",
        "rulesError_noticeWeeks": "Must be a whole number of weeks.",
        "rulesError_numberMissing": "Required: a whole number.",
        "rulesError_numberRange": "Must be a whole number from {from} to {to}.",
        "rulesError_amountMissing": "Required: an amount in kroner, e.g. 5808.00.",
        "rulesError_amountInvalid": "Must be an amount in kroner with at most two decimals, e.g. 5808.00.",
        "rulesError_percentInvalid": "Must be a percentage from 0 to 100 with at most two decimals, e.g. 1.5.",
        "rulesError_absenceReason": "Must be one of: {allowed}.",
        "rulesError_movedOutBeforeMovedIn": "Cannot be before the day the tenant moved in.",
        "rulesError_moreRoomsLet": "Cannot be more than the dwelling's {rooms} rooms.",
        "rulesError_moreAreaLet": "Cannot be more than the dwelling's {area} m².",
        "rulesError_endBeforeStart": "The last day cannot be before the first, {start}.",
        "rulesError_appliedBeforeMovedIn": "Cannot be before moving in, {movedIn}.",
        "ruleReason_partialOneRoom": "The home has {rooms} habitable room: none of it may be let while you live there.",
        "ruleReason_partialRooms": "At most half of the {rooms} habitable rooms may be let, that is at most {most}.",
        "ruleReason_partialRoomsAlready_one":
            "At most half of the {rooms} habitable rooms may be let, that is at most {most} in all, and 1 room is let already.",
        "ruleReason_partialRoomsAlready_other":
            "At most half of the {rooms} habitable rooms may be let, that is at most {most} in all, and {already} rooms are let already.",
        "ruleReason_partialArea": "At most half of the floor area may be let, that is at most {most} m².",
        "ruleReason_wholeTooLong": "Sub-letting the whole home may last 2 years at most: to {end}.",
        "ruleReason_wholeTooLate":
            "The housing organisation must have the application 2 weeks before the start: by {latest}.",
        "ruleReason_wholePersons": "At most one person per habitable room may live there, so {rooms} in all.",
        "ruleReason_wholeRent": "The rent may not be higher than your own, {rent}.",
        "ruleReason_wholeReason":
            "Sub-letting the whole home needs a temporary absence for illness, business travel, study or relocation.",
        "ruleReason_swapUnderThreeYears":
            "You have lived in the home less than 3 years (3 years on {date}): the housing organisation may refuse.",
        "ruleReason_swapOnePerRoom": "More than one person per habitable room: the housing organisation may refuse.",
        "ruleReason_swapTwoPerRoom": "More than two persons per habitable room: the housing organisation must refuse.",
        "rulesError_noticeWeeksShort":
            "An agreed notice in youth housing is at least {minimum} weeks (ALL § 88); {weeks} was given.",
        "rulesError_noticeWeeksLong":
            "An agreed notice in youth housing must be shorter than 3 months: at most {maximum} weeks; {weeks} was given.",
        "rulesError_noticeWeeksNotAllowed": "An agreed notice in weeks applies to youth housing only.",
        "ruleReason_partialOccupants_one": "No more than {rooms} person in all may live there: one per habitable room.",
        "ruleReason_partialOccupants_other":
            "No more than {rooms} people in all may live there: one per habitable room.",
        "ruleReason_partialTooFew_one":
            "Count everyone who will live there: you and at least one sub-tenant, {least} or more.",
        "ruleReason_partialTooFew_other":
            "Count everyone who will live there: the {household} who live there now and at least one sub-tenant, {least} or more.",
        "rulesError_caseKind": "Must be one of: {allowed}.",
    ]
}
