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
            explanation: language == .da
                ? [
                    "Mødet er \(DateText.long(meeting, .da)).",
                    "Indkaldelsen skal sendes til alle husstande senest \(DateText.long(notice, .da)), 4 uger før.",
                    "Forslag skal være bestyrelsen i hænde senest \(DateText.long(proposals, .da)), 2 uger før.",
                ]
                : [
                    "The meeting is on \(DateText.long(meeting, .en)).",
                    "The notice goes to every household by \(DateText.long(notice, .en)), 4 weeks before.",
                    "Proposals must reach the board by \(DateText.long(proposals, .en)), 2 weeks before.",
                ]
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
                language == .da
                    ? "Referatet af mødet \(DateText.long(held, .da)) skal være tilgængeligt for alle beboere senest \(DateText.long(by, .da)), 6 uger efter."
                    : "The minutes of the meeting on \(DateText.long(held, .en)) must be available to every resident by \(DateText.long(by, .en)), 6 weeks after."
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
        let verdict =
            switch (required, language) {
            case (true, .da): "Der skal indkaldes til et ekstraordinært afdelingsmøde."
            case (false, .da): "Der mangler \(needed - asked) for at kræve et ekstraordinært afdelingsmøde."
            case (true, .en): "An extraordinary department meeting must be called."
            case (false, .en): "\(needed - asked) more are needed to require an extraordinary department meeting."
            }
        return ExtraordinaryAnswer(
            households: count,
            requests: asked,
            needed: needed,
            required: required,
            references: [MeetingDeadlines.extraordinaryReference],
            explanation: [
                language == .da
                    ? "\(asked) af \(count) husstande har bedt om mødet; 25 % er \(needed)."
                    : "\(asked) of \(count) households have asked for the meeting; 25 % is \(needed).",
                verdict,
            ]
        )
    }
}
