/// What can go wrong making a letter (`LetterError`): a template Leaf cannot use, letter markup
/// with a mistake, typesetting. Said to the administrator editing a template and the caseworker
/// sending; Danish and English, merged into `Strings`.
enum LetterErrorWords {
    static let danish: [String: String] = [
        "letterError_missingTemplate": "Standardskabelonen for {kind} mangler i installationen.",
        "letterError_template": "Skabelonens {part} kan ikke bruges: {problem}",
        "letterError_templateLine": "Skabelonens {part} (linje {line}) kan ikke bruges: {problem}",
        "letterError_markup": "Linje {line} i skabelonens {part}: {problem}",
        "letterError_rendering":
            "Brevet kunne ikke sættes op som PDF. Prøv igen om lidt; sker det igen, så kontakt driften.",
        "letterError_subjectEmpty": "Emnelinjen er tom.",
        "bulkRunGaveUp": "Udsendelsen stoppede efter gentagne fejl. Se Baggrundsjob.",
        "letterPart_subject": "emnelinje",
        "letterPart_body": "brødtekst",
        "templateProblem_character": "Tegnet »{character}« kan ikke stå inde i et #( … ).",
        "templateProblem_unterminatedText": "En tekst i anførselstegn er ikke afsluttet.",
        "templateProblem_unclosedTag": "Et #( … ) er ikke lukket med »)« på samme linje.",
        "templateProblem_missingTemplate": "Den henviser til en skabelon, der ikke findes.",
        "templateProblem_selfReference": "Den henviser til sig selv.",
        "templateProblem_unknownField": "Brevet har intet felt, der hedder »{name}«. Brug et af felterne i listen.",
        "templateProblem_other":
            "Tjek, at hvert #( … ) nævner et felt, brevet har, og at hvert #if og #for er afsluttet med #endif og #endfor.",
        "markupProblem_boldNotClosed": "»**« (fed skrift) er begyndt, men ikke afsluttet.",
        "markupProblem_headingLevel": "Der er kun ét overskriftsniveau: skriv »# « i stedet for »{hashes} «.",
        "markupProblem_totalRowNotLast": "Sumrækken (»|=«) skal være tabellens sidste række.",
        "markupProblem_tableStartsWithTotal": "En tabel skal begynde med en overskriftsrække, ikke med sumrækken.",
        "markupProblem_cellCount_one": "Rækken har {row} celle, men overskriftsrækken har {header}.",
        "markupProblem_cellCount_other": "Rækken har {row} celler, men overskriftsrækken har {header}.",
        "markupProblem_alignmentRowMisplaced":
            "En justeringsrække (»|---|---:|«) skal stå lige efter overskriftsrækken.",
    ]

    static let english: [String: String] = [
        "letterError_missingTemplate": "The built-in template for {kind} is missing from the installation.",
        "letterError_template": "The template's {part} cannot be used: {problem}",
        "letterError_templateLine": "The template's {part} (line {line}) cannot be used: {problem}",
        "letterError_markup": "Line {line} of the template's {part}: {problem}",
        "letterError_rendering":
            "The letter could not be typeset as PDF. Try again shortly; if it happens again, contact operations.",
        "letterError_subjectEmpty": "The subject line is empty.",
        "bulkRunGaveUp": "The run stopped after repeated failures. See Background jobs.",
        "letterPart_subject": "subject",
        "letterPart_body": "body",
        "templateProblem_character": "The character “{character}” cannot stand inside a #( … ).",
        "templateProblem_unterminatedText": "A text in quotes is not closed.",
        "templateProblem_unclosedTag": "A #( … ) is not closed with “)” on the same line.",
        "templateProblem_missingTemplate": "It refers to a template that does not exist.",
        "templateProblem_selfReference": "It refers to itself.",
        "templateProblem_unknownField": "The letter has no field called “{name}”. Use one of the fields in the list.",
        "templateProblem_other":
            "Check that each #( … ) names a field the letter has, and that each #if and #for is closed with #endif and #endfor.",
        "markupProblem_boldNotClosed": "“**” (bold) is opened but not closed.",
        "markupProblem_headingLevel": "There is only one heading level: write “# ” instead of “{hashes} ”.",
        "markupProblem_totalRowNotLast": "The total row (“|=”) must be the table's last row.",
        "markupProblem_tableStartsWithTotal": "A table must start with a header row, not with the total row.",
        "markupProblem_cellCount_one": "The row has {row} cell, but the header row has {header}.",
        "markupProblem_cellCount_other": "The row has {row} cells, but the header row has {header}.",
        "markupProblem_alignmentRowMisplaced": "An alignment row (“|---|---:|”) must come right after the header row.",
    ]
}
