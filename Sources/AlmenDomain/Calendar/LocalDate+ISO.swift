import Foundation

/// The ISO 8601 calendar-date form "YYYY-MM-DD", used for display, URLs, JSON and storage.
extension LocalDate: CustomStringConvertible, Codable {
    /// Strict "YYYY-MM-DD": exactly four, two and two ASCII digits; `nil` for anything else,
    /// including other separators, signs, spaces and dates that do not exist.
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else {
            return nil
        }
        self.init(year: year, month: month, day: day)
    }

    /// A date as a person types it in a form: "2026-04-07" (what a browser's date field sends),
    /// or the Danish "7.4.2026", "07.04.2026", "7-4-2026" or "7/4/2026" (day, month, four-digit
    /// year), with spaces around it ignored; `nil` for anything else.
    public init?(typed: String) {
        let text = typed.trimmingCharacters(in: .whitespaces)
        if let date = LocalDate(iso: text) {
            self = date
            return
        }
        // One separator throughout, and no empty part ("7..4.2026", "7.4/2026" are not dates).
        guard let separator = text.first(where: { $0 == "." || $0 == "-" || $0 == "/" }) else { return nil }
        let parts = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
            parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }),
            let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// "2026-04-07".
    public var iso: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public var description: String { iso }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Expected a date as \"YYYY-MM-DD\""
            )
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
