/// `EMail`: an e-mail address in attention data, with whom it belongs to.
public struct MeMoEMail: Hashable, Sendable {
    public var emailAddress: String
    public var relatedAgent: String?

    public init(emailAddress: String, relatedAgent: String? = nil) {
        self.emailAddress = emailAddress
        self.relatedAgent = relatedAgent
    }
}
