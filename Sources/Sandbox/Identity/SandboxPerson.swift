/// Someone the sandbox identity provider can log in as: a demo resident (with the fictitious CPR
/// number a MitID broker would release) or a demo member of staff.
public struct SandboxPerson: Sendable, Codable, Hashable {
    /// The stable subject (`sub`) the provider issues for this person.
    public let subject: String
    public let name: String
    /// Ten digits; only demo replacement numbers are ever served.
    public let cpr: String?
    public let email: String?
    /// Shown on the chooser, e.g. "Lejer, Engvej 3, 1. th" or "Sagsbehandler".
    public let role: String

    public init(subject: String, name: String, cpr: String?, email: String?, role: String) {
        self.subject = subject
        self.name = name
        self.cpr = cpr
        self.email = email
        self.role = role
    }
}

/// Where the sandbox finds its demo people (the app reads them from the demo register).
public protocol SandboxDirectory: Sendable {
    func people() async throws -> [SandboxPerson]
    func person(subject: String) async throws -> SandboxPerson?
}

/// A relying party the sandbox accepts, with its secret and allowed redirect URIs.
public struct SandboxClient: Sendable, Hashable {
    public let id: String
    public let secret: String
    public let redirectURIs: [String]

    public init(id: String, secret: String, redirectURIs: [String]) {
        self.id = id
        self.secret = secret
        self.redirectURIs = redirectURIs
    }
}
