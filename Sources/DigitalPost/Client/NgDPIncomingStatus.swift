/// The verdict of our business receipt (forretningskvittering) on a message sent to the
/// organisation (digital-post.md, "Receiving"). Only these two are ours to give; NgDP's other
/// receipt statuses describe its own handling.
public enum NgDPIncomingStatus: String, Hashable, Sendable, CaseIterable {
    /// Stored durably and parsed.
    case completed = "COMPLETED"
    /// Stored, but it cannot be read as a MeMo message.
    case invalid = "INVALID"
}
