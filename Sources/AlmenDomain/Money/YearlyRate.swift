/// Årlig sats: an amount that is set anew each year (fees, limits), kept as dated data with its
/// source. A year without an amount is an error naming the rate, never a guess (rules.md, preamble).
public struct YearlyRate: Sendable {
    /// One year's amount and where it was published.
    public struct Entry: Sendable, Hashable {
        public let amount: Money
        public let source: String

        public init(amount: Money, source: String) {
            self.amount = amount
            self.source = source
        }
    }

    /// The rate's Danish name, used in error messages ("påkravsgebyr").
    public let name: String
    private let entries: [Int: Entry]

    public init(name: String, entries: [Int: Entry]) {
        self.name = name
        self.entries = entries
    }

    public init(name: String, amounts: [Int: (Money, source: String)]) {
        self.init(name: name, entries: amounts.mapValues { Entry(amount: $0.0, source: $0.source) })
    }

    /// The years with an amount, ascending.
    public var years: [Int] { entries.keys.sorted() }

    public func entry(for year: Int) throws(RateError) -> Entry {
        guard let entry = entries[year] else { throw .missingRate(name: name, year: year) }
        return entry
    }

    public func amount(for year: Int) throws(RateError) -> Money {
        try entry(for: year).amount
    }
}
