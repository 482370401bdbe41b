/// A MeMo date (`xs:date` without a time zone), such as `doNotDeliverUntilDate` `2018-09-15`.
///
/// The type only holds real days of the years 1...9999, so a value read from XML is already a
/// valid date; the validator has nothing left to check.
public struct MeMoDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// `nil` unless the numbers name a real day with a four-digit year.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `nil` unless the text is exactly `YYYY-MM-DD` (whitespace around it is ignored, as in `xs:date`).
    /// A time-zone suffix is refused: the element names a Danish calendar day.
    public init?(_ text: String) {
        let bytes = Array(text.utf8.drop(while: Self.isXMLSpace).reversed().drop(while: Self.isXMLSpace).reversed())
        self.init(asciiBytes: bytes[...])
    }

    init?(asciiBytes bytes: ArraySlice<UInt8>) {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            let year = Self.number(bytes[start..<(start + 4)]),
            let month = Self.number(bytes[(start + 5)..<(start + 7)]),
            let day = Self.number(bytes[(start + 8)..<(start + 10)])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The XML text, `YYYY-MM-DD`.
    public var text: String {
        let yearText = String(year)
        return String(repeating: "0", count: 4 - yearText.count) + yearText + "-" + MeMoDateTime.two(month) + "-"
            + MeMoDateTime.two(day)
    }

    public var description: String { text }

    public static func < (lhs: MeMoDate, rhs: MeMoDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `dayNumber` (Howard Hinnant's `civil_from_days`).
    static func civil(fromDayNumber number: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = number + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The value of ASCII decimal digits, `nil` if any byte is not a digit.
    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// XML's white space: space, tab, line feed and carriage return.
    static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
