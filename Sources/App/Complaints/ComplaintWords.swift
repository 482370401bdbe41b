/// The words of a neighbour complaint's card (its opsigelse or ophævelse, the board's deadlines,
/// why a step is refused), Danish and English: kept with the feature and merged into `Strings`.
enum ComplaintWords {
    static let danish: [String: String] = [
        "complaintField_find": "Søg efter adressen",
        "complaintHintFind":
            "Afdelingen har {homes} andre boliger. Skriv vejnavn og husnummer, fx {example}, og tryk på Find boligen.",
        "complaintFind": "Find boligen",
        "complaintChooseFound": "Vælg boligen",
        "complaintFound_one": "1 bolig passer.",
        "complaintFound_other": "{matches} boliger passer.",
        "complaintFoundMore":
            "{matches} boliger passer. Her er de første {shown} – skriv mere af adressen, fx etage og dør.",
        "complaintFoundNone": "Ingen anden bolig i afdelingen passer til »{find}«. Prøv med vejnavnet alene.",
        "complaintErrorFind": "Søg efter den bolig, klagen handler om, og vælg den.",
        "complaintErrorFindEmpty": "Skriv vejnavn og husnummer på den bolig, du vil finde.",
        "complaintDemandStaff":
            "Klageren krævede handling {demanded}: en påmindelse eller sagen for beboerklagenævnet senest {by} (almenlejelovens § 83). En henstilling opfylder ikke kravet.",
        "complaintDemandHousehold":
            "Du krævede handling {demanded}. Vi sender en påmindelse eller indbringer sagen for beboerklagenævnet senest {by}. Gør vi ikke det, kan du selv indbringe sagen for nævnet.",
        "complaintTerminationFailed":
            "Opsigelsen kunne ikke sendes digitalt til {n} af beboerne og gælder ikke for dem, før de har fået den. Send brevet med posten fra brevets side (se sagens forløb).",
        "complaintTerminationLate":
            "Opsigelsen kom først frem {came}, senere end brevets datoer forudsætter. Beboerne kan derfor gøre indsigelse til og med {objection}, og lejemålet kan tidligst ophøre {end}. Sagen holdes åben til fristen for indsigelse.",
        "complaintNaevnDeadlines":
            "Sagen blev indbragt for beboerklagenævnet {on}. Regnet fra den dag skal nævnet give beboerne besked senest {told}, de har frist til {reply} til at svare, og nævnet skal træffe afgørelse senest {decision} (almenlejelovens §§ 102–106). Fristerne er nævnets egne.",
        "complaintOphaevelseStaff":
            "Lejemålet blev ophævet {on}. Flytter beboerne ikke, kan sagen gå til fogedretten, og er de uenige, til boligretten.",
        "complaintOphaevelseHousehold": "Vi ophævede dit lejemål {on}. Er du uenig, kan du svare os her på sagen.",
        "complaintOpsigelseStaff":
            "Lejemålet blev opsagt {on} til fraflytning {ends}. Brevet giver beboerne frist til og med {objection} til at gøre indsigelse. Gør de det, skal sagen anlægges ved boligretten senest {court} (almenlejelovens §§ 85 og 89). Den frist er regnet fra afsendelsen, så den holder, uanset hvornår brevet kom frem.",
        "complaintOpsigelseHousehold": "Vi opsagde dit lejemål {on} til fraflytning {ends}.",
        "complaintOpsigelseObject":
            "Du kan gøre indsigelse til og med {objection}, for eksempel ved at svare her på sagen.",
        "complaintRefusal_notFromStep": "Det kan ikke ske fra sagens nuværende trin.",
        "complaintRefusal_paamindelseNeedsHenstilling":
            "En påmindelse kræver først en henstilling, medmindre sagen er grov.",
        "complaintRefusal_noEpisodeSinceHenstilling": "Der er ingen ny episode efter henstillingen.",
        "complaintRefusal_repeatWindowPassed":
            "Den nye episode ligger efter {date}, da tiden efter henstillingen udløb: send en ny henstilling.",
        "complaintRefusal_sanctionNeedsPaamindelse":
            "En sanktion kræver, at beboeren først har fået en påmindelse (almenlejelovens § 82, stk. 2).",
        "complaintRefusal_actionDemanded":
            "Klageren har krævet handling: send en påmindelse eller indbring sagen for beboerklagenævnet (almenlejelovens § 83).",
        "complaintRefusal_noBreachSincePaamindelse":
            "Der er ingen ny overtrædelse efter påmindelsen {date} (almenlejelovens § 82, stk. 2).",
    ]

    static let english: [String: String] = [
        "complaintField_find": "Search for the address",
        "complaintHintFind":
            "The department has {homes} other homes. Type the street and house number, e.g. {example}, and press Find the home.",
        "complaintFind": "Find the home",
        "complaintChooseFound": "Choose the home",
        "complaintFound_one": "1 home matches.",
        "complaintFound_other": "{matches} homes match.",
        "complaintFoundMore":
            "{matches} homes match. Here are the first {shown} – type more of the address, e.g. floor and door.",
        "complaintFoundNone": "No other home in the department matches “{find}”. Try the street name alone.",
        "complaintErrorFind": "Search for the home the complaint is about, and choose it.",
        "complaintErrorFindEmpty": "Type the street and house number of the home you want to find.",
        "complaintDemandStaff":
            "The complainant demanded action on {demanded}: a reminder or the case before the complaints board by {by} (ALL § 83). A request to comply does not meet it.",
        "complaintDemandHousehold":
            "You demanded action on {demanded}. We send a reminder or bring the case before the residents' complaints board by {by}. If we do not, you may bring it yourself.",
        "complaintTerminationFailed":
            "The termination could not be sent digitally to {n} of the residents and does not apply to them until they have it. Send the letter by post from its page (see the case's history).",
        "complaintTerminationLate":
            "The termination only arrived on {came}, later than the letter's dates assume. The residents may therefore object until {objection}, and the lease can end on {end} at the earliest. The case stays open until the deadline to object.",
        "complaintNaevnDeadlines":
            "The case was brought before the residents' complaints board on {on}. Counted from that day, the board tells the residents by {told}, they have until {reply} to reply, and the board decides by {decision} (ALL §§ 102–106). The deadlines are the board's own.",
        "complaintOphaevelseStaff":
            "The lease was terminated with immediate effect on {on}. Should the residents not move, the case can go to the bailiff's court, and if they disagree, to the housing court.",
        "complaintOphaevelseHousehold":
            "We terminated your lease with immediate effect on {on}. If you disagree, you can answer us here on the case.",
        "complaintOpsigelseStaff":
            "The lease was terminated on {on}, to be vacated on {ends}. The letter gives the residents until {objection} to object. If they do, the case must be brought before the housing court by {court} (ALL §§ 85 and 89). That deadline is counted from the sending, so it holds whenever the letter arrived.",
        "complaintOpsigelseHousehold": "We terminated your lease on {on}, to be vacated on {ends}.",
        "complaintOpsigelseObject": "You may object until {objection}, for instance by answering here on the case.",
        "complaintRefusal_notFromStep": "It does not follow from where the case stands.",
        "complaintRefusal_paamindelseNeedsHenstilling":
            "A reminder needs a request to comply first, unless the case is grave.",
        "complaintRefusal_noEpisodeSinceHenstilling": "There is no new episode after the request to comply.",
        "complaintRefusal_repeatWindowPassed":
            "The new episode is after {date}, when the time after the request to comply ran out: send a new one.",
        "complaintRefusal_sanctionNeedsPaamindelse": "A sanction needs a reminder first (ALL § 82(2)).",
        "complaintRefusal_actionDemanded":
            "The complainant demanded action: send a reminder or bring the case before the complaints board (ALL § 83).",
        "complaintRefusal_noBreachSincePaamindelse":
            "There is no new breach after the reminder of {date} (ALL § 82(2)).",
    ]
}
