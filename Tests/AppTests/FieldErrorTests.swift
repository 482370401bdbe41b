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

    /// Every required text's two messages exist in both languages, and neither mixes them up:
    /// the empty one names no limit.
    @Test(arguments: [
        "connectionErrorSystemID", "feesErrorSource", "subletErrorSubtenants", "complaintDisclosureErrorReason",
        "complaintGraveErrorReason", "complaintReplyError", "complaintErrorDescription", "faultErrorDescription",
        "wholeErrorReasonText",
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
