import DigitalPost
import Vapor

extension Application {
    private struct ClientKey: StorageKey { typealias Value = any NgDPClient }

    /// The NgDP client; nil when Digital Post is not configured.
    public var ngdpClient: (any NgDPClient)? {
        get { storage[ClientKey.self] }
        set { storage[ClientKey.self] = newValue }
    }

    /// Sends the outbox's letters (the `JobKind.sendDigitalPost` jobs) with each organisation's
    /// own connection or the shared one; without either, its letters go to print.
    var digitalPostSender: DigitalPostSender {
        DigitalPostSender(
            database: db,
            connections: digitalPostConnections,
            vault: cprVault,
            dependencies: dependencies,
            logger: logger
        )
    }
}

/// Closes the NgDP client's connections when the application stops.
struct NgDPClientShutdown: LifecycleHandler {
    let client: any NgDPClient

    func shutdownAsync(_ application: Application) async {
        await client.shutdown()
    }
}
