/// The stand-in's citizen register: a CPR number's Digital Post registration (the app answers it
/// from the demo register's fictitious people).
public protocol NgDPCitizenRegister: Sendable {
    /// `publicRegistrationStatus` and the more detailed `registrationStatus`, or nil when the
    /// number is unknown.
    func registration(cpr: String) async throws -> (publicStatus: String, detail: String)?
    /// The demo people with a mailbox, for the browser view: an opaque id, a name and the CPR.
    /// Those whose numbers are `withMail` come first, in that order; then others, fifty in all
    /// at least.
    func mailboxOwners(withMail cprs: [String]) async throws -> [(id: String, name: String, cpr: String)]
}
