/// Faults the NgDP stand-in can be told to produce, so that tests and demos see how the outbox
/// copes with the real service's bad days (digital-post.md, "The local stand-in").
public struct NgDPFaults: Codable, Sendable, Equatable {
    enum CodingKeys: String, CodingKey {
        case latencyMilliseconds, unavailableNext, resetAfterDeliveryNext, garbledReceiptNext,
            unavailableAcknowledgementsNext, slowNext, slowMilliseconds, repeatedUUID, receiptsLater
    }

    /// Missing keys take their defaults, so a test or a demo sets only the faults it wants.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            latencyMilliseconds: try container.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? 0,
            unavailableNext: try container.decodeIfPresent(Int.self, forKey: .unavailableNext) ?? 0,
            resetAfterDeliveryNext: try container.decodeIfPresent(Int.self, forKey: .resetAfterDeliveryNext) ?? 0,
            garbledReceiptNext: try container.decodeIfPresent(Int.self, forKey: .garbledReceiptNext) ?? 0,
            unavailableAcknowledgementsNext: try container.decodeIfPresent(
                Int.self,
                forKey: .unavailableAcknowledgementsNext
            ) ?? 0,
            slowNext: try container.decodeIfPresent(Int.self, forKey: .slowNext) ?? 0,
            slowMilliseconds: try container.decodeIfPresent(Int.self, forKey: .slowMilliseconds) ?? 0,
            repeatedUUID: try container.decodeIfPresent(RepeatedUUID.self, forKey: .repeatedUUID) ?? .deduplicate,
            receiptsLater: try container.decodeIfPresent(Bool.self, forKey: .receiptsLater) ?? false
        )
    }

    /// What a second send with a messageUUID already received does. The real service's behaviour is
    /// not documented, so tests choose.
    public enum RepeatedUUID: String, Codable, Sendable {
        /// Accept it again: the citizen gets the letter twice (the outbox must not let this happen).
        case acceptAgain = "accept_again"
        /// 409 Conflict.
        case conflict
        /// Answer 201 with the first receipt and deliver nothing new.
        case deduplicate
    }

    /// Added to every API request, in milliseconds.
    public var latencyMilliseconds: Int
    /// The next N sends answer 503 with Retry-After: 1.
    public var unavailableNext: Int
    /// The next N sends are delivered and then the connection is cut before the answer is
    /// complete: the sender cannot know it succeeded.
    public var resetAfterDeliveryNext: Int
    /// The next N sends are delivered and answered 201 with a body that is not a receipt.
    public var garbledReceiptNext: Int
    /// The next N business receipts for incoming mail answer 503.
    public var unavailableAcknowledgementsNext: Int
    /// The next N sends are answered slowly (the body trickles for this many milliseconds).
    public var slowNext: Int
    public var slowMilliseconds: Int
    public var repeatedUUID: RepeatedUUID
    /// Sends are answered RECEIVED; the final receipt (COMPLETED or NOT_ALLOWED, with the time
    /// the letter reached the mailbox) comes later, to pull from `receipts/` or pushed.
    public var receiptsLater: Bool

    public init(
        latencyMilliseconds: Int = 0,
        unavailableNext: Int = 0,
        resetAfterDeliveryNext: Int = 0,
        garbledReceiptNext: Int = 0,
        unavailableAcknowledgementsNext: Int = 0,
        slowNext: Int = 0,
        slowMilliseconds: Int = 0,
        repeatedUUID: RepeatedUUID = .deduplicate,
        receiptsLater: Bool = false
    ) {
        self.receiptsLater = receiptsLater
        self.latencyMilliseconds = latencyMilliseconds
        self.unavailableNext = unavailableNext
        self.resetAfterDeliveryNext = resetAfterDeliveryNext
        self.garbledReceiptNext = garbledReceiptNext
        self.unavailableAcknowledgementsNext = unavailableAcknowledgementsNext
        self.slowNext = slowNext
        self.slowMilliseconds = slowMilliseconds
        self.repeatedUUID = repeatedUUID
    }
}
