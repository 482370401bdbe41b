import Foundation

/// ISO 8601 date-times as NgDP's JSON carries them.
///
/// Read: `YYYY-MM-DDThh:mm:ss`, an optional fraction of any length, then `Z`, `±hh:mm`, `±hhmm`
/// or nothing (taken as UTC: a Java `LocalDateTime` is written without a zone). Written: UTC with
/// milliseconds and a literal `Z`, as MeMo writes its own date-times. Done by hand because
/// Foundation's ISO 8601 parsers each accept only some of these forms.
enum NgDPTimestamp {
    static func date(from text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[4] == ascii("-"), bytes[7] == ascii("-"),
            bytes[10] == ascii("T") || bytes[10] == ascii("t") || bytes[10] == ascii(" "),
            bytes[13] == ascii(":"), bytes[16] == ascii(":"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
            let second = number(bytes[17..<19]),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == ascii(".") || bytes[index] == ascii(",") {
            index += 1
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start else { return nil }
            // Nanoseconds are as fine as a Date can hold; further digits are dropped.
            let digits = bytes[start..<min(index, start + 9)]
            fraction = Double(number(digits)!) / pow(10, Double(digits.count))
        }
        var offsetSeconds = 0
        if index < bytes.count {
            switch bytes[index] {
            case ascii("Z"), ascii("z"):
                index += 1
            case ascii("+"), ascii("-"):
                let sign = bytes[index] == ascii("-") ? -1 : 1
                let rest = bytes[(index + 1)...]
                let digits: [UInt8] =
                    rest.count == 5 && rest[rest.startIndex + 2] == ascii(":")
                    ? Array(rest.prefix(2)) + Array(rest.suffix(2)) : Array(rest)
                guard digits.count == 4, let hours = number(digits[0..<2]), let minutes = number(digits[2..<4]),
                    hours < 24, minutes < 60
                else { return nil }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
                index = bytes.count
            default:
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    static func string(from date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (seconds, millisecond) = milliseconds.floorDivided(by: 1000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (year, month, day) = civil(daysSinceEpoch: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millisecond, 3))Z"
    }

    private static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }

    private static func isDigit(_ byte: UInt8) -> Bool { (ascii("0")...ascii("9")).contains(byte) }

    private static func number(_ bytes: some Collection<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - ascii("0"))
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil and civil_from_days: proleptic Gregorian, no Calendar.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int {
    fileprivate func floorDivided(by divisor: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((self % divisor) + divisor) % divisor
        return ((self - remainder) / divisor, remainder)
    }
}
