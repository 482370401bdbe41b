import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Work that follows a response, such as the business receipt for a pushed message, which NgDP
/// expects after our 200. The application waits for it when it stops; what does not finish is
/// done by the next worker round (`ReceivingSystem.acknowledgePushed`).
final class AfterResponse: LifecycleHandler, Sendable {
    private let tasks = NIOLockedValueBox<[UUID: Task<Void, Never>]>([:])

    func run(_ work: @escaping @Sendable () async -> Void) {
        let id = UUID()
        tasks.withLockedValue { tasks in
            tasks[id] = Task { [tasks = self.tasks] in
                await work()
                tasks.withLockedValue { _ = $0.removeValue(forKey: id) }
            }
        }
    }

    /// Waits until no work is left, including work started meanwhile.
    func idle() async {
        while let task = tasks.withLockedValue({ $0.values.first }) { await task.value }
    }

    func shutdownAsync(_ application: Application) async {
        await idle()
    }
}

extension Application {
    private struct AfterResponseKey: StorageKey { typealias Value = AfterResponse }

    /// Registered by `configure` (as a lifecycle handler, so shutdown waits for it).
    var afterResponse: AfterResponse {
        // Without configure's instance the work still runs; only shutdown does not wait for it.
        get { storage[AfterResponseKey.self] ?? AfterResponse() }
        set { storage[AfterResponseKey.self] = newValue }
    }
}
