import AlmenDomain
import Foundation

/// Dates written out for people, e.g. "tirsdag den 7. april 2026" / "Tuesday 7 April 2026".
enum DateText {
    static let danishMonths = [
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ]
    static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
    static let danishWeekdays = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    static let englishWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The name of month `number` (1–12): "december" or "December".
    static func monthName(_ number: Int, _ language: Language) -> String {
        (language == .da ? danishMonths : englishMonths)[number - 1]
    }

    static func weekday(_ date: LocalDate, _ language: Language) -> String {
        let index = date.weekday.rawValue - 1
        return language == .da ? danishWeekdays[index] : englishWeekdays[index]
    }

    /// "7. april 2026" / "7 April 2026".
    static func short(_ date: LocalDate, _ language: Language) -> String {
        switch language {
        case .da: "\(date.day). \(danishMonths[date.month - 1]) \(date.year)"
        case .en: "\(date.day) \(englishMonths[date.month - 1]) \(date.year)"
        }
    }

    /// A moment in Danish time: "3. december 2026 kl. 09.41" / "3 December 2026 at 09:41" (as a
    /// typed time of day reads after a date, `typedTime`).
    static func timestamp(_ instant: Date, _ language: Language) -> String {
        let time = LocalTime(instant, timeZone: danishTimeZone)
        switch language {
        case .da: return "\(short(time.date, .da)) kl. \(clock(time, .da))"
        case .en: return "\(short(time.date, .en)) at \(clock(time, .en))"
        }
    }

    /// A span of one day in Danish time: "3. december 2026 kl. 09.12–14.02" / "3 December 2026
    /// at 09:12–14:02"; a timestamp when both are the same minute.
    static func span(_ from: Date, _ to: Date, _ language: Language) -> String {
        let (start, end) = (LocalTime(from, timeZone: danishTimeZone), LocalTime(to, timeZone: danishTimeZone))
        guard clock(start, language) != clock(end, language) else { return timestamp(to, language) }
        return timestamp(from, language) + "–" + clock(end, language)
    }

    /// "09.41" / "09:41".
    private static func clock(_ time: LocalTime, _ language: Language) -> String {
        let hour = time.hour < 10 ? "0\(time.hour)" : "\(time.hour)"
        let minute = time.minute < 10 ? "0\(time.minute)" : "\(time.minute)"
        return language == .da ? "\(hour).\(minute)" : "\(hour):\(minute)"
    }

    /// "kl. 9.30", "09:30", "9": compiled once (a regex literal is built again on every call,
    /// and a case page reads every meeting and viewing time through here).
    nonisolated(unsafe) private static let typedTimeExpression = /(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2}))?/

    /// A time of day as a resident typed it, to follow a date: a clock time ("22.30", "22:30",
    /// "kl. 7") as " kl. 22.30" / " at 22:30", anything else ("om aftenen") as ", om aftenen";
    /// "" for nothing.
    static func typedTime(_ text: String, _ language: Language) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return "" }
        guard let match = trimmed.wholeMatch(of: typedTimeExpression),
            let hour = Int(match.1), hour < 24, Int(match.2 ?? "0").map({ $0 < 60 }) == true
        else { return ", " + trimmed }
        let minute = match.2.map(String.init) ?? "00"
        let padded = hour < 10 ? "0\(hour)" : "\(hour)"
        return language == .da ? " kl. \(padded).\(minute)" : " at \(padded):\(minute)"
    }

    /// "tirsdag den 7. april 2026" / "Tuesday 7 April 2026".
    static func long(_ date: LocalDate, _ language: Language) -> String {
        switch language {
        case .da: "\(weekday(date, .da)) den \(short(date, .da))"
        case .en: "\(weekday(date, .en)) \(short(date, .en))"
        }
    }

    /// "april 2026" / "April 2026".
    static func month(_ date: LocalDate, _ language: Language) -> String {
        switch language {
        case .da: "\(danishMonths[date.month - 1]) \(date.year)"
        case .en: "\(englishMonths[date.month - 1]) \(date.year)"
        }
    }
}

extension String {
    /// The first letter in upper case, for a date that starts a sentence ("Onsdag den ...").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
