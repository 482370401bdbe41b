/// Beløb: an amount of Danish kroner held as whole øre, never as a floating-point number, so that sums
/// of rent, fees and deductions are exact. Encoded as the integer number of øre.
public struct Money: Hashable, Comparable, Sendable, AdditiveArithmetic, Codable {
    public let ore: Int64

    public init(ore: Int64) {
        self.ore = ore
    }

    public init(kroner: Int64) {
        self.ore = kroner * 100
    }

    public static let zero = Money(ore: 0)

    public static func + (lhs: Money, rhs: Money) -> Money {
        Money(ore: lhs.ore + rhs.ore)
    }

    public static func - (lhs: Money, rhs: Money) -> Money {
        Money(ore: lhs.ore - rhs.ore)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.ore < rhs.ore
    }

    /// Danish notation with thousands separator and two decimals: "1.234,50 kr.", "-12,00 kr.".
    /// Built by hand so the result never depends on the host's locale data.
    public var danish: String {
        let magnitude = ore.magnitude
        var kroner = String(magnitude / 100)
        var grouped = ""
        while kroner.count > 3 {
            grouped = "." + String(kroner.suffix(3)) + grouped
            kroner.removeLast(3)
        }
        let oreDigits = magnitude % 100
        let fraction = oreDigits < 10 ? "0\(oreDigits)" : "\(oreDigits)"
        return "\(ore < 0 ? "-" : "")\(kroner)\(grouped),\(fraction) kr."
    }

    public init(from decoder: any Decoder) throws {
        ore = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(ore)
    }
}
