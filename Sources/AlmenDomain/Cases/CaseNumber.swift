/// A case's number as staff and residents quote it (sagsnummer): the year the case was opened and
/// a serial that starts at 1 each year, "2026-000042".
public struct CaseNumber: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let serial: Int

    public init(year: Int, serial: Int) {
        self.year = year
        self.serial = serial
    }

    /// Parses "2026-000042"; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count >= 6,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let serial = Int(parts[1]), serial >= 1
        else { return nil }
        self.init(year: year, serial: serial)
    }

    public var description: String {
        let digits = String(serial)
        return "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
