import Testing

@testable import App

/// A time of day a resident typed in a complaint's episode follows its date in the reader's
/// language: a clock time as one, anything else as typed.
@Suite("Typed times of day")
struct TypedTimeTests {
    @Test(arguments: [
        ("22.30", " kl. 22.30", " at 22:30"),
        ("22:30", " kl. 22.30", " at 22:30"),
        ("7", " kl. 07.00", " at 07:00"),
        ("kl. 02", " kl. 02.00", " at 02:00"),
        ("kl.23.05", " kl. 23.05", " at 23:05"),
        ("ca. 23.30", ", ca. 23.30", ", ca. 23.30"),
        ("om aftenen", ", om aftenen", ", om aftenen"),
        ("25.00", ", 25.00", ", 25.00"),
        ("12.75", ", 12.75", ", 12.75"),
        ("", "", ""),
        ("   ", "", ""),
    ])
    func aClockTimeIsWrittenAsOneAndAnythingElseAsTyped(typed: String, danish: String, english: String) {
        #expect(DateText.typedTime(typed, .da) == danish)
        #expect(DateText.typedTime(typed, .en) == english)
    }
}
