/// Ugedag (day of the week), numbered as in ISO 8601: Monday is 1, Sunday is 7.
public enum Weekday: Int, Sendable, CaseIterable, Codable {
    case monday = 1
    case tuesday, wednesday, thursday, friday, saturday, sunday

    /// Weekend: Saturday or Sunday.
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// The Danish name as written in letters, lower case ("mandag").
    public var danishName: String {
        switch self {
        case .monday: "mandag"
        case .tuesday: "tirsdag"
        case .wednesday: "onsdag"
        case .thursday: "torsdag"
        case .friday: "fredag"
        case .saturday: "lørdag"
        case .sunday: "søndag"
        }
    }
}
