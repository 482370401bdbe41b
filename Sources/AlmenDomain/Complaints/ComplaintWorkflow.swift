/// The steps of a neighbour complaint (naboklage) and what may follow each, rules.md §5: the
/// administration's policy around the statutory steps of ALL chapter 13 and §§ 82–83, 102–106.
public struct ComplaintWorkflow: Sendable {
    /// Policy (1 to 3 months): a further complaint about the same matter within this long after
    /// the henstilling leads to a påmindelse; a later one starts again with a henstilling.
    public let repeatWindowMonths: Int

    public static let reference = "ALL §§ 82–83, 102–106"

    public init(repeatWindowMonths: Int = 3) {
        precondition((1...3).contains(repeatWindowMonths), "The window is 1 to 3 months")
        self.repeatWindowMonths = repeatWindowMonths
    }

    /// The step `action` leads to from `facts`, or why it may not be taken.
    public func next(_ action: ComplaintAction, _ facts: ComplaintFacts) -> Result<ComplaintStep, ComplaintRefusal> {
        let step = facts.step
        switch action {
        case .sendReceipt:
            return step == .received ? .success(.assessing) : .failure(.notFromStep(step))
        case .notJustified:
            guard step == .assessing else { return .failure(.notFromStep(step)) }
            // A complainant who demanded action is owed a påmindelse or the nævn (ALL § 83).
            return facts.actionDemanded ? .failure(.actionDemanded) : .success(.notJustified)
        case .henstilling:
            // Again after a henstilling, too: a later episode outside the window starts over.
            return [.assessing, .henstilling].contains(step) ? .success(.henstilling) : .failure(.notFromStep(step))
        case .paamindelse:
            switch step {
            case .assessing:
                return facts.grave ? .success(.paamindelse) : .failure(.paamindelseNeedsHenstillingOrGrave)
            case .henstilling:
                guard let sent = facts.henstillingOn, let episode = facts.latestEpisode, episode > sent else {
                    return .failure(.noEpisodeSinceHenstilling)
                }
                let windowEnds = repeatWindowEnd(henstillingOn: sent)
                return episode <= windowEnds
                    ? .success(.paamindelse) : .failure(.repeatWindowPassed(windowEnded: windowEnds))
            case .paamindelse:
                return breachSincePaamindelse(facts).map { .paamindelse }
            default:
                return .failure(.notFromStep(step))
            }
        case .opsigelse, .ophaevelse:
            switch step {
            case .assessing, .henstilling:
                return .failure(.sanctionNeedsPaamindelse)
            case .paamindelse:
                return breachSincePaamindelse(facts).map { action == .opsigelse ? .opsigelse : .ophaevelse }
            default:
                return .failure(.notFromStep(step))
            }
        case .naevn:
            // The nævn may warn or make the lease conditional: no påmindelse is needed first, and
            // it is what a tenant's demand for action may lead to (ALL § 83).
            return [.assessing, .henstilling, .paamindelse].contains(step)
                ? .success(.naevn) : .failure(.notFromStep(step))
        case .boligret:
            return [.opsigelse, .ophaevelse, .naevn].contains(step) ? .success(.boligret) : .failure(.notFromStep(step))
        }
    }

    /// The actions that may be taken now, in the order a caseworker would consider them.
    public func actions(_ facts: ComplaintFacts) -> [ComplaintAction] {
        ComplaintAction.allCases.filter { (try? next($0, facts).get()) != nil }
    }

    /// The last day a new episode leads to a påmindelse rather than a new henstilling.
    public func repeatWindowEnd(henstillingOn: LocalDate) -> LocalDate {
        henstillingOn.adding(months: repeatWindowMonths)
    }

    /// A sanction needs a breach despite a påmindelse (ALL § 82, stk. 2): an episode after it.
    private func breachSincePaamindelse(_ facts: ComplaintFacts) -> Result<Void, ComplaintRefusal> {
        guard let sent = facts.paamindelseOn else { return .failure(.sanctionNeedsPaamindelse) }
        guard let episode = facts.latestEpisode, episode > sent else {
            return .failure(.noBreachSincePaamindelse(paamindelseOn: sent))
        }
        return .success(())
    }
}

/// Where a complaint stands.
public enum ComplaintStep: String, CaseIterable, Codable, Sendable {
    /// 1. Filed: the receipt to the complainant is due.
    case received
    /// 2. The receipt is sent; the administration assesses the complaint (it may ask the
    /// department board or the caretaker).
    case assessing
    /// 3. Not justified: the complainant is told, with how to proceed. The case closes.
    case notJustified = "not_justified"
    /// 4. Justified: the resident complained about is told and gets a henstilling.
    case henstilling
    /// 5. A påmindelse, with the warning that a new breach can cost the lease.
    case paamindelse
    /// 6a. Opsigelse with 3 months' notice.
    case opsigelse
    /// 6b. Ophævelse: the resident moves out at once.
    case ophaevelse
    /// 6c. The case is at the beboerklagenævn (a warning, or a conditional lease for a year).
    case naevn
    /// 7. The boligret: an objection to a termination, or an appeal of the nævn's decision.
    case boligret

    /// Whether the complaint is done with at this step.
    public var isFinal: Bool { self == .notJustified }
}

/// What a caseworker does next.
public enum ComplaintAction: String, CaseIterable, Codable, Sendable {
    case sendReceipt = "receipt"
    case notJustified = "not_justified"
    case henstilling
    case paamindelse
    case opsigelse
    case ophaevelse
    case naevn
    case boligret

    /// Whether the step is taken by a letter: to the complainant for "not justified", to the
    /// household complained about otherwise. The nævn and the boligret are brought a case.
    public var sendsLetter: Bool {
        [.notJustified, .henstilling, .paamindelse, .opsigelse, .ophaevelse].contains(self)
    }
}

/// What is known of a complaint when a step is asked for.
public struct ComplaintFacts: Sendable, Equatable {
    public var step: ComplaintStep
    /// When the (latest) henstilling and påmindelse went out.
    public var henstillingOn: LocalDate?
    public var paamindelseOn: LocalDate?
    /// The latest episode on record: the day the breach happened, not the day it was reported.
    public var latestEpisode: LocalDate?
    /// A grave breach (violence, threats, serious harassment): a påmindelse at once.
    public var grave: Bool
    /// The complainant demanded action (ALL § 83): the complaint can no longer be found not
    /// justified; a påmindelse or the nævn is owed.
    public var actionDemanded: Bool

    public init(
        step: ComplaintStep,
        henstillingOn: LocalDate? = nil,
        paamindelseOn: LocalDate? = nil,
        latestEpisode: LocalDate? = nil,
        grave: Bool = false,
        actionDemanded: Bool = false
    ) {
        self.step = step
        self.henstillingOn = henstillingOn
        self.paamindelseOn = paamindelseOn
        self.latestEpisode = latestEpisode
        self.grave = grave
        self.actionDemanded = actionDemanded
    }
}

/// Why a step may not be taken.
public enum ComplaintRefusal: Error, Equatable, Sendable {
    /// The step does not follow from where the complaint stands.
    case notFromStep(ComplaintStep)
    /// A påmindelse without a henstilling first needs a grave breach.
    case paamindelseNeedsHenstillingOrGrave
    /// No episode after the henstilling to remind the resident of.
    case noEpisodeSinceHenstilling
    /// The new episode came after the window that followed the henstilling: a new henstilling.
    case repeatWindowPassed(windowEnded: LocalDate)
    /// Opsigelse or ophævelse needs a påmindelse first (ALL § 82, stk. 2).
    case sanctionNeedsPaamindelse
    /// … and a breach after it.
    case noBreachSincePaamindelse(paamindelseOn: LocalDate)
    /// The complainant demanded action (ALL § 83): "not justified" is no longer an answer.
    case actionDemanded
}

/// What the beboerklagenævn decided (ALL § 106): a warning, a conditional lease for a year, no
/// sanction, or the case dismissed. Either party may bring it before the boligret within 4 weeks,
/// July not counted (`ComplaintDeadlines.appealBy`).
public enum NaevnOutcome: String, CaseIterable, Codable, Sendable {
    case warning
    case conditionalLease = "conditional_lease"
    case noSanction = "no_sanction"
    case dismissed

    /// A conditional lease (betinget lejemål) runs for a year from the decision: a new breach in
    /// that time can cost the home.
    public static let conditionalYears = 1

    /// The last day of a conditional lease decided on `decided` (from 29 February, 28 February).
    public func conditionalUntil(decided: LocalDate) -> LocalDate? {
        self == .conditionalLease ? decided.anniversary(afterYears: Self.conditionalYears).adding(days: -1) : nil
    }
}
