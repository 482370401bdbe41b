import DigitalPost
import Fluent
import Foundation
import MeMo
import Vapor

/// The receiving system's ingest rate (`almen bench ingest`): messages parsed, validated and
/// stored in this application's database, as the pull and the push store them, without NgDP's
/// round trips. The rows it writes are removed afterwards.
public enum IngestBenchmark {
    public struct Result: Sendable, Encodable {
        public let messages: Int
        public let messageBytes: Int
        public let concurrency: Int
        public let seconds: Double
        /// CPU time of this process (user + system) during the run.
        public let cpuSeconds: Double
        public let database: String

        public var perSecond: Double { seconds > 0 ? Double(messages) / seconds : 0 }
        /// Messages per CPU-second: the per-core rate, whatever else the machine was doing.
        public var perCPUSecond: Double { cpuSeconds > 0 ? Double(messages) / cpuSeconds : 0 }
        public var megabytesPerSecond: Double { perSecond * Double(messageBytes) / 1_000_000 }
    }

    public static func run(
        app: Application,
        count: Int,
        messageBytes: Int,
        concurrency: Int,
        pageSize: Int = 50
    ) async throws -> Result {
        let receiving = ReceivingSystem(
            database: app.db,
            connections: app.digitalPostConnections,
            vault: app.cprVault,
            dependencies: app.dependencies,
            logger: Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let template = MeMoBenchmark.sampleMessage(messageBytes: messageBytes)
        let messages: [ReceivingSystem.Delivery] = (0..<count).map { _ in
            var message = template
            let uuid = UUID()
            message.header.messageUUID = uuid.lowercasedString
            return ReceivingSystem.Delivery(uuid: uuid, xml: MeMoWriter.write(message))
        }
        // Pages of 50, as the pull fetches them; `concurrency` pages are stored at once.
        let pages = stride(from: 0, to: messages.count, by: pageSize).map {
            Array(messages[$0..<min($0 + pageSize, messages.count)])
        }
        let channel = "bench"
        let cpuBefore = ProcessCPU.seconds()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            let lanes = max(1, concurrency)
            for lane in 0..<lanes {
                group.addTask {
                    for index in stride(from: lane, to: pages.count, by: lanes) {
                        let outcomes = try await receiving.store(pages[index], channel: channel)
                        guard outcomes.allSatisfy({ $0 == .stored }) else {
                            throw Abort(.internalServerError, reason: "bench messages not stored: \(outcomes)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let cpu = ProcessCPU.seconds() - cpuBefore
        try await IncomingMessage.query(on: app.db).filter(\.$channel == channel).delete()
        return Result(
            messages: count,
            messageBytes: messages.first?.xml.count ?? 0,
            concurrency: concurrency,
            seconds: elapsed.seconds,
            cpuSeconds: cpu,
            database: app.almenConfig.database.name
        )
    }
}
