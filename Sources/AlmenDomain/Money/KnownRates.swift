/// Kendte satser: the yearly amounts rules.md states. Other years are entered as data by the
/// organisation; nothing here is extrapolated.
public enum KnownRates {
    /// Påkravsgebyr (fee for a payment demand), ALL § 90: 250 kr. at 2009 level, indexed every year
    /// and published by the housing authorities. Known values from rules.md §3.
    public static let paakravFee = YearlyRate(
        name: "påkravsgebyr",
        entries: [
            2011: .init(amount: Money(kroner: 259), source: source(2011)),
            2012: .init(amount: Money(kroner: 266), source: source(2012)),
            2015: .init(amount: Money(kroner: 275), source: source(2015)),
            2023: .init(amount: Money(kroner: 314), source: source(2023)),
        ]
    )

    private static func source(_ year: Int) -> String {
        "ALL § 90: 250 kr. (2009-niveau), reguleret; published amount for \(year) (rules.md §3)"
    }
}
