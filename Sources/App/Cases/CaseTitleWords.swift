/// The titles the system gives the cases it opens (a resident's request, a complaint, a påkrav),
/// Danish and English: each case keeps both (`CaseFile.titleEnglish`), so a list in English
/// names them in English. Kept with the feature and merged into `Strings`.
enum CaseTitleWords {
    static let danish: [String: String] = [
        "caseTitle_termination": "Opsigelse af {address}",
        "caseTitle_partialSubletting": "Delvis fremleje af {address}",
        "caseTitle_wholeSubletting": "Fremleje af hele {address}",
        "caseTitle_swap": "Boligbytte af {address} med {other}",
        "caseTitle_swapLandlord": "Bytte: {other} med {address}",
        "caseTitle_faultReport": "Fejlmelding: {place}, {address}",
        "caseTitle_complaint": "Naboklage om {address}",
        "caseTitle_paakrav": "Påkrav: {address}",
        "caseTitle_coTenantDeath": "Dødsfald: {name}, {address}",
        "caseTitle_dataRequest": "Anmodning om persondata: {right}",
    ]

    static let english: [String: String] = [
        "caseTitle_termination": "Termination of {address}",
        "caseTitle_partialSubletting": "Partial sub-letting of {address}",
        "caseTitle_wholeSubletting": "Sub-letting of the whole of {address}",
        "caseTitle_swap": "House swap of {address} with {other}",
        "caseTitle_swapLandlord": "Swap: {other} with {address}",
        "caseTitle_faultReport": "Fault report: {place}, {address}",
        "caseTitle_complaint": "Neighbour complaint about {address}",
        "caseTitle_paakrav": "Payment demand (påkrav): {address}",
        "caseTitle_coTenantDeath": "Death: {name}, {address}",
        "caseTitle_dataRequest": "Request about personal data: {right}",
    ]
}
