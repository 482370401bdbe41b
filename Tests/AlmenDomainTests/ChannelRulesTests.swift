import AlmenDomain
import Testing

/// The channel decision (rules.md §3 and §6, digital-post.md). Each row is one case of the rule
/// text; the exhaustive test below walks every combination of the inputs.
@Suite("Channel decision: Digital Post or physical")
struct ChannelRulesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let behaviour: String
        var kind: LetterKind = .paakrav
        var connected = true
        var cpr = true
        var optOut = false
        var registration: RecipientRegistration? = nil
        var toTheAddress = false
        var toRepresentative = false
        let expected: ChannelOutcome
        var testDescription: String { behaviour }
    }

    static let rows: [Row] = [
        Row(
            behaviour: "Påkrav to a registered tenant of a connected organisation goes by Digital Post",
            registration: .registered,
            expected: .decided(ChannelDecision(channel: .digitalPost, reasons: [.recipientRegistered]))
        ),
        Row(
            behaviour: "Before the look-up, a letter that may go digitally asks for the registration",
            expected: .lookUpRegistration
        ),
        Row(
            behaviour: "Påkrav to an exempt tenant is a physical letter (ALL § 5, stk. 3)",
            registration: .exempt,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.recipientExempt]))
        ),
        Row(
            behaviour: "Closed mailbox: physical",
            registration: .closed,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.mailboxClosed]))
        ),
        Row(
            behaviour: "Unknown to NgDP: physical",
            registration: .unknown,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.recipientUnknown]))
        ),
        Row(
            behaviour: "Organisation not connected: physical without a look-up",
            connected: false,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.organisationNotConnected]))
        ),
        Row(
            behaviour: "Organisation not connected wins over a registered recipient",
            connected: false,
            registration: .registered,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.organisationNotConnected]))
        ),
        Row(
            behaviour: "No CPR number in the register: physical without a look-up",
            cpr: false,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.recipientHasNoCPR]))
        ),
        Row(
            behaviour: "Lease opted out of digital communication: physical even when registered",
            optOut: true,
            registration: .registered,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.leaseOptedOut]))
        ),
        Row(
            behaviour: "Every reason against Digital Post is kept, in a fixed order",
            connected: false,
            cpr: false,
            optOut: true,
            registration: .exempt,
            expected: .decided(
                ChannelDecision(
                    channel: .physical,
                    reasons: [.organisationNotConnected, .recipientHasNoCPR, .leaseOptedOut, .recipientExempt]
                )
            )
        ),
        Row(
            behaviour: "Meeting notice to a registered resident goes by Digital Post (normalvedtægten)",
            kind: .meetingNotice,
            registration: .registered,
            expected: .decided(ChannelDecision(channel: .digitalPost, reasons: [.recipientRegistered]))
        ),
        Row(
            behaviour: "Meeting notice to an exempt resident is a physical letter",
            kind: .meetingNotice,
            registration: .exempt,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.recipientExempt]))
        ),
        Row(
            behaviour: "Landlord's termination follows the påkrav rule",
            kind: .landlordTermination,
            optOut: true,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.leaseOptedOut]))
        ),
        Row(
            behaviour: "A letter that must reach the address goes on paper even to a registered tenant",
            kind: .general,
            registration: .registered,
            toTheAddress: true,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.toTheAddress]))
        ),
        Row(
            behaviour: "A letter to a dead tenant's estate goes on paper to its representative",
            kind: .estateTerminationConfirmation,
            registration: .registered,
            toRepresentative: true,
            expected: .decided(ChannelDecision(channel: .physical, reasons: [.toRepresentative]))
        ),
        Row(
            behaviour: "General letter, not connected and no CPR: physical with both reasons",
            kind: .general,
            connected: false,
            cpr: false,
            expected: .decided(
                ChannelDecision(channel: .physical, reasons: [.organisationNotConnected, .recipientHasNoCPR])
            )
        ),
    ]

    @Test(arguments: rows)
    func decision(_ row: Row) {
        let facts = ChannelFacts(
            kind: row.kind,
            organisationConnected: row.connected,
            recipientHasCPR: row.cpr,
            leaseOptedOut: row.optOut,
            registration: row.registration,
            toTheAddress: row.toTheAddress,
            toRepresentative: row.toRepresentative
        )

        #expect(ChannelRules.decide(facts) == row.expected)
    }

    /// Every kind x connection x CPR x opt-out x registration x to-the-address
    /// (8 x 2 x 2 x 2 x 5 x 2 = 640 cases).
    @Test
    func everyCombinationFollowsTheRule() {
        let registrations: [RecipientRegistration?] = [nil] + RecipientRegistration.allCases
        var cases = 0
        for kind in LetterKind.allCases {
            for connected in [true, false] {
                for cpr in [true, false] {
                    for optOut in [true, false] {
                        for registration in registrations {
                            for toTheAddress in [false, true] {
                                let facts = ChannelFacts(
                                    kind: kind,
                                    organisationConnected: connected,
                                    recipientHasCPR: cpr,
                                    leaseOptedOut: optOut,
                                    registration: registration,
                                    toTheAddress: toTheAddress
                                )
                                let mayGoDigitally = connected && cpr && !optOut && !toTheAddress

                                let outcome = ChannelRules.decide(facts)

                                switch outcome {
                                case .lookUpRegistration:
                                    #expect(mayGoDigitally && registration == nil, "\(facts)")
                                case .decided(let decision) where decision.channel == .digitalPost:
                                    #expect(mayGoDigitally && registration == .registered, "\(facts)")
                                    #expect(decision.reasons == [.recipientRegistered])
                                case .decided(let decision):
                                    #expect(
                                        !(mayGoDigitally && (registration == nil || registration == .registered)),
                                        "\(facts)"
                                    )
                                    #expect(!decision.reasons.isEmpty)
                                    #expect(!decision.reasons.contains(.recipientRegistered))
                                    #expect(decision.reasons.contains(.organisationNotConnected) == !connected)
                                    #expect(decision.reasons.contains(.leaseOptedOut) == optOut)
                                    #expect(decision.reasons.contains(.recipientHasNoCPR) == !cpr)
                                    #expect(decision.reasons.contains(.toTheAddress) == toTheAddress)
                                }
                                cases += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(cases == LetterKind.allCases.count * 80)
    }

    struct FlagRow: Sendable, CustomTestStringConvertible {
        let kind: LetterKind
        let legalNotification: Bool
        let mandatory: Bool
        let legalNotice: Bool
        var testDescription: String { kind.rawValue }
    }

    /// digital-post.md: legalNotification defaults to true for påkrav and landlord's termination only.
    static let flags: [FlagRow] = [
        FlagRow(kind: .paakrav, legalNotification: true, mandatory: true, legalNotice: true),
        FlagRow(kind: .terminationConfirmation, legalNotification: false, mandatory: false, legalNotice: false),
        FlagRow(
            kind: .estateTerminationConfirmation,
            legalNotification: false,
            mandatory: false,
            legalNotice: false
        ),
        FlagRow(kind: .landlordTermination, legalNotification: true, mandatory: true, legalNotice: true),
        FlagRow(kind: .henstilling, legalNotification: false, mandatory: false, legalNotice: false),
        FlagRow(kind: .reminderWithWarning, legalNotification: false, mandatory: true, legalNotice: true),
        FlagRow(kind: .meetingNotice, legalNotification: false, mandatory: false, legalNotice: false),
        FlagRow(kind: .moveOutSettlement, legalNotification: false, mandatory: true, legalNotice: false),
        FlagRow(kind: .general, legalNotification: false, mandatory: false, legalNotice: false),
        FlagRow(kind: .ophaevelse, legalNotification: true, mandatory: true, legalNotice: true),
    ]

    @Test(arguments: flags)
    func memoFlags(_ row: FlagRow) {
        #expect(row.kind.defaultLegalNotification == row.legalNotification)
        #expect(row.kind.defaultMandatory == row.mandatory)
        #expect(row.kind.isLegalNotice == row.legalNotice)
    }

    @Test
    func flagTableCoversEveryKind() {
        #expect(Set(Self.flags.map(\.kind)) == Set(LetterKind.allCases))
    }
}
