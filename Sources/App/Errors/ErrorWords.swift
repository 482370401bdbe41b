/// The API's error messages (`RulesInputError`), Danish and English, kept with the feature and
/// merged into `Strings`.
enum ErrorWords {
    static let danish: [String: String] = [
        "apiError_paakravNotDue": "Kontoen giver ikke længere grund til et påkrav.",
        "apiError_caseStatus": "Status skal være åben eller lukket.",
        "apiError_unreadableMessage": "En besked, der ikke kunne læses, kan ikke få en sag.",
        "apiError_caseKind": "Vælg, hvad sagen handler om.",
        "apiError_receiptFileName": "Filnavnet skal være messageUUID.",
        "apiError_receiptEmpty": "Indholdet skal være én kvittering (JSON).",
        "apiError_receiptInvalid": "Indholdet er ikke en kvittering (JSON).",
        "apiError_receiptNotVerified":
            "Kvitteringens transmission er ikke den, NgDP gav for brevet; den hentes i stedet fra NgDP.",
        "apiError_unknownOrganisation": "En af organisationerne findes ikke.",
        "apiError_apiKeyMissing": "Der skal bruges en gyldig API-nøgle: Authorization: Bearer almen_...",
        "apiError_apiKeyScope": "Denne API-nøgle må ikke bruges til dette.",
        "apiError_apiKeyTooMany": "For mange forkerte API-nøgler. Prøv igen om 10 minutter.",
        "apiError_ledgerFormat": "Skal være posteringer eller bank.",
        "apiError_ledgerEmpty": "Send filen som forespørgslens indhold.",
        "apiError_ledgerNotUTF8": "Filen skal være UTF-8-tekst.",
        "arrearsError_missingFee":
            "Påkravsgebyret for {year} er ikke indtastet. Indtast det offentliggjorte beløb under Påkravsgebyr, før der kan sendes påkrav.",
        "arrearsError_noPaymentAccount":
            "{organisation} har ingen konto til indbetalinger (reg.nr. og kontonummer). Et påkrav skal oplyse, hvordan man betaler.",
        "arrearsError_noLeaseNumber": "Lejemålet har intet lejemålsnummer, som lejeren kan skrive på indbetalingen.",
        "arrearsError_noTenants": "Lejemålet har ingen lejer at sende påkravet til.",
        "arrearsError_accountChanged": "Kontoen ændrede sig, mens påkravet blev lavet. Det bliver lavet igen.",
        "ledgerProblem_empty": "Filen er tom.",
        "ledgerProblem_header": "Første linje skal være overskriften ”{expected}”.",
        "ledgerProblem_too_many_lines": "En fil må højst have {most} linjer. Del den op.",
        "ledgerProblem_columns": "Linjen har {found} kolonner; den skal have {expected}.",
        "ledgerProblem_id": "Hver linje skal have et id på højst 100 tegn.",
        "ledgerProblem_duplicate_id": "Id'et {id} står også på linje {first}.",
        "ledgerProblem_lease": "Linjen skal angive lejemålets nummer.",
        "ledgerProblem_kind": "Arten skal være husleje, gebyr, andet eller indbetaling.",
        "ledgerProblem_date": "Datoen skal skrives 2026-11-30 eller 30-11-2026.",
        "ledgerProblem_amount": "Beløbet skal være over 0 og højst 1.000.000,00 og skrives som 6.845,00 eller 6845,00.",
        "ledgerProblem_text": "Teksten må højst være 200 tegn.",
        "ledgerProblem_unknown_lease": "Der er intet lejemål med nummeret {number}.",
        "ledgerProblem_payments_elsewhere":
            "Indbetalinger til lejemål {number} kommer fra filerne af typen {source}. Brug én kilde til indbetalinger.",
        "ledgerProblem_changed_line": "Linjen med id'et {id} er tidligere indlæst med et andet indhold.",
    ]

    static let english: [String: String] = [
        "apiError_paakravNotDue": "The account no longer calls for a påkrav.",
        "apiError_caseStatus": "status must be open or closed.",
        "apiError_unreadableMessage": "A message that could not be read gets no case.",
        "apiError_caseKind": "Choose what the case is about.",
        "apiError_receiptFileName": "The file name must be the messageUUID.",
        "apiError_receiptEmpty": "The body must be one Receipt JSON.",
        "apiError_receiptInvalid": "The body is not a Receipt JSON.",
        "apiError_receiptNotVerified":
            "The receipt's transmission is not the one NgDP gave for this message; it is left for the pull.",
        "apiError_unknownOrganisation": "An organisation does not exist.",
        "apiError_apiKeyMissing": "A valid API key is needed: Authorization: Bearer almen_...",
        "apiError_apiKeyScope": "This API key may not be used for this.",
        "apiError_apiKeyTooMany": "Too many wrong API keys. Try again in 10 minutes.",
        "apiError_ledgerFormat": "Must be one of: posteringer, bank.",
        "apiError_ledgerEmpty": "Send the file as the request's body.",
        "apiError_ledgerNotUTF8": "The file must be UTF-8 text.",
        "arrearsError_missingFee":
            "No påkravsgebyr is entered for {year}: enter the published amount (almen arrears fee, or /admin/satser) before påkrav can be made.",
        "arrearsError_noPaymentAccount":
            "{organisation} has no payment account (registration and account number): a påkrav must say how to pay.",
        "arrearsError_noLeaseNumber":
            "The lease has no number (lejemålsnummer) for the tenant to write on the payment.",
        "arrearsError_noTenants": "The lease has no tenant to send the påkrav to.",
        "arrearsError_accountChanged": "The account changed while the påkrav was being made; it is made again.",
        "ledgerProblem_empty": "The file is empty.",
        "ledgerProblem_header": "The first line must be the header \"{expected}\".",
        "ledgerProblem_too_many_lines": "A file may have at most {most} lines; split it.",
        "ledgerProblem_columns": "The line has {found} columns; it must have {expected}.",
        "ledgerProblem_id": "Each line needs an id of at most 100 characters.",
        "ledgerProblem_duplicate_id": "The id {id} is also on line {first}.",
        "ledgerProblem_lease": "The line must name its lease by its number.",
        "ledgerProblem_kind": "The kind must be husleje, gebyr, andet or indbetaling.",
        "ledgerProblem_date": "The date must be written 2026-11-30 or 30-11-2026.",
        "ledgerProblem_amount":
            "The amount must be above 0 and at most 1.000.000,00, written like 6.845,00 or 6845,00.",
        "ledgerProblem_text": "The text may be at most 200 characters.",
        "ledgerProblem_unknown_lease": "No lease has the number {number}.",
        "ledgerProblem_payments_elsewhere":
            "Payments to lease {number} come from the {source} files: use one source for payments.",
        "ledgerProblem_changed_line": "The line with id {id} was imported before with other content.",
    ]
}
