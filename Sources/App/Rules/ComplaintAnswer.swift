import AlmenDomain

/// The deadlines of a neighbour complaint, as the API and `almen rules complaint` print them:
/// the receipt after a complaint, the landlord's answer to a tenant's demand for action, and the
/// appeal of the beboerklagenævn's decision. Each is given for the dates asked about.
public struct ComplaintAnswer: Encodable, Sendable, Equatable {
    public let received: String?
    public let receiptBy: String?
    public let demanded: String?
    public let landlordActBy: String?
    public let naevnDecision: String?
    public let appealBy: String?
    public let references: [String]
    public let explanation: [String]

    public static func evaluate(
        received: String?,
        demanded: String?,
        naevnDecision: String?,
        language: Language = .da,
        deadlines: ComplaintDeadlines = ComplaintDeadlines()
    ) throws(RulesInputError) -> ComplaintAnswer {
        let receivedOn = try RulesInput.optionalDate(received, field: "received")
        let demandedOn = try RulesInput.optionalDate(demanded, field: "demanded")
        let decidedOn = try RulesInput.optionalDate(naevnDecision, field: "naevnDecision")
        guard receivedOn != nil || demandedOn != nil || decidedOn != nil else {
            throw RulesInputError(
                code: "missing_parameter",
                field: "received",
                message: "Give at least one date: received, demanded or naevnDecision (YYYY-MM-DD).",
                messageDa: "Angiv mindst én dato: received, demanded eller naevnDecision (ÅÅÅÅ-MM-DD)."
            )
        }
        var references: [String] = []
        var explanation: [String] = []
        let receipt = receivedOn.map(deadlines.receiptBy(received:))
        if let receivedOn, let receipt {
            try RulesInput.checkYear(receipt.year, field: "received")
            references.append(ComplaintDeadlines.receiptReference)
            explanation.append(
                language == .da
                    ? "Klagen kom \(DateText.short(receivedOn, .da)): kvitteringen sendes senest \(ComplaintDeadlines.receiptBankDays) bankdage efter, \(DateText.short(receipt, .da))."
                    : "The complaint arrived on \(DateText.short(receivedOn, .en)): the receipt goes out within \(ComplaintDeadlines.receiptBankDays) bank days, by \(DateText.short(receipt, .en))."
            )
        }
        let act = demandedOn.map(deadlines.landlordActBy(demanded:))
        if let demandedOn, let act {
            try RulesInput.checkYear(act.lastDay.year, field: "demanded")
            references.append(ComplaintDeadlines.demandReference)
            explanation.append(
                language == .da
                    ? "Lejeren krævede handling \(DateText.short(demandedOn, .da)): udlejeren sender en påmindelse eller indbringer sagen for beboerklagenævnet senest \(DateText.short(act.lastDay, .da))."
                    : "The tenant demanded action on \(DateText.short(demandedOn, .en)): the landlord sends a reminder or brings the case to the residents' complaints board by \(DateText.short(act.lastDay, .en))."
            )
            explanation += counted(act, from: demandedOn, language, deadlines: deadlines)
        }
        let appeal = decidedOn.map(deadlines.appealBy(naevnDecision:))
        if let decidedOn, let appeal {
            try RulesInput.checkYear(appeal.lastDay.year, field: "naevnDecision")
            references.append(ComplaintDeadlines.appealReference)
            explanation.append(
                language == .da
                    ? "Beboerklagenævnet traf afgørelse \(DateText.short(decidedOn, .da)): den kan indbringes for boligretten senest \(DateText.short(appeal.lastDay, .da))."
                    : "The residents' complaints board decided on \(DateText.short(decidedOn, .en)): the decision can be brought before the housing court by \(DateText.short(appeal.lastDay, .en))."
            )
            explanation += counted(appeal, from: decidedOn, language, deadlines: deadlines)
        }
        return ComplaintAnswer(
            received: receivedOn?.iso,
            receiptBy: receipt?.iso,
            demanded: demandedOn?.iso,
            landlordActBy: act?.lastDay.iso,
            naevnDecision: decidedOn?.iso,
            appealBy: appeal?.lastDay.iso,
            references: references,
            explanation: explanation
        )
    }

    /// How "4 weeks, July not counted" was counted, in plain words.
    static func counted(
        _ deadline: CountedDeadline,
        from start: LocalDate,
        _ language: Language,
        deadlines: ComplaintDeadlines
    ) -> [String] {
        var lines: [String] = []
        let july = deadline.julyDaysSkipped
        switch language {
        case .da:
            lines.append(
                "4 uger er 28 dage talt fra dagen efter \(DateText.short(start, .da))"
                    + (july > 0 ? ", uden de \(july) dage i juli" : "")
                    + ": den 28. dag er \(DateText.short(deadline.twentyEighthDay, .da))."
            )
        case .en:
            lines.append(
                "4 weeks are 28 days counted from the day after \(DateText.short(start, .en))"
                    + (july > 0 ? ", leaving out the \(july) days in July" : "")
                    + ": the 28th day is \(DateText.short(deadline.twentyEighthDay, .en))."
            )
        }
        for day in deadline.movedPast {
            guard let reason = deadlines.closedReason(day) else { continue }
            lines.append(
                language == .da
                    ? "\(DateText.short(day, .da)) er \(name(reason, .da)), så fristen rykker en dag."
                    : "\(DateText.short(day, .en)) is \(name(reason, .en)), so the deadline moves on a day."
            )
        }
        return lines
    }

    static func name(_ reason: ClosedDay, _ language: Language) -> String {
        switch (reason, language) {
        case (.christmasEve, .da): "juleaften"
        case (.christmasEve, .en): "Christmas Eve"
        case (.newYearsEve, .da): "nytårsaften"
        case (.newYearsEve, .en): "New Year's Eve"
        case (.notABankDay(.saturday), .da): "en lørdag"
        case (.notABankDay(.saturday), .en): "a Saturday"
        case (.notABankDay(.sunday), .da): "en søndag"
        case (.notABankDay(.sunday), .en): "a Sunday"
        case (.notABankDay(.grundlovsdag), .da): "grundlovsdag"
        case (.notABankDay(.grundlovsdag), .en): "Constitution Day"
        case (.notABankDay(.holiday(let holiday)), .da): holiday.name
        case (.notABankDay(.holiday(let holiday)), .en): holiday.englishName
        }
    }
}
