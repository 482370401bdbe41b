/// The words of the register of municipalities and of the notices' way to them, Danish and
/// English: kept with the feature and merged into `Strings`.
enum MunicipalityWords {
    static let danish: [String: String] = [
        "municipalitiesTitle": "Kommuner",
        "adminPurposeMunicipalities":
            "Kommunernes CVR-nummer og adresse, så underretninger om påkrav og ophævelser kan sendes.",
        "municipalitiesIntro":
            "Kommunen skal underrettes, når en kommunalt anvist lejer får et påkrav, og når et lejemål bliver ophævet for manglende betaling. Almen sender underretningen med Digital Post til kommunens CVR-nummer, eller med posten, når foreningen ikke kan sende Digital Post. Her står hver kommunes CVR-nummer og adresse.",
        "municipalitiesMissing":
            "En eller flere kommuner mangler. Underretninger til dem bliver ikke sendt, før kommunen er tilføjet.",
        "municipalityColumnName": "Kommune",
        "municipalityColumnAddress": "Adresse",
        "municipalityColumnDepartments": "Afdelinger",
        "municipalityMissing": "Mangler",
        "municipalityWaiting_one": "1 underretning venter på kommunen",
        "municipalityWaiting_other": "{n} underretninger venter på kommunen",
        "municipalityEdit": "Ret",
        "municipalityAdd": "Tilføj",
        "municipalityFormTitle": "Tilføj eller ret en kommune",
        "municipalityFormIntro": "Find CVR-nummeret og adressen på kommunens hjemmeside eller i CVR-registret.",
        "municipalityField_name": "Kommune",
        "municipalityHintName":
            "Som afdelingerne skriver den, fx \u{201D}Aarhus\u{201D} eller \u{201D}Høje-Taastrup\u{201D}.",
        "municipalityField_cvr": "CVR-nummer",
        "municipalityHintCVR": "8 cifre. Underretninger med Digital Post går hertil.",
        "municipalityField_attention": "Afdeling i kommunen",
        "municipalityHintAttention": "Står øverst i adressen, fx \u{201D}Borgerservice\u{201D}. Kan være tom.",
        "municipalityField_street": "Adresse",
        "municipalityField_postalCode": "Postnummer",
        "municipalityField_city": "By",
        "municipalitySave": "Gem kommunen",
        "municipalitySaved": "{name} er gemt.",
        "municipalityNoticesResent_one": "Underretningen, der ventede på kommunen, bliver sendt nu.",
        "municipalityNoticesResent_other": "De {n} underretninger, der ventede på kommunen, bliver sendt nu.",
        "municipalityErrorName": "Skriv kommunens navn (højst 60 tegn).",
        "municipalityErrorCVR": "CVR-nummeret skal være 8 cifre og må ikke begynde med 0.",
        "municipalityErrorCVRCheck": "Det er ikke et gyldigt CVR-nummer. Tjek cifrene.",
        "municipalityErrorAttention": "Skriv højst 80 tegn.",
        "municipalityErrorStreet": "Skriv kommunens adresse (højst 100 tegn).",
        "municipalityErrorPostalCode": "Postnummeret skal være 4 cifre.",
        "municipalityErrorCity": "Skriv byen (højst 60 tegn).",
        "auditAction_municipality.set": "Tilføjede eller rettede en kommune",
        "municipalityState_queued": "Er på vej.",
        "municipalityState_not_in_register":
            "Kommunen står ikke i kommuneregistret, så Almen kan ikke sende underretningen. En administrator kan tilføje kommunen; så bliver den sendt. Du kan også sende brevet selv: markér det som sendt, så snart du har gjort det.",
        "municipalityState_awaiting_print": "Sendes med posten. Den kommer med i den næste printbunke.",
        "municipalityState_failed":
            "Underretningen kunne ikke sendes, og kommunen har den måske ikke. Send brevet selv, og markér det som sendt.",
        "municipalityState_by_hand": "Almen sender ikke denne underretning. Send brevet selv, og markér det som sendt.",
        "municipalityStateDigital": "Sendt med Digital Post {at}.",
        "municipalityStateByHand": "Sendt af en sagsbehandler {at}",
        "municipalityStatePrinting": "Sendes med posten: ligger i printbunke {batch}.",
        "municipalityStateDispatched": "Sendt med posten {at}. Ventes fremme {arrival}.",
        "municipalityRegisterLink": "Tilføj kommunen i kommuneregistret",
    ]

    static let english: [String: String] = [
        "municipalitiesTitle": "Municipalities",
        "adminPurposeMunicipalities":
            "The municipalities' CVR numbers and addresses, so that notices of payment demands and terminations can be sent.",
        "municipalitiesIntro":
            "The municipality must be told when a tenant it assigned gets a payment demand, and when a lease is terminated for non-payment. Almen sends the notice by Digital Post to the municipality's CVR number, or by post when the organisation cannot send Digital Post. Here are each municipality's CVR number and address.",
        "municipalitiesMissing":
            "One or more municipalities are missing. Notices to them are not sent until the municipality is added.",
        "municipalityColumnName": "Municipality",
        "municipalityColumnAddress": "Address",
        "municipalityColumnDepartments": "Estates",
        "municipalityMissing": "Missing",
        "municipalityWaiting_one": "1 notice waits for the municipality",
        "municipalityWaiting_other": "{n} notices wait for the municipality",
        "municipalityEdit": "Edit",
        "municipalityAdd": "Add",
        "municipalityFormTitle": "Add or edit a municipality",
        "municipalityFormIntro":
            "Find the CVR number and address on the municipality's website or in the CVR register.",
        "municipalityField_name": "Municipality",
        "municipalityHintName":
            "As the estates write it, e.g. \u{201C}Aarhus\u{201D} or \u{201C}Høje-Taastrup\u{201D}.",
        "municipalityField_cvr": "CVR number",
        "municipalityHintCVR": "8 digits. Notices by Digital Post go here.",
        "municipalityField_attention": "Department of the municipality",
        "municipalityHintAttention": "Stands first in the address, e.g. \u{201C}Borgerservice\u{201D}. May be empty.",
        "municipalityField_street": "Address",
        "municipalityField_postalCode": "Postcode",
        "municipalityField_city": "Town",
        "municipalitySave": "Save the municipality",
        "municipalitySaved": "{name} is saved.",
        "municipalityNoticesResent_one": "The notice that waited for the municipality is being sent now.",
        "municipalityNoticesResent_other": "The {n} notices that waited for the municipality are being sent now.",
        "municipalityErrorName": "Write the municipality's name (at most 60 characters).",
        "municipalityErrorCVR": "The CVR number must be 8 digits and must not begin with 0.",
        "municipalityErrorCVRCheck": "That is not a valid CVR number. Check the digits.",
        "municipalityErrorAttention": "Write at most 80 characters.",
        "municipalityErrorStreet": "Write the municipality's address (at most 100 characters).",
        "municipalityErrorPostalCode": "The postcode must be 4 digits.",
        "municipalityErrorCity": "Write the town (at most 60 characters).",
        "auditAction_municipality.set": "Added or edited a municipality",
        "municipalityState_queued": "On its way.",
        "municipalityState_not_in_register":
            "The municipality is not in the register of municipalities, so Almen cannot send the notice. An administrator can add the municipality; it is then sent. You can also send the letter yourself: mark it sent as soon as you have.",
        "municipalityState_awaiting_print": "Goes by post. It will be in the next print batch.",
        "municipalityState_failed":
            "The notice could not be sent, and the municipality may not have it. Send the letter yourself and mark it sent.",
        "municipalityState_by_hand": "Almen does not send this notice. Send the letter yourself and mark it sent.",
        "municipalityStateDigital": "Sent by Digital Post {at}.",
        "municipalityStateByHand": "Sent by a caseworker {at}",
        "municipalityStatePrinting": "Goes by post: in print batch {batch}.",
        "municipalityStateDispatched": "Sent by post {at}. Expected to arrive {arrival}.",
        "municipalityRegisterLink": "Add the municipality to the register",
    ]
}
