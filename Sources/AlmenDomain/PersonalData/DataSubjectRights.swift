/// The data subject's rights (de registreredes rettigheder, GDPR articles 15–21, rules.md §9) and
/// the month the controller has to answer a request (article 12(3)).
public enum DataSubjectRight: String, Sendable, CaseIterable, Codable {
    /// Indsigt (article 15): answered by the access export.
    case access
    /// Berigtigelse (article 16): wrong data corrected.
    case rectification
    /// Sletning (article 17): "retten til at blive glemt".
    case erasure
    /// Begrænsning (article 18): kept, but not used.
    case restriction
    /// Indsigelse (article 21): against processing on the basis of a legitimate interest.
    case objection

    /// The rights a resident asks for in a form that becomes a case (access is the export).
    public static let requested: [DataSubjectRight] = [.rectification, .erasure, .restriction, .objection]
}

public enum DataSubjectRequestDeadline {
    public static let reference =
        "Databeskyttelsesforordningen art. 12, stk. 3: svar uden unødig forsinkelse og senest en måned efter modtagelsen"

    /// The last day to answer a request received on `received`: one month, counted as EU
    /// regulation 1182/71 art. 3 counts it. The period ends on the day of the next month with the
    /// same number as the day of receipt (the last day of that month when it has no such day), and
    /// moves to the next working day when that is a Saturday, a Sunday or a helligdag.
    public static func answerBy(received: LocalDate, calendar: DanishCalendar = DanishCalendar()) -> LocalDate {
        var day = received.adding(months: 1)
        while day.weekday == .saturday || !calendar.isHverdag(day) { day = day.adding(days: 1) }
        return day
    }
}
