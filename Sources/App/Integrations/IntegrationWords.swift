/// The words of the administration's API keys, Danish and English: kept with the feature and
/// merged into `Strings`.
enum IntegrationWords {
    static let danish: [String: String] = [
        "apiKeysTitle": "API-nøgler",
        "adminPurposeAPIKeys":
            "Nøgler til administrationens egne programmer, fx økonomisystemets indlæsning af lejekonti.",
        "apiKeysIntro":
            "En API-nøgle lader et program, fx økonomisystemet, sende posteringerne på lejekontiene til Almen uden en person. Nøglen vises kun én gang. Spær den, hvis den ikke bruges mere, eller hvis andre kan have set den.",
        "apiKeysHow": "Sådan bruger programmet nøglen:",
        "apiKeyField_name": "Hvad skal nøglen bruges til?",
        "apiKeyHintName": "Fx \u{201D}Økonomisystemet\u{201D}. Navnet står i loggen ved hver indlæsning.",
        "apiKeyCreate": "Lav en nøgle",
        "apiKeyErrorName": "Skriv, hvad nøglen skal bruges til.",
        "apiKeyErrorNameLong": "Skriv højst 100 tegn.",
        "apiKeyCreated": "Her er den nye nøgle. Kopiér den nu: den bliver ikke vist igen.",
        "apiKeyRevoked": "Nøglen er spærret.",
        "apiKeyRevoke": "Spær",
        "apiKeyRevokeSure": "Ja, spær nøglen. Programmer, der bruger den, holder op med at virke.",
        "apiKeyRevokeConfirm": "Sæt kryds ved \u{201D}Ja, spær nøglen\u{201D}, hvis du vil spærre den.",
        "apiKeysNone": "Der er ingen API-nøgler endnu.",
        "apiKeysCaption": "API-nøgler",
        "apiKeyColumnName": "Bruges til",
        "apiKeyColumnKey": "Nøglen begynder med",
        "apiKeyColumnScope": "Adgang",
        "apiKeyColumnCreated": "Oprettet",
        "apiKeyColumnUsed": "Sidst brugt",
        "apiKeyColumnState": "Status",
        "apiKeyNeverUsed": "Aldrig",
        "apiKeyActive": "Aktiv",
        "apiKeyRevokedOn": "Spærret",
        "apiKeyScope_ledger": "Indlæse lejekonti",
        "auditActorAPIKey": "Program med API-nøgle",
        "auditSubject_api_key": "API-nøgle",
        "apiKeyMadeBefore":
            "Nøglen er allerede lavet, og den bliver ikke vist igen. Spær den, hvis den ikke blev kopieret, og lav en ny.",
        "auditAction_api_key.create": "Lavede en API-nøgle",
        "auditAction_api_key.revoke": "Spærrede en API-nøgle",
    ]

    static let english: [String: String] = [
        "apiKeysTitle": "API keys",
        "adminPurposeAPIKeys":
            "Keys for the administration's own programs, e.g. the finance system importing rent accounts.",
        "apiKeysIntro":
            "An API key lets a program, e.g. the finance system, send the rent accounts' lines to Almen without a person. The key is shown once only. Revoke it when it is no longer used, or if others may have seen it.",
        "apiKeysHow": "How the program uses the key:",
        "apiKeyField_name": "What is the key for?",
        "apiKeyHintName": "E.g. \u{201C}The finance system\u{201D}. The name stands in the log at each import.",
        "apiKeyCreate": "Make a key",
        "apiKeyErrorName": "Say what the key is for.",
        "apiKeyErrorNameLong": "Write at most 100 characters.",
        "apiKeyCreated": "Here is the new key. Copy it now: it will not be shown again.",
        "apiKeyRevoked": "The key is revoked.",
        "apiKeyRevoke": "Revoke",
        "apiKeyRevokeSure": "Yes, revoke the key. Programs that use it stop working.",
        "apiKeyRevokeConfirm": "Tick \u{201C}Yes, revoke the key\u{201D} if you want to revoke it.",
        "apiKeysNone": "There are no API keys yet.",
        "apiKeysCaption": "API keys",
        "apiKeyColumnName": "Used for",
        "apiKeyColumnKey": "The key begins",
        "apiKeyColumnScope": "Access",
        "apiKeyColumnCreated": "Made",
        "apiKeyColumnUsed": "Last used",
        "apiKeyColumnState": "State",
        "apiKeyNeverUsed": "Never",
        "apiKeyActive": "Active",
        "apiKeyRevokedOn": "Revoked",
        "apiKeyScope_ledger": "Import rent accounts",
        "auditActorAPIKey": "Program with an API key",
        "auditSubject_api_key": "API key",
        "apiKeyMadeBefore":
            "The key was already made and is not shown again. Revoke it if it was not copied, and make a new one.",
        "auditAction_api_key.create": "Made an API key",
        "auditAction_api_key.revoke": "Revoked an API key",
    ]
}
