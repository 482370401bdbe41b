import AlmenDomain

/// The deadlines of a neighbour complaint, as the API and `almen rules complaint` print them:
/// the receipt after a complaint, the landlord's answer to a tenant's demand for action, the
/// beboerklagenævn's own deadlines once it has the case, the appeal of its decision, and what an
/// opsigelse sent on a day states (the end of the lease, the deadline to object, and the
/// landlord's to sue). Each is given for the dates asked about.
public struct ComplaintAnswer: Encodable, Sendable, Equatable {
    public let received: String?
    public let receiptBy: String?
    public let demanded: String?
    public let landlordActBy: String?
    public let naevnDecision: String?
    public let appealBy: String?
    public let naevnReceived: String?
    public let naevnToldBy: String?
    public let naevnReplyBy: String?
    public let naevnDecisionBy: String?
    public let terminationSent: String?
    public let terminationEndsOn: String?
    public let objectionBy: String?
    public let courtBy: String?
    public let references: [String]
    public let explanation: [String]

    public static func evaluate(
        received: String?,
        demanded: String?,
        naevnDecision: String?,
        naevnReceived: String? = nil,
        terminationSent: String? = nil,
        deliveryBankDays: Int = 5,
        language: Language = .da,
        deadlines: ComplaintDeadlines = ComplaintDeadlines()
    ) throws(RulesInputError) -> ComplaintAnswer {
        let receivedOn = try RulesInput.optionalDate(received, field: "received")
        let demandedOn = try RulesInput.optionalDate(demanded, field: "demanded")
        let decidedOn = try RulesInput.optionalDate(naevnDecision, field: "naevnDecision")
        let naevnOn = try RulesInput.optionalDate(naevnReceived, field: "naevnReceived")
        let sentOn = try RulesInput.optionalDate(terminationSent, field: "terminationSent")
        guard receivedOn != nil || demandedOn != nil || decidedOn != nil || naevnOn != nil || sentOn != nil else {
            throw RulesInputError(
                code: "missing_parameter",
                field: "received",
                message:
                    "Give at least one date: received, demanded, naevnReceived, naevnDecision or terminationSent (YYYY-MM-DD).",
                messageDa:
                    "Angiv mindst én dato: received, demanded, naevnReceived, naevnDecision eller terminationSent (ÅÅÅÅ-MM-DD)."
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
        if let naevnOn { try RulesInput.checkYear(naevnOn.year, field: "naevnReceived") }
        if let sentOn { try RulesInput.checkYear(sentOn.year, field: "terminationSent") }
        let naevn = naevnOn.map(deadlines.naevn(received:))
        if let naevnOn, let naevn {
            try RulesInput.checkYear(naevn.decisionBy.year, field: "naevnReceived")
            references.append(ComplaintDeadlines.naevnReference)
            explanation.append(
                language == .da
                    ? "Beboerklagenævnet fik sagen \(DateText.short(naevnOn, .da)): det giver beboerne besked senest \(DateText.short(naevn.otherPartyToldBy, .da)), de svarer senest \(DateText.short(naevn.replyBy, .da)), og nævnet træffer afgørelse senest \(DateText.short(naevn.decisionBy, .da))."
                    : "The residents' complaints board received the case on \(DateText.short(naevnOn, .en)): it tells the residents by \(DateText.short(naevn.otherPartyToldBy, .en)), they reply by \(DateText.short(naevn.replyBy, .en)), and it decides by \(DateText.short(naevn.decisionBy, .en))."
            )
        }
        let termination = try sentOn.map { sent throws(RulesInputError) in
            guard (0...20).contains(deliveryBankDays) else {
                throw RulesInputError(
                    code: "invalid_number",
                    field: "deliveryDays",
                    message: "The delivery time is 0 to 20 bank days.",
                    messageDa: "Leveringstiden er 0 til 20 bankdage."
                )
            }
            return LandlordTerminationRules(delivery: PhysicalDelivery(bankDays: deliveryBankDays)).stated(sentOn: sent)
        }
        if let termination {
            try RulesInput.checkYear(termination.courtBy.year, field: "terminationSent")
            references.append(LandlordTerminationRules.reference)
            let (sent, arrival, end, objection, court) = (
                termination.sentOn, termination.latestArrival, termination.endDate, termination.objectionBy,
                termination.courtBy
            )
            explanation.append(
                language == .da
                    ? "En opsigelse sendt \(DateText.short(sent, .da)) er senest fremme \(DateText.short(arrival, .da)) med posten (\(deliveryBankDays) bankdage). Lejemålet ophører \(DateText.short(end, .da)): varslet løber fra den 1. i måneden efter i 3 måneder, til den første dag, et lejemål kan ophøre. Lejeren kan gøre indsigelse til og med \(DateText.short(objection, .da)) (6 uger). Gør lejeren det, anlægger udlejeren sag ved boligretten senest \(DateText.short(court, .da)): 6 uger efter en indsigelsesfrist regnet fra afsendelsen, så fristen holder, uanset hvornår brevet kom frem."
                    : "A termination sent on \(DateText.short(sent, .en)) arrives by post by \(DateText.short(arrival, .en)) at the latest (\(deliveryBankDays) bank days). The lease ends on \(DateText.short(end, .en)): the notice runs from the 1st of the next month for 3 months, to the first day a lease may end. The tenant may object until \(DateText.short(objection, .en)) (6 weeks). If they do, the landlord sues in the housing court by \(DateText.short(court, .en)): 6 weeks after an objection deadline counted from the sending, so it holds whenever the letter arrived."
            )
        }
        return ComplaintAnswer(
            received: receivedOn?.iso,
            receiptBy: receipt?.iso,
            demanded: demandedOn?.iso,
            landlordActBy: act?.lastDay.iso,
            naevnDecision: decidedOn?.iso,
            appealBy: appeal?.lastDay.iso,
            naevnReceived: naevnOn?.iso,
            naevnToldBy: naevn?.otherPartyToldBy.iso,
            naevnReplyBy: naevn?.replyBy.iso,
            naevnDecisionBy: naevn?.decisionBy.iso,
            terminationSent: sentOn?.iso,
            terminationEndsOn: termination?.endDate.iso,
            objectionBy: termination?.objectionBy.iso,
            courtBy: termination?.courtBy.iso,
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
