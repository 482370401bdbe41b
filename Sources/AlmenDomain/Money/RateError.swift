/// A yearly sats (rate) that has no amount for the year asked for (rules.md, preamble).
public enum RateError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingRate(name: String, year: Int)

    public var description: String {
        switch self {
        case .missingRate(let name, let year):
            "No amount for \(name) in \(year) is configured; enter the published amount as data (rates are never extrapolated)."
        }
    }
}
