/// Why a text is not a valid CPR-nummer (rules.md §9). The messages never contain the number, so an
/// error can be logged or shown without leaking it.
public enum CPRError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not 10 digits, or 11 characters with the hyphen.
    case wrongLength
    /// Eleven characters whose 7th is not the hyphen of "DDMMYY-SSSS".
    case misplacedHyphen
    /// A character other than the ASCII digits 0–9 (and the one hyphen).
    case notDigits
    /// The first six digits, with the century from the 7th, are not a real date (31 February,
    /// 29 February in a common year, month 13, ...).
    case invalidDate

    public var description: String {
        switch self {
        case .wrongLength: "A CPR number has ten digits, written DDMMYYSSSS or DDMMYY-SSSS."
        case .misplacedHyphen: "A CPR number is written DDMMYY-SSSS, with the hyphen after the sixth digit."
        case .notDigits: "A CPR number contains only the digits zero to nine."
        case .invalidDate: "The first six digits of the CPR number are not a valid birth date."
        }
    }
}
