import AlmenDomain
import App
import Foundation
import Mail
import Sandbox
import Vapor

/// The development stand-ins wired to the app: the sandbox MitID and staff logins with the demo
/// register's people, and the NgDP stand-in with the demo citizens' registrations. The `almen`
/// executable mounts them in development (`ALMEN_SANDBOX`, an NgDP base URL pointing at the
/// stand-in); `App` itself never links them, and refuses them in production.
extension Application {
    private struct StandInKey: StorageKey { typealias Value = NgDPStandIn }
    private struct ProvidersKey: StorageKey { typealias Value = [SandboxIdentityProvider] }
    private struct SMTPKey: StorageKey { typealias Value = SandboxSMTPServer }

    /// The sandbox's SMTP server, when it was started (development without `ALMEN_SMTP_URL`).
    public var sandboxSMTP: SandboxSMTPServer? {
        get { storage[SMTPKey.self] }
        set { storage[SMTPKey.self] = newValue }
    }

    /// The mounted NgDP stand-in, if any.
    public var ngdpStandIn: NgDPStandIn? {
        get { storage[StandInKey.self] }
        set { storage[StandInKey.self] = newValue }
    }

    /// The mounted sandbox login providers.
    public var sandboxProviders: [SandboxIdentityProvider] {
        get { storage[ProvidersKey.self] ?? [] }
        set { storage[ProvidersKey.self] = newValue }
    }

    /// Mounts what the configuration asks for: the sandbox logins when `identity.sandbox`, the
    /// NgDP stand-in when Digital Post points at it, and, with the sandbox logins and no mail
    /// server set up, the sandbox's mail as `mail` says. Call it after `configure`.
    public func mountSandbox(mail: SandboxMail = .receive(port: 0)) async throws {
        let config = almenConfig
        guard environment != .production else { return }
        if config.identity.sandbox {
            for (identity, path, title, real) in [
                (config.identity.resident, "mitid", "MitID (sandkasse)", "det rigtige MitID"),
                (
                    config.identity.staff, "medarbejder", "Medarbejderlogin (sandkasse)",
                    "administrationens rigtige login"
                ),
            ] {
                let provider = await SandboxIdentityProvider(
                    publicBaseURL: config.publicBaseURL,
                    mountPath: ["sandbox", path],
                    title: title,
                    standsInFor: real,
                    clients: [
                        SandboxClient(
                            id: identity.clientID,
                            secret: identity.clientSecret,
                            redirectURIs: [
                                IdentityConfig.redirectURI(identity.audience, publicBaseURL: config.publicBaseURL)
                            ]
                        )
                    ],
                    directory: PeopleDirectory(people: demoPeople(identity.audience)),
                    now: dependencies.now
                )
                provider.register(on: self)
                sandboxProviders.append(provider)
            }
        }
        // Staff's e-mail goes to the sandbox's SMTP server (its mailbox at /sandbox/post) when no
        // mail server is set up.
        if config.identity.sandbox, config.mail == nil {
            let from = try MailAddress("noreply@almen.invalid", name: "Almen (sandkasse)")
            switch mail {
            case .none:
                break
            case .send(let port):
                almenConfig.mail = MailSettings(
                    server: SMTPServer(host: "127.0.0.1", port: port, security: .none),
                    from: from
                )
            case .receive(let port):
                let server: SandboxSMTPServer
                do {
                    server = try await SandboxSMTPServer.start(port: port)
                } catch  where port != 0 {
                    // Taken (another server in development): any free port; a separate worker's
                    // mail then goes nowhere this server sees.
                    logger.warning("The sandbox's SMTP port \(port) is taken; using a free one")
                    server = try await SandboxSMTPServer.start()
                }
                almenConfig.mail = MailSettings(
                    server: SMTPServer(host: "127.0.0.1", port: server.port, security: .none),
                    from: from
                )
                server.register(on: self)
                sandboxSMTP = server
                lifecycle.use(SandboxSMTPLifecycle(server: server))
            }
        }
        if let digitalPost = config.digitalPost, digitalPost.standIn {
            mountNgDPStandIn(
                systemToken: digitalPost.systemToken,
                push: digitalPost.pushToken.map { (url: config.digitalPostPushURL, token: $0) },
                receiptPushURL: config.digitalPostReceiptURL
            )
        }
    }

    /// The NgDP stand-in alone (`almen sandbox`), with the citizen register from `config`'s
    /// database and pushes to the app at `appBaseURL`. Development only.
    public func configureNgDPStandIn(
        config: AppConfig,
        appBaseURL: String,
        dependencies: AppDependencies = .live,
        keepsMessages: Bool = true
    ) throws {
        guard environment != .production else {
            throw ConfigurationError.invalid(
                variable: "ALMEN_ENV",
                expected: "not production: the stand-in is for development"
            )
        }
        almenConfig = config
        self.dependencies = dependencies
        try useDatabase(self, config: config)
        var local = config
        local.publicBaseURL = appBaseURL
        mountNgDPStandIn(
            systemToken: "sandbox-system-token",
            push: (url: local.digitalPostPushURL, token: DigitalPostConfig.standInPushToken),
            receiptPushURL: local.digitalPostReceiptURL,
            keepsMessages: keepsMessages
        )
    }

    private func mountNgDPStandIn(
        systemToken: String,
        push: (url: String, token: String)?,
        receiptPushURL: String,
        keepsMessages: Bool = true
    ) {
        let standIn = NgDPStandIn(
            register: CitizenRegister(citizens: demoCitizens),
            systemToken: systemToken,
            now: dependencies.now,
            push: push,
            receiptPushURL: receiptPushURL,
            keepsMessages: keepsMessages
        )
        standIn.register(on: self)
        ngdpStandIn = standIn
    }
}

/// The sandbox logins' people, from the demo register.
private struct PeopleDirectory: SandboxDirectory {
    let people: DemoPeople

    func people() async throws -> [SandboxPerson] {
        try await people.people().map(Self.person)
    }

    func person(subject: String) async throws -> SandboxPerson? {
        try await people.person(subject: subject).map(Self.person)
    }

    static func person(_ person: DemoPerson) -> SandboxPerson {
        SandboxPerson(
            subject: person.subject,
            name: person.name,
            cpr: person.cpr,
            email: person.email,
            role: person.role
        )
    }
}

/// The NgDP stand-in's citizen register, from the demo citizens.
private struct CitizenRegister: NgDPCitizenRegister {
    let citizens: DemoCitizens

    func registration(cpr: String) async throws -> (publicStatus: String, detail: String)? {
        try await citizens.registration(cpr: cpr)
    }

    func mailboxOwners(withMail cprs: [String]) async throws -> [(id: String, name: String, cpr: String)] {
        try await citizens.mailboxOwners(withMail: cprs)
    }
}

/// Stops the sandbox's SMTP server with the application.
private struct SandboxSMTPLifecycle: LifecycleHandler {
    let server: SandboxSMTPServer

    func shutdownAsync(_ application: Application) async {
        try? await server.stop()
    }
}

/// What a process does with staff's e-mail in development when no mail server is set up: the
/// web server receives it at the sandbox's SMTP server (mailbox at `/sandbox/post`), a separate
/// worker sends it there, other commands send none.
public enum SandboxMail: Sendable {
    case none
    /// Start the sandbox's SMTP server on this loopback port (0: any free one).
    case receive(port: Int)
    /// Send to the sandbox's SMTP server another process runs on this loopback port.
    case send(port: Int)

    /// `ALMEN_SANDBOX_SMTP_PORT`, else 2525.
    public static var port: Int {
        ProcessInfo.processInfo.environment["ALMEN_SANDBOX_SMTP_PORT"].flatMap(Int.init) ?? 2525
    }
}
