import AlmenDomain

/// A department meeting's deadlines, as the API and `almen rules meeting` print them: the last
/// day of the notice and of proposals (rules.md §6).
public struct MeetingAnswer: Encodable, Sendable, Equatable {
    public let date: String
    public let weekday: String
    public let noticeBy: String
    public let proposalsBy: String
    public let references: [String]
    public let explanation: [String]

    public static func evaluate(
        date: String?,
        language: Language = .da,
        deadlines: MeetingDeadlines = MeetingDeadlines()
    ) throws(RulesInputError) -> MeetingAnswer {
        let meeting = try RulesInput.date(date, field: "date")
        let notice = deadlines.noticeBy(meeting: meeting)
        let proposals = deadlines.proposalsBy(meeting: meeting)
        try RulesInput.checkYear(notice.year, field: "date")
        return MeetingAnswer(
            date: meeting.iso,
            weekday: String(describing: meeting.weekday),
            noticeBy: notice.iso,
            proposalsBy: proposals.iso,
            references: [MeetingDeadlines.noticeReference, MeetingDeadlines.proposalReference],
            explanation: [
                ("meetingRulesDay", meeting), ("meetingRulesNotice", notice), ("meetingRulesProposals", proposals),
            ].map { key, date in Strings.table(language).filled(key, ["date": DateText.long(date, language)]) }
        )
    }
}

/// When the representative body's minutes must be published (`almen rules minutes`).
public struct MinutesAnswer: Encodable, Sendable, Equatable {
    public let meeting: String
    public let publishBy: String
    public let references: [String]
    public let explanation: [String]

    public static func evaluate(
        meeting: String?,
        language: Language = .da,
        deadlines: MeetingDeadlines = MeetingDeadlines()
    ) throws(RulesInputError) -> MinutesAnswer {
        let held = try RulesInput.date(meeting, field: "meeting")
        let by = deadlines.minutesBy(meeting: held)
        try RulesInput.checkYear(by.year, field: "meeting")
        return MinutesAnswer(
            meeting: held.iso,
            publishBy: by.iso,
            references: [MeetingDeadlines.minutesReference],
            explanation: [
                Strings.table(language).filled(
                    "meetingRulesMinutes",
                    ["held": DateText.long(held, language), "by": DateText.long(by, language)]
                )
            ]
        )
    }
}

/// Whether the households' requests call an extraordinary department meeting
/// (`almen rules extraordinary`).
public struct ExtraordinaryAnswer: Encodable, Sendable, Equatable {
    public let households: Int
    public let requests: Int
    public let needed: Int
    public let required: Bool
    public let references: [String]
    public let explanation: [String]

    public static func evaluate(
        households: String?,
        requests: String?,
        language: Language = .da
    ) throws(RulesInputError) -> ExtraordinaryAnswer {
        let count = try RulesInput.count(households, field: "households", in: 1...100_000)
        let asked = try RulesInput.count(requests, field: "requests", in: 0...count)
        let needed = ExtraordinaryMeetingRule.needed(households: count)
        let required = ExtraordinaryMeetingRule.required(households: count, requests: asked)
        let strings = Strings.table(language)
        let verdict = strings.filled(
            required ? "meetingRulesMustCall" : "meetingRulesMissing",
            ["n": "\(needed - asked)"]
        )
        return ExtraordinaryAnswer(
            households: count,
            requests: asked,
            needed: needed,
            required: required,
            references: [MeetingDeadlines.extraordinaryReference],
            explanation: [
                strings.counted(
                    "meetingRulesAsked",
                    asked,
                    ["asked": "\(asked)", "households": "\(count)", "needed": "\(needed)"]
                ),
                verdict,
            ]
        )
    }
}
