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
            throw RulesInputError(code: "missing_parameter", field: "received", key: "rulesError_complaintNoDate")
        }
        var references: [String] = []
        var explanation: [String] = []
        let strings = Strings.table(language)
        let short = { (date: LocalDate) in DateText.short(date, language) }
        let receipt = receivedOn.map(deadlines.receiptBy(received:))
        if let receivedOn, let receipt {
            try RulesInput.checkYear(receipt.year, field: "received")
            references.append(ComplaintDeadlines.receiptReference)
            explanation.append(
                strings.filled(
                    "complaintRulesReceipt",
                    [
                        "received": short(receivedOn), "days": "\(ComplaintDeadlines.receiptBankDays)",
                        "receipt": short(receipt),
                    ]
                )
            )
        }
        let act = demandedOn.map(deadlines.landlordActBy(demanded:))
        if let demandedOn, let act {
            try RulesInput.checkYear(act.lastDay.year, field: "demanded")
            references.append(ComplaintDeadlines.demandReference)
            explanation.append(
                strings.filled("complaintRulesDemand", ["demanded": short(demandedOn), "by": short(act.lastDay)])
            )
            explanation += counted(act, from: demandedOn, language, deadlines: deadlines)
        }
        let appeal = decidedOn.map(deadlines.appealBy(naevnDecision:))
        if let decidedOn, let appeal {
            try RulesInput.checkYear(appeal.lastDay.year, field: "naevnDecision")
            references.append(ComplaintDeadlines.appealReference)
            explanation.append(
                strings.filled("complaintRulesAppeal", ["decided": short(decidedOn), "by": short(appeal.lastDay)])
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
                strings.filled(
                    "complaintRulesNaevn",
                    [
                        "received": short(naevnOn), "told": short(naevn.otherPartyToldBy),
                        "reply": short(naevn.replyBy),
                        "decision": short(naevn.decisionBy),
                    ]
                )
            )
        }
        let termination = try sentOn.map { sent throws(RulesInputError) in
            guard (0...20).contains(deliveryBankDays) else {
                throw RulesInputError(
                    code: "invalid_number",
                    field: "deliveryDays",
                    key: "rulesError_complaintDelivery"
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
                strings.filled(
                    "complaintRulesTermination",
                    [
                        "sent": short(sent), "arrival": short(arrival), "days": "\(deliveryBankDays)",
                        "end": short(end),
                        "objection": short(objection), "court": short(court),
                    ]
                )
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
        let strings = Strings.table(language)
        let july = deadline.julyDaysSkipped
        var lines = [
            strings.filled(
                "complaintRulesCounted",
                [
                    "start": DateText.short(start, language),
                    "july": july > 0 ? strings.filled("complaintRulesJuly", ["n": "\(july)"]) : "",
                    "day": DateText.short(deadline.twentyEighthDay, language),
                ]
            )
        ]
        for day in deadline.movedPast {
            guard let reason = deadlines.closedReason(day) else { continue }
            lines.append(
                strings.filled(
                    "complaintRulesMoves",
                    ["day": DateText.short(day, language), "why": name(reason, language)]
                )
            )
        }
        return lines
    }

    static func name(_ reason: ClosedDay, _ language: Language) -> String {
        let strings = Strings.table(language)
        switch reason {
        case .christmasEve: return strings.filled("closedDay_christmasEve")
        case .newYearsEve: return strings.filled("closedDay_newYearsEve")
        case .notABankDay(.saturday): return strings.filled("rulesSkippedSaturday")
        case .notABankDay(.sunday): return strings.filled("rulesSkippedSunday")
        case .notABankDay(.grundlovsdag): return strings.filled("closedDay_grundlovsdag")
        case .notABankDay(.holiday(let holiday)): return RulesText.name(holiday, language)
        }
    }
}
