/// `messageType`: a letter in the Digital Post mailbox, or a text message (NemSMS) without a body.
public enum MeMoMessageType: String, CaseIterable, Hashable, Sendable, Codable {
    /// Digital Post: the message has a `MessageBody` with documents.
    case digitalPost = "DIGITALPOST"
    /// NemSMS: header only; `notification` is the text sent.
    case nemSMS = "NEMSMS"
}
