import AlmenDomain

/// Plain-language explanations of how a rule found its dates, in the reader's words
/// (`RulesWords`): residents should be able to follow the reasoning, not just read the answer.
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
        let strings = Strings.table(language)
        switch day.reason {
        case .weekend(let weekday):
            return strings.filled(weekday == .saturday ? "rulesSkippedSaturday" : "rulesSkippedSunday")
        case .holiday(let holiday): return name(holiday, language)
        case .dayBeforeHoliday(let holiday):
            return strings.filled("rulesSkippedDayBefore", ["holiday": name(holiday, language)])
        }
    }

    /// A holiday's name as the calendar in `AlmenDomain` gives it in each language.
    static func name(_ holiday: Holiday, _ language: Language) -> String {
        language == .da ? holiday.name : holiday.englishName
    }

    static func explain(_ result: TerminationResult, _ language: Language) -> [String] {
        let request = result.request
        let strings = Strings.table(language)
        let long = { (date: LocalDate) in DateText.long(date, language) }
        let short = { (date: LocalDate) in DateText.short(date, language) }
        var lines = [strings.filled("rulesNoticeArrived", ["date": long(request.received)])]
        switch result.rule {
        case .family:
            if let start = result.noticeStart {
                lines.append(strings.filled("rulesFamilyNotice", ["start": short(start)]))
            }
        case .youthAgreedNotice:
            let weeks = request.agreedNoticeWeeks ?? 0
            let earliest = request.received.adding(days: weeks * 7)
            lines.append(strings.filled("rulesYouthNotice", ["weeks": "\(weeks)", "earliest": short(earliest)]))
        case .careDeath:
            lines.append(strings.filled("rulesCareDeath", ["monthEnd": short(request.received.lastOfMonth)]))
        }
        if let endMonth = result.endMonth {
            lines.append(strings.filled("rulesEndMonth", ["month": DateText.month(endMonth, language)]))
        }
        for day in result.skippedDays {
            lines.append(
                strings.filled(
                    "rulesDayCannotBeUsed",
                    ["date": long(day.date).capitalizedFirst, "why": skipped(day, language)]
                )
            )
        }
        // After a death nobody moves out: the rent until the end is the estate's to pay, and the
        // line says so to whoever reads it for the estate (the caseworker, a relative with the
        // calculator, the API).
        let ends = request.reason == .death ? "rulesLeaseEndsAfterDeath" : "rulesLeaseEnds"
        lines.append(strings.filled(ends, ["end": long(result.endDate), "reference": result.reference]))
        return lines
    }

    static func explain(_ schedule: PaakravSchedule, _ language: Language) -> [String] {
        let strings = Strings.table(language)
        let long = { (date: LocalDate) in DateText.long(date, language) }
        var lines = [strings.filled("rulesRentDue", ["date": long(schedule.due)])]
        if schedule.lastTimelyPaymentDate != schedule.due {
            lines.append(strings.filled("rulesNotABankDay", ["date": long(schedule.lastTimelyPaymentDate)]))
        }
        let counted = schedule.countedHverdage.map(long).joined(separator: ", ")
        lines.append(strings.filled("rulesThreeHverdage", ["days": counted]))
        lines.append(strings.filled("rulesEarliestPaakrav", ["date": long(schedule.earliestPaakravDate)]))
        if let arrived = schedule.arrived, let deadline = schedule.paymentDeadline {
            lines.append(strings.filled("rulesPaakravArrived", ["arrived": long(arrived), "deadline": long(deadline)]))
            lines.append(strings.filled("rulesPaakravTermination"))
        }
        return lines
    }
}
