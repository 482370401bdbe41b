import AlmenDomain

/// Plain-language explanations of how a rule found its dates, in Danish and English: residents
/// should be able to follow the reasoning, not just read the answer.
enum RulesText {
    static func code(_ reason: SkipReason) -> String {
        switch reason {
        case .weekend: "weekend"
        case .holiday: "holiday"
        case .dayBeforeHoliday: "day_before_holiday"
        }
    }

    /// Why a day cannot end the lease: "dagen før Skærtorsdag" / "the day before Maundy Thursday".
    static func skipped(_ day: SkippedDay, _ language: Language) -> String {
        switch (day.reason, language) {
        case (.weekend(let weekday), .da): "en \(weekday == .saturday ? "lørdag" : "søndag")"
        case (.weekend(let weekday), .en): "a \(weekday == .saturday ? "Saturday" : "Sunday")"
        case (.holiday(let holiday), .da): holiday.name
        case (.holiday(let holiday), .en): holiday.englishName
        case (.dayBeforeHoliday(let holiday), .da): "dagen før \(holiday.name)"
        case (.dayBeforeHoliday(let holiday), .en): "the day before \(holiday.englishName)"
        }
    }

    static func explain(_ result: TerminationResult, _ language: Language) -> [String] {
        let request = result.request
        let da = language == .da
        var lines = [
            da
                ? "Opsigelsen er kommet frem \(DateText.long(request.received, language))."
                : "The notice arrived on \(DateText.long(request.received, language))."
        ]
        switch result.rule {
        case .family:
            if let start = result.noticeStart {
                lines.append(
                    da
                        ? "Varslet er 3 måneder og løber fra den 1. i måneden efter: fra \(DateText.short(start, language))."
                        : "The notice is 3 months, counted from the 1st of the following month: from \(DateText.short(start, language))."
                )
            }
        case .youthAgreedNotice:
            let weeks = request.agreedNoticeWeeks ?? 0
            let earliest = request.received.adding(days: weeks * 7)
            lines.append(
                da
                    ? "Ungdomsbolig med aftalt varsel på \(weeks) uger: tidligst \(DateText.short(earliest, language)), og lejemålet slutter i den første måned, der begynder på eller efter den dag."
                    : "Youth housing with an agreed notice of \(weeks) weeks: \(DateText.short(earliest, language)) at the earliest, and the lease ends in the first month that begins on or after that day."
            )
        case .careDeath:
            let monthEnd = request.received.lastOfMonth
            lines.append(
                da
                    ? "Plejebolig efter dødsfald: resten af måneden (til \(DateText.short(monthEnd, language))) plus 30 dage."
                    : "Care housing after a death: the rest of the month (to \(DateText.short(monthEnd, language))) plus 30 days."
            )
        }
        if let endMonth = result.endMonth {
            lines.append(
                da
                    ? "Lejemålet slutter på den første hverdag i \(DateText.month(endMonth, language)), som ikke er en lørdag, en helligdag eller dagen før en helligdag."
                    : "The lease ends on the first weekday of \(DateText.month(endMonth, language)) that is not a Saturday, a public holiday or the day before one."
            )
        }
        for day in result.skippedDays {
            let date = DateText.long(day.date, language).capitalizedFirst
            lines.append(
                da
                    ? "\(date) kan ikke bruges: \(skipped(day, language))."
                    : "\(date) cannot be used: \(skipped(day, language))."
            )
        }
        lines.append(
            da
                ? "Lejemålet slutter derfor \(DateText.long(result.endDate, language)). Huslejen skal betales frem til da, også hvis du flytter før, medmindre boligen bliver lejet ud igen tidligere (\(result.reference))."
                : "The lease therefore ends on \(DateText.long(result.endDate, language)). Rent is owed until then, even if you move out earlier, unless the home is let again sooner (\(result.reference))."
        )
        return lines
    }

    static func explain(_ schedule: PaakravSchedule, _ language: Language) -> [String] {
        let da = language == .da
        var lines: [String] = []
        lines.append(
            da
                ? "Huslejen forfalder \(DateText.long(schedule.due, language))."
                : "The rent falls due on \(DateText.long(schedule.due, language))."
        )
        if schedule.lastTimelyPaymentDate != schedule.due {
            lines.append(
                da
                    ? "Det er ikke en bankdag, så sidste rettidige betalingsdag er \(DateText.long(schedule.lastTimelyPaymentDate, language))."
                    : "That is not a bank day, so the last timely payment day is \(DateText.long(schedule.lastTimelyPaymentDate, language))."
            )
        }
        let counted = schedule.countedHverdage.map { DateText.long($0, language) }.joined(separator: ", ")
        lines.append(
            da
                ? "De tre hverdage efter (lørdage og grundlovsdag tæller med) er \(counted)."
                : "The three hverdage after it (Saturdays and Constitution Day count) are \(counted)."
        )
        lines.append(
            da
                ? "Påkravet kan tidligst sendes den første bankdag derefter: \(DateText.long(schedule.earliestPaakravDate, language))."
                : "The påkrav can be sent on the first bank day after that, at the earliest: \(DateText.long(schedule.earliestPaakravDate, language))."
        )
        if let arrived = schedule.arrived, let deadline = schedule.paymentDeadline {
            lines.append(
                da
                    ? "Påkravet kom frem \(DateText.long(arrived, language)). Fristen er 14 dage efter og flyttes til næste bankdag, hvis den ikke er en bankdag: \(DateText.long(deadline, language))."
                    : "The påkrav arrived on \(DateText.long(arrived, language)). The deadline is 14 days later, moved to the next bank day if needed: \(DateText.long(deadline, language))."
            )
            lines.append(
                da
                    ? "Er restancen med gebyr ikke betalt inden fristen, kan lejemålet ophæves (almenlejeloven § 90, stk. 1, nr. 1)."
                    : "If the arrears and the fee are not paid by the deadline, the lease can be terminated (ALL § 90, stk. 1, nr. 1)."
            )
        }
        return lines
    }
}
