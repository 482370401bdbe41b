import DigitalPost
import Fluent
import Foundation
import MeMo
import NIOConcurrencyHelpers
import Vapor

/// The organisations' Digital Post connections: what an administrator may set, and the NgDP
/// client each organisation sends with (its own connection, or the shared one).
final class DigitalPostConnections: Sendable {
    /// How an organisation reaches NgDP, as the administrator chooses it.
    enum Choice: String, Sendable, CaseIterable {
        /// Not connected: every letter goes to print.
        case none
        /// Through the administration company's connection (consortium).
        case shared
        /// Its own connection.
        case own
    }

    /// The fields of an own connection as submitted.
    struct OwnSettings: Sendable {
        var baseURL: String
        var systemID: String
        /// Empty keeps the stored token.
        var token: String
        var certificatePath: String
        var keyPath: String
    }

    /// Why a connection cannot be set, with the field and a message for the administrator.
    struct Refusal: Error, Equatable {
        let field: String
        let messageKey: String
    }

    let shared: (any NgDPClient)?
    let production: Bool
    /// NgDP's own hosts (`ALMEN_NGDP_HOSTS`): the only ones an own connection may name. Letters
    /// carry CPR numbers; an administrator must not be able to send them anywhere else.
    let hosts: Set<String>
    /// The one folder on the server that own connections' certificates and keys are read from
    /// (`ALMEN_NGDP_CERTIFICATE_DIR`): an administrator names a file in it, never a path.
    let certificateDirectory: String
    private let box: SecretBox
    /// One client per connection, made again when any of its settings changes.
    private let cache = NIOLockedValueBox<[UUID: (stamp: String, client: any NgDPClient)]>([:])
    /// Makes the client of an organisation's own connection (the live `HTTPNgDPClient`, or a
    /// test's).
    private let makeClient: @Sendable (NgDPConnection) throws -> any NgDPClient

    /// Whether letters through the shared connection name the administration company as
    /// `Sender/Representative`.
    let namesRepresentative: Bool

    init(
        shared: (any NgDPClient)?,
        keys: CPRKeys,
        production: Bool,
        namesRepresentative: Bool = true,
        hosts: Set<String> = AppConfig.ngdpHosts,
        certificateDirectory: String = AppConfig.ngdpCertificateDirectory,
        makeClient: @escaping @Sendable (NgDPConnection) throws -> any NgDPClient
    ) {
        self.shared = shared
        self.hosts = Set(hosts.map { $0.lowercased() })
        self.certificateDirectory = certificateDirectory
        self.makeClient = makeClient
        self.namesRepresentative = namesRepresentative
        self.box = SecretBox(keys: keys, purpose: "ngdp-token")
        self.production = production
    }

    /// The client `organisation` sends with; nil when it may not send digitally.
    func client(for organisation: HousingOrganisation, on database: any Database) async throws -> (any NgDPClient)? {
        guard organisation.eligiblePublicSender, organisation.digitalPostConnection == .connected else { return nil }
        guard
            let own = try await DigitalPostConnection.query(on: database).filter(
                \.$organisation.$id == organisation.requireID()
            ).first()
        else {
            return shared
        }
        let id = try own.requireID()
        let stamp = [own.baseURL, own.tokenSealed.base64EncodedString(), own.certificatePath ?? "", own.keyPath ?? ""]
            .joined(separator: "\n")
        if let cached = cache.withLockedValue({ $0[id] }), cached.stamp == stamp { return cached.client }
        let settings: NgDPConnection
        do {
            settings = try connection(own)
        } catch {
            // A token sealed under a key since rotated, or an address no longer allowed: the
            // connection must be entered again, and its letters are not retried in vain.
            // (Certificate files that cannot be read now may be back later: that error is thrown
            // as it is, and the send is retried.)
            throw Unusable(
                organisationID: try organisation.requireID(),
                reason: error is Refusal
                    ? "its address is not one of NgDP's hosts" : "its token cannot be opened with the current key"
            )
        }
        let client = try makeClient(settings)
        let replaced = cache.withLockedValue { cache -> (any NgDPClient)? in
            defer { cache[id] = (stamp, client) }
            return cache[id]?.client
        }
        if let replaced { Task { await replaced.shutdown() } }
        return client
    }

    /// Who sends on the organisation's behalf when `client` is the shared connection: the
    /// administration company (digital-post.md, "Sending on behalf of an organisation"); nil for
    /// an organisation's own connection, or when turned off.
    func representative(
        of organisation: HousingOrganisation,
        sendingWith client: any NgDPClient,
        on database: any Database
    ) async throws -> MeMoRepresentative? {
        guard namesRepresentative, let shared, (client as AnyObject) === (shared as AnyObject) else { return nil }
        guard let company = try await AdministrationCompany.find(organisation.$company.id, on: database),
            company.cvr != organisation.cvr
        else { return nil }
        return MeMoRepresentative(representativeID: company.cvr, idType: .cvr, label: company.name)
    }

    /// Whether `organisation` is set up to send digitally, without opening its connection: a
    /// letter then goes to the outbox, where an unusable own connection fails it for a caseworker
    /// with the reason (and the letter can go on paper from there).
    func sendsDigitally(_ organisation: HousingOrganisation, on database: any Database) async throws -> Bool {
        // Not a public sender, or not connected: no connection of its own changes that.
        guard
            sendsDigitally(
                eligible: organisation.eligiblePublicSender,
                connection: organisation.digitalPostConnection,
                hasOwn: true
            )
        else { return false }
        if shared != nil { return true }
        return try await DigitalPostConnection.query(on: database).filter(
            \.$organisation.$id == organisation.requireID()
        ).count() > 0
    }

    /// `sendsDigitally` from facts a page read with its own statement: whether the organisation
    /// may send as a public sender, is connected, and has a connection of its own.
    func sendsDigitally(eligible: Bool, connection: DigitalPostConnectionState, hasOwn: Bool) -> Bool {
        eligible && connection == .connected && (shared != nil || hasOwn)
    }

    /// An organisation's own connection that cannot be used as stored.
    struct Unusable: Error, CustomStringConvertible {
        let organisationID: UUID
        let reason: String

        var description: String {
            "The organisation's own Digital Post connection cannot be used (\(reason)); an administrator must enter it again."
        }
    }

    /// One connection to pull mail and receipts from.
    struct Mailbox: Sendable {
        /// "shared", or the organisation's CVR.
        let name: String
        let client: any NgDPClient
    }

    /// Every connection the receiving system pulls from: the shared one and each connected
    /// organisation's own. An own connection that cannot be used is logged and left out.
    func mailboxes(on database: any Database, logger: Logger) async throws -> [Mailbox] {
        var mailboxes: [Mailbox] = shared.map { [Mailbox(name: "shared", client: $0)] } ?? []
        let owners = try await DigitalPostConnection.query(on: database).all().map(\.$organisation.id)
        guard !owners.isEmpty else { return mailboxes }
        for organisation in try await HousingOrganisation.query(on: database).filter(\.$id ~~ owners).sort(\.$cvr).all()
        {
            do {
                if let client = try await client(for: organisation, on: database) {
                    mailboxes.append(Mailbox(name: organisation.cvr, client: client))
                }
            } catch {
                logger.error(
                    "Digital Post: an own connection cannot be used",
                    metadata: [
                        "organisation": "\(organisation.id?.uuidString ?? "")", "error": "\(error)",
                    ]
                )
            }
        }
        return mailboxes
    }

    /// Closes the own connections' clients (the application is stopping).
    func shutdown() async {
        let clients = cache.withLockedValue { cache in
            defer { cache = [:] }
            return cache.values.map(\.client)
        }
        for client in clients { await client.shutdown() }
    }

    func connection(_ own: DigitalPostConnection) throws -> NgDPConnection {
        let url = try allowedURL(own.baseURL)
        var certificate: NgDPClientCertificate?
        if let certificateName = own.certificatePath, let keyName = own.keyPath {
            // Names in the certificate folder (a path stored before there was one counts by its
            // last part): whether the files can be read is the client's to find, at each send.
            let folder = URL(fileURLWithPath: certificateDirectory)
            certificate = NgDPClientCertificate(
                certificateChain: .file(path: folder.appendingPathComponent(fileName(certificateName)).path),
                privateKey: .file(path: folder.appendingPathComponent(fileName(keyName)).path)
            )
        }
        let token = String(decoding: try box.open(own.tokenSealed), as: UTF8.self)
        return NgDPConnection(baseURL: url, systemToken: token, clientCertificate: certificate)
    }

    /// What an administrator changed: how letters went before and after, and which settings of
    /// an own connection changed when it stays the organisation's own.
    struct Change: Sendable, Equatable {
        enum Setting: Sendable, Equatable {
            case address, systemID, token, certificate, key
        }

        let before: Choice
        let after: Choice
        let settings: [Setting]
    }

    /// A connection checked and ready to store with `apply`, and what storing it changes (nil:
    /// nothing).
    struct Plan: Sendable {
        fileprivate let choice: Choice
        fileprivate let organisation: HousingOrganisation
        fileprivate let existing: DigitalPostConnection?
        fileprivate let own: DigitalPostConnection?
        let change: Change?
    }

    /// Sets how `organisation` reaches NgDP (`plan`, then `apply` in a transaction); what changed.
    @discardableResult
    func set(
        _ choice: Choice,
        own settings: OwnSettings?,
        for organisation: HousingOrganisation,
        by staffID: UUID?,
        on database: any Database,
        now: Date,
        newID: UUID
    ) async throws -> Change? {
        let plan = try await plan(
            choice,
            own: settings,
            for: organisation,
            by: staffID,
            on: database,
            now: now,
            newID: newID
        )
        try await database.transaction { try await self.apply(plan, on: $0) }
        return plan.change
    }

    /// Checks how `organisation` is to reach NgDP, and works out what that changes; writes nothing.
    /// An organisation not on the list of public senders (connection agreement, sub-annex 2.5,
    /// point 13) can never be connected.
    func plan(
        _ choice: Choice,
        own settings: OwnSettings?,
        for organisation: HousingOrganisation,
        by staffID: UUID?,
        on database: any Database,
        now: Date,
        newID: UUID
    ) async throws -> Plan {
        let organisationID = try organisation.requireID()
        if choice != .none, !organisation.eligiblePublicSender {
            throw Refusal(field: "choice", messageKey: "connectionErrorIneligible")
        }
        if choice == .shared, shared == nil {
            throw Refusal(field: "choice", messageKey: "connectionErrorNoShared")
        }
        let existing = try await DigitalPostConnection.query(on: database).filter(\.$organisation.$id == organisationID)
            .first()
        let before: Choice = organisation.digitalPostConnection != .connected ? .none : existing == nil ? .shared : .own
        // The stored settings as they were, before `validated` writes the new ones over them.
        let was = existing.map { ($0.baseURL, $0.systemID, $0.certificatePath, $0.keyPath, $0.tokenSealed) }
        let own: DigitalPostConnection?
        if choice == .own {
            guard let settings else { throw Refusal(field: "baseURL", messageKey: "connectionErrorURL") }
            own = try validated(
                settings,
                existing: existing,
                organisationID: organisationID,
                by: staffID,
                now: now,
                newID: newID
            )
        } else {
            own = nil
        }
        var changed: [Change.Setting] = []
        if before == .own, let was, let own {
            if was.0 != own.baseURL { changed.append(.address) }
            if was.1 != own.systemID { changed.append(.systemID) }
            let token = settings?.token.trimmingCharacters(in: .whitespaces) ?? ""
            if !token.isEmpty, (try? box.open(was.4)) != Data(token.utf8) { changed.append(.token) }
            if was.2 != own.certificatePath { changed.append(.certificate) }
            if was.3 != own.keyPath { changed.append(.key) }
        }
        return Plan(
            choice: choice,
            organisation: organisation,
            existing: existing,
            own: own,
            change: before != choice || !changed.isEmpty
                ? Change(before: before, after: choice, settings: changed) : nil
        )
    }

    /// Stores a planned connection, in the caller's transaction.
    func apply(_ plan: Plan, on db: any Database) async throws {
        if plan.choice != .own, let existing = plan.existing { try await existing.delete(on: db) }
        if let own = plan.own { try await own.save(on: db) }
        plan.organisation.digitalPostConnection = plan.choice == .none ? .notConnected : .connected
        try await plan.organisation.update(on: db)
    }

    private func validated(
        _ settings: OwnSettings,
        existing: DigitalPostConnection?,
        organisationID: UUID,
        by staffID: UUID?,
        now: Date,
        newID: UUID
    ) throws -> DigitalPostConnection {
        let base = settings.baseURL.trimmingCharacters(in: .whitespaces)
        let scheme = try allowedURL(base).scheme?.lowercased()
        let systemID = settings.systemID.trimmingCharacters(in: .whitespaces)
        if let problem = FieldError.requiredText(systemID, max: 100, "connectionErrorSystemID") {
            throw Refusal(field: "systemID", messageKey: problem)
        }
        let token = settings.token.trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty || existing != nil else {
            throw Refusal(field: "token", messageKey: "connectionErrorToken")
        }
        let certificate = settings.certificatePath.trimmingCharacters(in: .whitespaces)
        let key = settings.keyPath.trimmingCharacters(in: .whitespaces)
        // One answer for a name that is a path, names no file, or names one that cannot be read:
        // the form tells nothing about the server's files.
        if scheme == "https" || !certificate.isEmpty || !key.isEmpty {
            for (field, name) in [("certificatePath", certificate), ("keyPath", key)] {
                guard certificateFile(named: name) != nil else {
                    throw Refusal(field: field, messageKey: "connectionErrorFile")
                }
            }
        }
        let connection = existing ?? DigitalPostConnection(id: newID, organisationID: organisationID)
        connection.baseURL = base
        connection.systemID = systemID
        if !token.isEmpty { connection.tokenSealed = try box.seal(Data(token.utf8)) }
        connection.certificatePath = certificate.isEmpty ? nil : certificate
        connection.keyPath = key.isEmpty ? nil : key
        connection.updatedAt = now
        connection.updatedBy = staffID
        // The certificate and key must load: a wrong file is refused now, not at the first send.
        do {
            _ = try HTTPNgDPClientCheck.validate(try self.connection(connection))
        } catch {
            throw Refusal(field: "certificatePath", messageKey: "connectionErrorFile")
        }
        return connection
    }

    /// `address` when it is NgDP's: https to one of `hosts`, or, outside production, plain http
    /// to a stand-in on this machine.
    private func allowedURL(_ address: String) throws -> URL {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased()
        else {
            throw Refusal(field: "baseURL", messageKey: "connectionErrorURL")
        }
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        if loopback, !production, scheme == "http" || scheme == "https" { return url }
        guard scheme == "https" else { throw Refusal(field: "baseURL", messageKey: "connectionErrorHTTPS") }
        guard hosts.contains(host) else { throw Refusal(field: "baseURL", messageKey: "connectionErrorHost") }
        return url
    }

    /// The readable file `name` in the certificate folder; nil for anything else: a path, a
    /// hidden name, a link out of the folder, a file that is missing or cannot be read.
    func certificateFile(named name: String) -> String? {
        guard !name.isEmpty, !name.contains("/"), !name.contains("\\"), !name.hasPrefix(".") else { return nil }
        let folder = URL(fileURLWithPath: certificateDirectory).standardizedFileURL.resolvingSymlinksInPath()
        let file = folder.appendingPathComponent(name).resolvingSymlinksInPath()
        var directory: ObjCBool = false
        guard file.path.hasPrefix(folder.path + "/"),
            FileManager.default.fileExists(atPath: file.path, isDirectory: &directory), !directory.boolValue,
            FileManager.default.isReadableFile(atPath: file.path)
        else { return nil }
        return file.path
    }

    private func fileName(_ stored: String) -> String {
        URL(fileURLWithPath: stored).lastPathComponent
    }
}

/// Closes the own connections' clients when the application stops.
struct DigitalPostConnectionsShutdown: LifecycleHandler {
    let connections: DigitalPostConnections

    func shutdownAsync(_ application: Application) async {
        await connections.shutdown()
    }
}

/// Loads a connection's TLS material without opening a connection.
enum HTTPNgDPClientCheck {
    static func validate(_ connection: NgDPConnection) throws -> Bool {
        let client = try HTTPNgDPClient(connection: connection)
        Task { await client.shutdown() }
        return true
    }
}

extension Application {
    private struct ConnectionsKey: StorageKey { typealias Value = DigitalPostConnections }

    /// Every organisation's way to NgDP.
    var digitalPostConnections: DigitalPostConnections {
        get {
            guard let connections = storage[ConnectionsKey.self] else { fatalError("configure(_:) has not run") }
            return connections
        }
        set { storage[ConnectionsKey.self] = newValue }
    }
}
