import Testing

@testable import App

@Suite("A form's field errors")
struct FieldErrorTests {
    /// A required text field says what is wrong: nothing written, or too much.
    @Test(
        arguments: [
            ("", 10, "faultErrorDescription"),
            ("x", 10, nil),
            (String(repeating: "x", count: 10), 10, nil),
            (String(repeating: "x", count: 11), 10, "faultErrorDescriptionLong"),
            // Characters, not bytes: ten Danish letters are ten.
            (String(repeating: "ø", count: 10), 10, nil),
        ] as [(String, Int, String?)]
    )
    func aRequiredTextIsEmptyOrTooLong(text: String, max: Int, key: String?) {
        #expect(FieldError.requiredText(text, max: max, "faultErrorDescription") == key)
    }

    /// A name to sign with: a first and a last name, not too long.
    @Test(
        arguments: [
            ("", "swapErrorOtherTenant"),
            ("Mette", "swapErrorOtherTenant"),
            ("Mette Nielsen", nil),
            ("Anna Marie Sørensen", nil),
            (String(repeating: "x", count: 20) + " " + String(repeating: "y", count: 20), "swapErrorOtherTenantLong"),
        ] as [(String, String?)]
    )
    func aNameHasTwoWordsAndFits(text: String, key: String?) {
        #expect(FieldError.fullName(text, max: 40, "swapErrorOtherTenant") == key)
    }

    /// Every required text's two messages exist in both languages, and neither mixes them up:
    /// the empty one names no limit.
    @Test(arguments: [
        "connectionErrorSystemID", "feesErrorSource", "subletErrorSubtenants", "complaintDisclosureErrorReason",
        "complaintGraveErrorReason", "complaintReplyError", "complaintErrorDescription", "faultErrorDescription",
        "wholeErrorReasonText", "wholeErrorSubtenant", "swapErrorOtherTenant", "swapErrorOtherAddress",
        "swapErrorOtherLandlord", "meetingErrorPlace", "myMeetingErrorTitle", "myMeetingErrorText",
        "caseLetterErrorSubject",
        "caseLetterErrorText", "bulkErrorSubject", "bulkErrorText", "ballotErrorQuestion", "myMeetingsErrorTopic",
        "meetingErrorCancelReason", "meetingErrorHideReason", "municipalityErrorName", "municipalityErrorStreet",
        "municipalityErrorCity", "swapLetterErrorStreet", "complaintErrorText", "complaintErrorCourtNote",
    ])
    func bothMessagesAreWritten(key: String) {
        for language in Language.allCases {
            let strings = Strings.table(language)
            let (empty, long) = (strings[key] ?? "", strings[key + "Long"] ?? "")
            #expect(!empty.isEmpty && !long.isEmpty, "\(key) \(language)")
            #expect(!empty.contains("højst") && !empty.contains("at most"), "\(key) \(language)")
            #expect(long.contains("højst") || long.contains("at most"), "\(key) \(language)")
        }
    }
}
