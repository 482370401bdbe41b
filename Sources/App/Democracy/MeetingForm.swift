import AlmenDomain
import Foundation

/// The form that calls a meeting, as submitted, and its check: every problem at its field.
struct MeetingForm: Codable, Sendable {
    var body: String?
    var organisation: String?
    /// The department's number within the organisation (department meetings).
    var department: String?
    var kind: String?
    var date: String?
    var time: String?
    var place: String?
    var agenda: String?
    var votes: String?

    /// A meeting as it will be called.
    struct Valid: Sendable {
        let body: MeetingBody
        let organisationID: UUID
        let departmentNumber: Int?
        let kind: MeetingKind
        let day: LocalDate
        let time: String
        let place: String
        let agenda: [String]
        /// The household's votes at the meeting; nil: as at the department's last meeting.
        let votes: Int?
    }

    /// The standard agenda of the yearly department meeting, offered when a meeting is called.
    static let standardAgenda = [
        "Valg af dirigent", "Bestyrelsens beretning", "Godkendelse af regnskab", "Godkendelse af budget",
        "Indkomne forslag", "Valg af bestyrelse og suppleanter", "Eventuelt",
    ]

    /// The valid meeting, or each field's problem as a key of `MeetingWords` (and, for a day too
    /// soon, the earliest day the notice still allows).
    func validated(
        today: LocalDate,
        deadlines: MeetingDeadlines = MeetingDeadlines()
    ) -> Result<Valid, Problems> {
        var problems = Problems()
        let body = MeetingBody(rawValue: body ?? "")
        if body == nil { problems.add("body", "meetingErrorBody") }
        let organisationID = organisation.flatMap(UUID.init(uuidString:))
        if organisationID == nil { problems.add("organisation", "meetingErrorOrganisation") }
        var departmentNumber: Int?
        if body == .department {
            departmentNumber = Int(Self.trimmed(department)).flatMap { $0 > 0 ? $0 : nil }
            if departmentNumber == nil { problems.add("department", "meetingErrorDepartment") }
        }
        let kind = MeetingKind(rawValue: kind ?? "")
        if kind == nil { problems.add("kind", "meetingErrorKind") }
        let day = LocalDate(iso: Self.trimmed(date))
        if let day {
            switch deadlines.schedulingProblem(meeting: day, today: today) {
            case nil: break
            case .notInTheFuture: problems.add("date", "meetingErrorDatePast")
            case .noticeTooLate(let earliest):
                problems.add("date", "meetingErrorDateTooSoon")
                problems.earliest = earliest
            case .tooFarAhead: problems.add("date", "meetingErrorDateTooFar")
            case .holiday(let holiday):
                problems.add("date", "meetingErrorHoliday")
                problems.holiday = holiday
            }
        } else {
            problems.add("date", "meetingErrorDate")
        }
        let time = Self.clock(time)
        if time == nil { problems.add("time", "meetingErrorTime") }
        let place = Self.trimmed(place)
        if let problem = FieldError.requiredText(place, max: 200, "meetingErrorPlace") {
            problems.add("place", problem)
        }
        let items = (agenda ?? "").split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        .filter { !$0.isEmpty }
        if items.isEmpty || items.count > 40 || items.contains(where: { $0.count > 300 }) {
            problems.add("agenda", "meetingErrorAgenda")
        }
        let votesText = Self.trimmed(votes)
        let votes = Int(votesText)
        if body == .department, !votesText.isEmpty, votes.map(HouseholdVotes.allowed.contains) != true {
            problems.add("votes", "meetingErrorVotes")
        }
        guard problems.isEmpty, let body, let organisationID, let kind, let day, let time else {
            return .failure(problems)
        }
        return .success(
            Valid(
                body: body,
                organisationID: organisationID,
                departmentNumber: departmentNumber,
                kind: kind,
                day: day,
                time: time,
                place: place,
                agenda: items,
                votes: body == .department ? votes : HouseholdVotes.standard
            )
        )
    }

    /// The problems of a form: each field's message key, and the earliest day when the day was
    /// too soon.
    struct Problems: Error, Sendable {
        var list: [(field: String, key: String)] = []
        var earliest: LocalDate?
        var holiday: Holiday?

        var isEmpty: Bool { list.isEmpty }
        mutating func add(_ field: String, _ key: String) { list.append((field, key)) }

        /// Each field's words, at the field and in the summary; a day too soon names the earliest.
        func fieldErrors(_ language: Language) -> (atField: [String: String], summary: [FieldError]) {
            let strings = Strings.table(language)
            let messages = list.map { problem -> (String, String) in
                var message = strings[problem.key] ?? ""
                if problem.key == "meetingErrorDateTooSoon", let earliest {
                    message += " \(strings["meetingEarliest"] ?? "") \(DateText.long(earliest, language))."
                }
                if problem.key == "meetingErrorHoliday", let holiday {
                    message = "\(RulesText.name(holiday, language).capitalizedFirst) " + message
                }
                return (problem.field, message)
            }
            return FieldError.collect(messages, labelKey: { "meetingField_\($0.prefix { $0 != "-" })" }, strings)
        }
    }

    /// "19", "19.00", "19:00" or "9.30" as "19.00" / "09.30"; nil for anything else.
    static func clock(_ text: String?) -> String? {
        let parts = trimmed(text).split(whereSeparator: { $0 == "." || $0 == ":" }).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
            let hour = Int(parts[0]), (0...23).contains(hour)
        else { return nil }
        let minute = parts.count == 2 ? Int(parts[1]) : 0
        guard let minute, (0...59).contains(minute), parts.count == 1 || parts[1].count == 2 else { return nil }
        return (hour < 10 ? "0\(hour)" : "\(hour)") + "." + (minute < 10 ? "0\(minute)" : "\(minute)")
    }

    private static func trimmed(_ value: String?) -> String {
        (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
