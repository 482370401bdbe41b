import Foundation
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

/// A moment is written in Danish time, the same way in either language as a typed time of day.
@Suite("Moments in words")
struct TimestampTests {
    @Test(arguments: [
        ("2026-12-03T08:41:00Z", "3. december 2026 kl. 09.41", "3 December 2026 at 09:41"),
        // Summer time: two hours ahead of UTC.
        ("2026-07-01T22:05:00Z", "2. juli 2026 kl. 00.05", "2 July 2026 at 00:05"),
    ])
    func aMomentIsWrittenInDanishTime(utc: String, danish: String, english: String) throws {
        let instant = try #require(ISO8601DateFormatter().date(from: utc))
        #expect(DateText.timestamp(instant, .da) == danish)
        #expect(DateText.timestamp(instant, .en) == english)
    }
}
