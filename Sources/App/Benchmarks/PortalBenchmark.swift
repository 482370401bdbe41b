import Fluent
import Foundation
import Vapor

/// The portal target (system.md, "Targets"): the signed-in "Mit hjem" page under a steady load
/// (`almen bench portal`). Residents with a lease are signed in (sessions written directly, as a
/// login would), the app serves on loopback, and requests go out at a fixed rate whatever the
/// answers' pace; each latency counts from when its request was due, so a slow answer that holds
/// up the next ones is not hidden (no coordinated omission). The sessions are removed afterwards.
public enum PortalBenchmark {
    public struct Result: Sendable, Encodable {
        public let homes: Int
        public let sessions: Int
        public let rate: Int
        public let seconds: Double
        public let requests: Int
        public let errors: Int
        /// Latencies in milliseconds.
        public let p50: Double
        public let p90: Double
        public let p99: Double
        public let max: Double
        /// CPU time of this process (server and load generator) per request, in milliseconds.
        public let cpuMillisecondsPerRequest: Double
        public let database: String
    }

    /// Runs `warmUp` seconds unrecorded, then `seconds` recorded, at `rate` requests a second.
    public static func run(
        app: Application,
        port: Int,
        rate: Int,
        seconds: Int,
        warmUp: Int = 3,
        sessions: Int = 500,
        path: String = SiteRoute.myHome.path
    ) async throws -> Result {
        let homes = try await Dwelling.query(on: app.db).count()
        let tokens = try await signIn(residents: sessions, on: app)
        guard !tokens.isEmpty else {
            throw Abort(.internalServerError, reason: "The register has no tenants to sign in: run almen seed first.")
        }
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = port
        // A redirect (to the login page) is a failed request, never followed.
        app.http.client.configuration.redirectConfiguration = .disallow
        app.http.client.configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 256
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        let url = URI(string: "http://127.0.0.1:\(port)\(path)")
        do {
            _ = try await load(app: app, url: url, tokens: tokens, rate: rate, seconds: warmUp)
            let cpuBefore = ProcessCPU.seconds()
            let outcomes = try await load(app: app, url: url, tokens: tokens, rate: rate, seconds: seconds)
            let cpu = ProcessCPU.seconds() - cpuBefore
            await app.server.shutdown()
            try await UserSession.query(on: app.db).filter(\.$tokenHash ~~ tokens.map(PKCE.hash)).delete()
            let latencies = outcomes.compactMap(\.self).sorted()
            func percentile(_ p: Double) -> Double {
                latencies.isEmpty
                    ? 0 : latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)]
            }
            return Result(
                homes: homes,
                sessions: tokens.count,
                rate: rate,
                seconds: Double(seconds),
                requests: outcomes.count,
                errors: outcomes.count - latencies.count,
                p50: percentile(0.50),
                p90: percentile(0.90),
                p99: percentile(0.99),
                max: latencies.last ?? 0,
                cpuMillisecondsPerRequest: outcomes.isEmpty ? 0 : cpu * 1000 / Double(outcomes.count),
                database: app.almenConfig.database.name
            )
        } catch {
            await app.server.shutdown()
            try? await UserSession.query(on: app.db).filter(\.$tokenHash ~~ tokens.map(PKCE.hash)).delete()
            throw error
        }
    }

    /// Sessions for `residents` tenants spread over the register; returns their cookie tokens.
    static func signIn(residents: Int, on app: Application) async throws -> [String] {
        let chosen = try await PagesBenchmark.residentsWithLeases(residents, on: app)
        return try await PagesBenchmark.signIn(chosen.map { ($0.person, nil) }, on: app)
    }

    /// Sends `rate × seconds` requests on schedule; each outcome is its latency in milliseconds,
    /// or nil for an answer other than 200.
    private static func load(
        app: Application,
        url: URI,
        tokens: [String],
        rate: Int,
        seconds: Int
    ) async throws -> [Double?] {
        let total = rate * seconds
        let interval = Duration.seconds(1) / rate
        let clock = ContinuousClock()
        let start = clock.now
        return try await withThrowingTaskGroup(of: (Int, Double?).self) { group in
            for index in 0..<total {
                let due = start + interval * index
                try await clock.sleep(until: due)
                let token = tokens[index % tokens.count]
                group.addTask {
                    let headers: HTTPHeaders = ["Cookie": "\(SessionCookie.session)=\(token)"]
                    let response = try? await app.client.get(url, headers: headers)
                    let elapsed = clock.now - due
                    let milliseconds =
                        Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                    return (index, response?.status == .ok ? milliseconds : nil)
                }
            }
            var outcomes = [Double?](repeating: nil, count: total)
            for try await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
    }
}

extension AppConfig.DatabaseChoice {
    /// "SQLite" or "PostgreSQL", for benchmark output.
    var name: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }
}
