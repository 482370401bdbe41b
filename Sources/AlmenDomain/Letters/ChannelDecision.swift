/// The channel chosen for a letter and every reason for it (the evidence kept with the letter).
public struct ChannelDecision: Sendable, Equatable, Codable {
    public let channel: Channel
    /// For a physical letter, every condition that ruled out Digital Post; for Digital Post,
    /// `.recipientRegistered`.
    public let reasons: [ChannelReason]

    public init(channel: Channel, reasons: [ChannelReason]) {
        self.channel = channel
        self.reasons = reasons
    }
}

/// The result of applying the channel rules: a decision, or the need to ask NgDP first.
public enum ChannelOutcome: Sendable, Equatable {
    case decided(ChannelDecision)
    /// Everything else allows Digital Post: look up the recipient's registration shortly before
    /// sending (results are eventually consistent) and decide again with the answer.
    case lookUpRegistration
}
