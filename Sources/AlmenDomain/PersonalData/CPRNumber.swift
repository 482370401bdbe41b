/// CPR-nummer (personnummer, Danish personal identification number), rules.md §9.
///
/// Validated for length, digits, and a real birth date with the century from the 7th digit. The
/// modulus-11 check is deliberately absent: numbers failing it have been issued since 2007.
/// Erstatningspersonnumre (replacement numbers, day of month + 60) are accepted.
///
/// Every textual form (`description`, `debugDescription`, the mirror used by `dump`) is the masked
/// number, so interpolating one into a log line or error cannot leak it; only `digits` gives the
/// full number, for encryption and keyed hashing.
public struct CPRNumber: Hashable, Sendable {
    /// The ten digits, no hyphen.
    public let digits: String
    public let birthDate: LocalDate

    /// Accepts "DDMMYYSSSS" or "DDMMYY-SSSS", nothing else (no spaces).
    public init(_ text: String) throws(CPRError) {
        var characters = Array(text)
        switch characters.count {
        case 10:
            break
        case 11:
            guard characters[6] == "-" else { throw .misplacedHyphen }
            characters.remove(at: 6)
        default:
            throw .wrongLength
        }
        var values: [Int] = []
        for character in characters {
            guard character.isASCII, let value = character.wholeNumberValue else { throw .notDigits }
            values.append(value)
        }
        let day = values[0] * 10 + values[1]
        let month = values[2] * 10 + values[3]
        let twoDigitYear = values[4] * 10 + values[5]
        let year = Self.century(centuryDigit: values[6], twoDigitYear: twoDigitYear) + twoDigitYear
        let birthDay = day > Self.replacementDayOffset ? day - Self.replacementDayOffset : day
        guard let birthDate = LocalDate(year: year, month: month, day: birthDay) else {
            throw .invalidDate
        }
        self.digits = String(characters)
        self.birthDate = birthDate
    }

    private init(validDigits: String, birthDate: LocalDate) {
        self.digits = validDigits
        self.birthDate = birthDate
    }

    /// Erstatningspersonnumre add this to the day of month.
    static let replacementDayOffset = 60

    /// The century of the birth year from the 7th digit (CPR-kontoret's table):
    /// 0–3 → 1900s; 4 and 9 → 2000s when YY ≤ 36, else 1900s; 5–8 → 2000s when YY ≤ 57, else 1800s.
    static func century(centuryDigit: Int, twoDigitYear: Int) -> Int {
        switch centuryDigit {
        case 0...3: 1900
        case 4, 9: twoDigitYear <= 36 ? 2000 : 1900
        default: twoDigitYear <= 57 ? 2000 : 1800
        }
    }

    /// Erstatningspersonnummer: the day of month is 61–91.
    public var isReplacementNumber: Bool {
        Int(digits.prefix(2))! > Self.replacementDayOffset
    }

    /// "DDMMYY-xxxx": the birth-date part only, safe to show.
    public var masked: String {
        "\(digits.prefix(6))-xxxx"
    }

    /// A fictitious erstatningspersonnummer for demo and test data (rules.md §9): day of month + 60,
    /// a 7th digit that gives the birth year's century, and `sequence` (0...999) as digits 8–10.
    /// Birth years 1858...2057 can be expressed; `sequence` must be 0...999.
    public static func replacement(birthDate: LocalDate, sequence: Int) -> CPRNumber {
        precondition((0...999).contains(sequence), "Sequence must be 0...999")
        let centuryDigit: Int
        switch birthDate.year {
        case 1900...1999: centuryDigit = 0
        case 1858...1899, 2000...2057: centuryDigit = 5
        default: preconditionFailure("A CPR number cannot express the birth year")
        }
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: width - text.count) + text
        }
        let digits =
            padded(birthDate.day + replacementDayOffset, 2) + padded(birthDate.month, 2)
            + padded(birthDate.year % 100, 2) + String(centuryDigit) + padded(sequence, 3)
        return CPRNumber(validDigits: digits, birthDate: birthDate)
    }
}

extension CPRNumber: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { masked }
    public var debugDescription: String { "CPRNumber(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked], displayStyle: .struct) }
}
