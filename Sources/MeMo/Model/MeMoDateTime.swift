import Foundation

/// A MeMo date-time (tidspunkt): an instant in UTC, always written with a literal `Z`, such as
/// `2018-05-03T12:00:00Z` or `2018-05-03T12:00:00.250Z`.
///
/// digital-post.md requires `Z`; an offset such as `+02:00`, even `+00:00`, is refused when the
/// text is read, so a value of this type can always be written back unchanged. Keeping the fields
/// instead of a `Date` keeps the exact text (a `Date` would round fractions through a `Double`).
/// Trailing zeros of the fraction are dropped, so equal instants are equal values.
public struct MeMoDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int
    /// The decimal digits after the seconds' point, without trailing zeros; empty for whole seconds.
    public let fraction: String

    /// `nil` unless the text is `YYYY-MM-DDThh:mm:ss[.fraction]Z` naming a real instant (four-digit
    /// year, no leap second, no `24:00:00`). Whitespace around the text is ignored, as in `xs:dateTime`.
    public init?(_ text: String) {
        let bytes = Array(
            text.utf8.drop(while: MeMoDate.isXMLSpace).reversed().drop(while: MeMoDate.isXMLSpace).reversed()
        )
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let date = MeMoDate(asciiBytes: bytes[0..<10]),
            let hour = MeMoDate.number(bytes[11..<13]), let minute = MeMoDate.number(bytes[14..<16]),
            let second = MeMoDate.number(bytes[17..<19]),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction = ""
        let rest = bytes[19..<(bytes.count - 1)]
        if !rest.isEmpty {
            guard rest.first == UInt8(ascii: "."), rest.count >= 2,
                rest.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
            else { return nil }
            fraction = String(decoding: rest.dropFirst(), as: UTF8.self)
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        self.init(
            year: date.year,
            month: date.month,
            day: date.day,
            hour: hour,
            minute: minute,
            second: second,
            fraction: fraction
        )
    }

    private init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: String) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.fraction = fraction
    }

    /// The instant `date`, to whole seconds (fractions are dropped, as NgDP shows minutes at most).
    /// `date` must lie in the years 1...9999.
    public init(_ date: Date) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondsOfDay = total - days * 86_400
        let civil = MeMoDate.civil(fromDayNumber: days)
        precondition((1...9999).contains(civil.year), "A MeMo date-time has a four-digit year")
        self.init(
            year: civil.year,
            month: civil.month,
            day: civil.day,
            hour: secondsOfDay / 3600,
            minute: secondsOfDay / 60 % 60,
            second: secondsOfDay % 60,
            fraction: ""
        )
    }

    /// The instant as a `Date` (fractions beyond a microsecond are rounded by `Double`).
    public var date: Date {
        let days = MeMoDate(year: year, month: month, day: day)!.dayNumber
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second)
        return Date(timeIntervalSince1970: seconds + (Double("0." + (fraction.isEmpty ? "0" : fraction)) ?? 0))
    }

    /// The XML text, `YYYY-MM-DDThh:mm:ss[.fraction]Z`.
    public var text: String {
        let date = MeMoDate(year: year, month: month, day: day)!.text
        let time = "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))"
        return fraction.isEmpty ? "\(date)T\(time)Z" : "\(date)T\(time).\(fraction)Z"
    }

    public var description: String { text }

    public static func < (lhs: MeMoDateTime, rhs: MeMoDateTime) -> Bool {
        let left = (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
        let right = (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
        if left != right { return left < right }
        // Fractions without trailing zeros compare as decimal digits once padded to one length.
        let width = max(lhs.fraction.count, rhs.fraction.count)
        let pad = { (digits: String) in digits + String(repeating: "0", count: width - digits.count) }
        return pad(lhs.fraction) < pad(rhs.fraction)
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
