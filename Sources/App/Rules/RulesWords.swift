/// The words of the rules' explanations (how a date was found), Danish and English: kept with
/// the feature and merged into `Strings`.
enum RulesWords {
    static let danish: [String: String] = [
        "meetingRulesAsked_one": "1 af {households} husstande har bedt om mødet; der skal {needed} til (25 %).",
        "settlementLine_deposit": "Indskud",
        "settlementLine_normalRepairs": "Normalistandsættelse i alt",
        "settlementLine_departmentShare_one": "Afdelingens andel: {share} (1 måned à {rate})",
        "settlementLine_departmentShare_other": "Afdelingens andel: {share} ({months} måneder à {rate})",
        "settlementLine_damages": "Misligholdelse",
        "settlementLine_estimateCap": "Nedsat til overslaget med 10 % (lejerens andel må ikke være højere)",
        "settlementLine_rentOwed": "Skyldig husleje og andet",
        "settlementLine_depositLoan": "Indfrielse af kommunalt indskudslån",
        "settlementLine_withheld": "Tilbageholdt indtil regnskabet for vand og varme er gjort op",
        "meetingRulesDay": "Mødet er {date}.",
        "meetingRulesNotice": "Indkaldelsen skal sendes til alle husstande senest {date}, 4 uger før.",
        "meetingRulesProposals": "Forslag skal være bestyrelsen i hænde senest {date}, 2 uger før.",
        "meetingRulesMinutes":
            "Referatet af mødet {held} skal være tilgængeligt for alle beboere senest {by}, 6 uger efter.",
        "meetingRulesMustCall": "Der skal indkaldes til et ekstraordinært afdelingsmøde.",
        "meetingRulesMissing": "Der mangler {n} for at kræve et ekstraordinært afdelingsmøde.",
        "meetingRulesAsked_other": "{asked} af {households} husstande har bedt om mødet; der skal {needed} til (25 %).",
        "complaintRulesReceipt": "Klagen kom {received}: kvitteringen sendes senest {days} bankdage efter, {receipt}.",
        "complaintRulesDemand":
            "Lejeren krævede handling {demanded}: udlejeren sender en påmindelse eller indbringer sagen for beboerklagenævnet senest {by}.",
        "complaintRulesAppeal":
            "Beboerklagenævnet traf afgørelse {decided}: den kan indbringes for boligretten senest {by}.",
        "complaintRulesNaevn":
            "Beboerklagenævnet fik sagen {received}: det giver beboerne besked senest {told}, de svarer senest {reply}, og nævnet træffer afgørelse senest {decision}.",
        "complaintRulesTermination":
            "En opsigelse sendt {sent} er senest fremme {arrival} med posten ({days} bankdage). Lejemålet ophører {end}: varslet løber fra den 1. i måneden efter i 3 måneder, til den første dag, et lejemål kan ophøre. Lejeren kan gøre indsigelse til og med {objection} (6 uger). Gør lejeren det, anlægger udlejeren sag ved boligretten senest {court}: 6 uger efter en indsigelsesfrist regnet fra afsendelsen, så fristen holder, uanset hvornår brevet kom frem.",
        "complaintRulesCounted": "4 uger er 28 dage talt fra dagen efter {start}{july}: den 28. dag er {day}.",
        "complaintRulesJuly": ", uden de {n} dage i juli",
        "complaintRulesMoves": "{day} er {why}, så fristen rykker en dag.",
        "closedDay_christmasEve": "juleaften",
        "closedDay_newYearsEve": "nytårsaften",
        "closedDay_grundlovsdag": "grundlovsdag",
        "rulesSkippedSaturday": "en lørdag",
        "rulesSkippedSunday": "en søndag",
        "rulesSkippedDayBefore": "dagen før {holiday}",
        "rulesNoticeArrived": "Opsigelsen er kommet frem {date}.",
        "rulesFamilyNotice": "Varslet er 3 måneder og løber fra den 1. i måneden efter: fra {start}.",
        "rulesYouthNotice":
            "Ungdomsbolig med aftalt varsel på {weeks} uger: tidligst {earliest}, og lejemålet slutter i den første måned, der begynder på eller efter den dag.",
        "rulesCareDeath": "Plejebolig efter dødsfald: resten af måneden (til {monthEnd}) plus 30 dage.",
        "rulesEndMonth":
            "Lejemålet slutter på den første hverdag i {month}, som ikke er en lørdag, en helligdag eller dagen før en helligdag.",
        "rulesDayCannotBeUsed": "{date} kan ikke bruges: {why}.",
        "rulesLeaseEnds":
            "Lejemålet slutter derfor {end}. Huslejen skal betales frem til da, også hvis du flytter før, medmindre boligen bliver lejet ud igen tidligere ({reference}).",
        "rulesLeaseEndsAfterDeath":
            "Lejemålet slutter derfor {end}. Dødsboet betaler husleje frem til da, medmindre boligen bliver lejet ud igen tidligere ({reference}).",
        "rulesRentDue": "Huslejen forfalder {date}.",
        "rulesNotABankDay": "Det er ikke en bankdag, så sidste rettidige betalingsdag er {date}.",
        "rulesThreeHverdage": "De tre hverdage efter (lørdage og grundlovsdag tæller med) er {days}.",
        "rulesEarliestPaakrav": "Påkravet kan tidligst sendes den første bankdag derefter: {date}.",
        "rulesPaakravArrived":
            "Påkravet kom frem {arrived}. Fristen er 14 dage efter og flyttes til næste bankdag, hvis den ikke er en bankdag: {deadline}.",
        "rulesPaakravTermination":
            "Er restancen med gebyr ikke betalt inden fristen, kan lejemålet ophæves (almenlejeloven § 90, stk. 1, nr. 1).",
    ]

    static let english: [String: String] = [
        "meetingRulesAsked_one": "1 of {households} households has asked for the meeting; {needed} are needed (25 %).",
        "settlementLine_deposit": "Deposit",
        "settlementLine_normalRepairs": "Normal repairs in all",
        "settlementLine_departmentShare_one": "The department's share: {share} (1 month at {rate})",
        "settlementLine_departmentShare_other": "The department's share: {share} ({months} months at {rate})",
        "settlementLine_damages": "Damage",
        "settlementLine_estimateCap": "Reduced to the estimate plus 10 % (the tenant's share may not be higher)",
        "settlementLine_rentOwed": "Rent and other amounts owed",
        "settlementLine_depositLoan": "Repaying the municipal deposit loan",
        "settlementLine_withheld": "Withheld until the water and heating accounts are made",
        "meetingRulesDay": "The meeting is on {date}.",
        "meetingRulesNotice": "The notice goes to every household by {date}, 4 weeks before.",
        "meetingRulesProposals": "Proposals must reach the board by {date}, 2 weeks before.",
        "meetingRulesMinutes":
            "The minutes of the meeting on {held} must be available to every resident by {by}, 6 weeks after.",
        "meetingRulesMustCall": "An extraordinary department meeting must be called.",
        "meetingRulesMissing": "{n} more are needed to require an extraordinary department meeting.",
        "meetingRulesAsked_other":
            "{asked} of {households} households have asked for the meeting; {needed} are needed (25 %).",
        "complaintRulesReceipt":
            "The complaint arrived on {received}: the receipt goes out within {days} bank days, by {receipt}.",
        "complaintRulesDemand":
            "The tenant demanded action on {demanded}: the landlord sends a reminder or brings the case to the residents' complaints board by {by}.",
        "complaintRulesAppeal":
            "The residents' complaints board decided on {decided}: the decision can be brought before the housing court by {by}.",
        "complaintRulesNaevn":
            "The residents' complaints board received the case on {received}: it tells the residents by {told}, they reply by {reply}, and it decides by {decision}.",
        "complaintRulesTermination":
            "A termination sent on {sent} arrives by post by {arrival} at the latest ({days} bank days). The lease ends on {end}: the notice runs from the 1st of the next month for 3 months, to the first day a lease may end. The tenant may object until {objection} (6 weeks). If they do, the landlord sues in the housing court by {court}: 6 weeks after an objection deadline counted from the sending, so it holds whenever the letter arrived.",
        "complaintRulesCounted": "4 weeks are 28 days counted from the day after {start}{july}: the 28th day is {day}.",
        "complaintRulesJuly": ", leaving out the {n} days in July",
        "complaintRulesMoves": "{day} is {why}, so the deadline moves on a day.",
        "closedDay_christmasEve": "Christmas Eve",
        "closedDay_newYearsEve": "New Year's Eve",
        "closedDay_grundlovsdag": "Constitution Day",
        "rulesSkippedSaturday": "a Saturday",
        "rulesSkippedSunday": "a Sunday",
        "rulesSkippedDayBefore": "the day before {holiday}",
        "rulesNoticeArrived": "The notice arrived on {date}.",
        "rulesFamilyNotice": "The notice is 3 months, counted from the 1st of the following month: from {start}.",
        "rulesYouthNotice":
            "Youth housing with an agreed notice of {weeks} weeks: {earliest} at the earliest, and the lease ends in the first month that begins on or after that day.",
        "rulesCareDeath": "Care housing after a death: the rest of the month (to {monthEnd}) plus 30 days.",
        "rulesEndMonth":
            "The lease ends on the first weekday of {month} that is not a Saturday, a public holiday or the day before one.",
        "rulesDayCannotBeUsed": "{date} cannot be used: {why}.",
        "rulesLeaseEnds":
            "The lease therefore ends on {end}. Rent is owed until then, even if you move out earlier, unless the home is let again sooner ({reference}).",
        "rulesLeaseEndsAfterDeath":
            "The lease therefore ends on {end}. The estate pays rent until then, unless the home is let again sooner ({reference}).",
        "rulesRentDue": "The rent falls due on {date}.",
        "rulesNotABankDay": "That is not a bank day, so the last timely payment day is {date}.",
        "rulesThreeHverdage": "The three hverdage after it (Saturdays and Constitution Day count) are {days}.",
        "rulesEarliestPaakrav": "The påkrav can be sent on the first bank day after that, at the earliest: {date}.",
        "rulesPaakravArrived":
            "The påkrav arrived on {arrived}. The deadline is 14 days later, moved to the next bank day if needed: {deadline}.",
        "rulesPaakravTermination":
            "If the arrears and the fee are not paid by the deadline, the lease can be terminated (ALL § 90, stk. 1, nr. 1).",
    ]
}
