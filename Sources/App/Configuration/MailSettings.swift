import Foundation
import Mail

/// Where the app's e-mail goes, and whom it is from: `ALMEN_SMTP_URL` (`smtp://user:password@host:587`
/// with STARTTLS, `smtps://…:465` with TLS; `smtp+plain://` only to this machine) and
/// `ALMEN_MAIL_FROM` ("Almen <noreply@boligadministration.dk>"). The only mail is the morning
/// reminder to staff (`StaffReminders`).
public struct MailSettings: Sendable {
    public var server: SMTPServer
    public var from: MailAddress

    public init(server: SMTPServer, from: MailAddress) {
        self.server = server
        self.from = from
    }

    /// Nil without `ALMEN_SMTP_URL`; with it, `ALMEN_MAIL_FROM` must be an address.
    static func fromEnvironment(_ variables: [String: String]) throws -> MailSettings? {
        guard let url = variables["ALMEN_SMTP_URL"], !url.isEmpty else { return nil }
        // A password only over TLS, and never a user without one (the login would be skipped).
        guard let server = SMTPServer(url: url), server.security != .none || server.isLoopback,
            (server.username == nil) == (server.password == nil), server.security != .none || server.password == nil
        else {
            throw ConfigurationError.invalid(
                variable: "ALMEN_SMTP_URL",
                expected: "smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS)"
            )
        }
        guard let text = variables["ALMEN_MAIL_FROM"], let from = try? MailAddress(parsing: text) else {
            throw ConfigurationError.invalid(
                variable: "ALMEN_MAIL_FROM",
                expected: "the sender's address, e.g. \"Almen <noreply@boligadministration.dk>\""
            )
        }
        return MailSettings(server: server, from: from)
    }
}
