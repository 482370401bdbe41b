/// Helligdag: a named public holiday (rules.md §1). Ordinary Sundays are helligdage too but have no
/// name of their own, so they are not `Holiday` values.
public struct Holiday: Hashable, Sendable, Codable {
    public let date: LocalDate
    /// The Danish name as used in letters: "Påskedag", "2. påskedag", "Store bededag".
    public let name: String
    public let englishName: String

    public init(date: LocalDate, name: String, englishName: String) {
        self.date = date
        self.name = name
        self.englishName = englishName
    }
}
