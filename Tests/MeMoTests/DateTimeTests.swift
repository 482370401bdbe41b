import Foundation
import MeMo
import Testing

/// MeMo date-times are UTC with a literal Z; dates are plain calendar days (digital-post.md).
@Suite("MeMo dates and date-times")
struct DateTimeTests {
    @Test(
        "Date-times in UTC with a literal Z are read and written back",
        arguments: [
            ("2018-05-03T12:00:00Z", "2018-05-03T12:00:00Z"),
            ("2024-02-29T23:59:59Z", "2024-02-29T23:59:59Z"),
            ("2025-01-01T00:00:00.5Z", "2025-01-01T00:00:00.5Z"),
            ("2025-01-01T00:00:00.500Z", "2025-01-01T00:00:00.5Z"),
            ("2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00Z"),
            (" 2025-01-01T00:00:00Z\n", "2025-01-01T00:00:00Z"),
        ]
    )
    func valid(text: String, written: String) throws {
        let value = try #require(MeMoDateTime(text))

        #expect(value.text == written)
    }

    @Test(
        "Anything but a real UTC instant with Z is refused",
        arguments: [
            "2025-01-01T00:00:00+00:00", "2025-01-01T01:00:00+01:00", "2025-01-01T00:00:00", "2025-01-01T00:00:00z",
            "2025-01-01 00:00:00Z", "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-01T24:00:00Z",
            "2025-01-01T23:60:00Z", "2025-01-01T23:59:60Z", "2025-01-01T00:00:00.Z", "25-01-01T00:00:00Z",
            "+2025-01-01T00:00:00Z", "2025-1-01T00:00:00Z", "", "Z",
        ]
    )
    func invalid(text: String) {
        #expect(MeMoDateTime(text) == nil)
    }

    @Test("Date-times order by instant, fractions included")
    func ordering() throws {
        let values = try [
            "2025-01-01T00:00:00.1Z", "2024-12-31T23:59:59.999Z", "2025-01-01T00:00:00.09Z", "2025-01-01T00:00:00Z",
        ]
        .map { try #require(MeMoDateTime($0)) }

        #expect(
            values.sorted().map(\.text) == [
                "2024-12-31T23:59:59.999Z", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00.09Z", "2025-01-01T00:00:00.1Z",
            ]
        )
    }

    @Test(
        "A Date becomes a whole-second UTC date-time and back",
        arguments: [0.0, 1_735_689_599.75, 951_782_400, -86_400]
    )
    func fromDate(seconds: Double) {
        let value = MeMoDateTime(Date(timeIntervalSince1970: seconds))

        #expect(value.date == Date(timeIntervalSince1970: seconds.rounded(.down)))
        #expect(MeMoDateTime(value.text) == value)
    }

    @Test("1 March 2000 00:00 UTC is written as such")
    func knownInstant() {
        #expect(MeMoDateTime(Date(timeIntervalSince1970: 951_868_800)).text == "2000-03-01T00:00:00Z")
    }

    @Test(
        "Dates are YYYY-MM-DD of a real day",
        arguments: [
            ("2018-09-15", true), ("2024-02-29", true), ("2023-02-29", false), ("2000-02-29", true),
            ("1900-02-29", false),
            ("2018-9-15", false), ("2018-09-15Z", false), ("2018-09-15+01:00", false), ("20180915", false),
            ("0000-01-01", false),
        ]
    )
    func dates(text: String, valid: Bool) {
        #expect((MeMoDate(text) != nil) == valid)
        #expect(MeMoDate(text).map(\.text) == (valid ? text : nil))
    }
}
