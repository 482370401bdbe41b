import AlmenDomain

/// The påkrav dates for a rent due date, as the API and `almen rules paakrav` print them.
public struct PaakravAnswer: Encodable, Sendable, Equatable {
    public let due: String
    public let lastTimelyPaymentDate: String
    public let countedHverdage: [String]
    public let earliestPaakravDate: String
    public let arrived: String?
    public let paymentDeadline: String?
    /// The påkravsgebyr of the due date's year, when that year's rate is configured.
    public let fee: FeeAnswer?
    /// Why `fee` is missing: names the rate and the year (rates are never extrapolated).
    public let feeUnavailable: String?
    public let reference: String
    public let explanation: [String]

    /// An amount of money as øre and as Danish text.
    public struct FeeAnswer: Encodable, Sendable, Equatable {
        public let year: Int
        public let ore: Int64
        public let text: String
    }

    public static func evaluate(
        due: String?,
        arrived: String?,
        language: Language = .da,
        rules: PaakravRules = PaakravRules(),
        feeRate: YearlyRate = KnownRates.paakravFee
    ) throws(RulesInputError) -> PaakravAnswer {
        let dueDate = try RulesInput.date(due, field: "due")
        let arrivedDate = try RulesInput.optionalDate(arrived, field: "arrived")
        let schedule: PaakravSchedule
        do {
            schedule = try rules.schedule(due: dueDate, arrived: arrivedDate)
        } catch {
            switch error {
            case .arrivedBeforeEarliestPaakrav(let earliest):
                throw RulesInputError(
                    code: "arrived_before_earliest_paakrav",
                    field: "arrived",
                    key: "rulesError_paakravBeforeEarliest",
                    each: { ["earliest": DateText.short(earliest, $0)] }
                )
            }
        }
        var fee: FeeAnswer?
        var feeUnavailable: String?
        do {
            let amount = try feeRate.amount(for: dueDate.year)
            fee = FeeAnswer(year: dueDate.year, ore: amount.ore, text: amount.danish)
        } catch {
            feeUnavailable = "\(error)"
        }
        return PaakravAnswer(
            due: schedule.due.iso,
            lastTimelyPaymentDate: schedule.lastTimelyPaymentDate.iso,
            countedHverdage: schedule.countedHverdage.map(\.iso),
            earliestPaakravDate: schedule.earliestPaakravDate.iso,
            arrived: schedule.arrived?.iso,
            paymentDeadline: schedule.paymentDeadline?.iso,
            fee: fee,
            feeUnavailable: feeUnavailable,
            reference: "ALL § 90, stk. 1, nr. 1",
            explanation: RulesText.explain(schedule, language)
        )
    }
}
