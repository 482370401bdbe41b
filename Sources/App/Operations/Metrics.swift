import AlmenDomain
import CoreMetrics
import Crypto
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Prometheus
import SQLKit
import Vapor

/// Prometheus metrics (`GET /metrics`): what Vapor counts of each request (by route pattern,
/// method and status, with latency histograms) through swift-metrics into one
/// `PrometheusCollectorRegistry` per process, and, read from the database at each scrape (at most
/// every `OperationalGauges.maxAge`), the state of the work the process shares with the others:
/// the job queue, the letters and the Digital Post outbox by state, the receiving system's
/// freshness, and the database's connections.
public enum AlmenMetrics {
    /// The process's registry. The first use bootstraps swift-metrics with it, once per process
    /// (`MetricsSystem.bootstrap` may run only once); every application of the process shares it.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Pages answer in milliseconds; the buckets reach from 1 ms to 10 s.
        factory.defaultDurationHistogramBuckets = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000]
            .map { Duration.microseconds(Int64($0 * 1000)) }
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// Makes sure the registry receives the request metrics from the start.
    public static func start() { _ = registry }
}

/// `GET /metrics`: the Prometheus text format. With `ALMEN_METRICS_TOKEN` the scraper sends it as
/// a bearer token. Without one, production has no metrics (not found), and development and tests
/// answer only a client on loopback (`clientAddress`, which sees through trusted proxies).
enum MetricsController {
    @Sendable
    static func metrics(_ req: Request) async throws -> Response {
        if let token = req.application.almenConfig.metricsToken {
            let given = req.headers.bearerAuthorization?.token ?? ""
            guard Data(SHA256.hash(data: Data(given.utf8))) == Data(SHA256.hash(data: Data(token.utf8))) else {
                // Answered here: the error middleware would drop the challenge header.
                return Response(
                    status: .unauthorized,
                    headers: ["WWW-Authenticate": "Bearer", "Content-Type": "text/plain; charset=utf-8"],
                    body: .init(string: "A bearer token is required.\n")
                )
            }
        } else {
            // A proxy on the same host makes every request look local, so production always
            // asks for the token.
            guard req.application.environment != .production,
                ["127.0.0.1", "::1"].map(ClientAddress.key).contains(req.clientAddress)
            else { throw Abort(.notFound) }
        }
        var bytes: [UInt8] = []
        AlmenMetrics.registry.emit(into: &bytes)
        let gauges = await req.application.operationalGauges.text(database: req.db, config: req.application.almenConfig)
        let text = String(decoding: bytes, as: UTF8.self) + gauges
        return Response(
            status: .ok,
            headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store"],
            body: .init(string: text)
        )
    }
}

/// The shared state's gauges, read with a few aggregate statements and kept for `maxAge`, so
/// scrapes (or anyone else reaching `/metrics`) cost the database little whatever their rate.
final class OperationalGauges: Sendable {
    static let maxAge: TimeInterval = 10
    private let cached = NIOLockedValueBox<(at: Date, text: String)?>(nil)
    let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    func text(database: any Database, config: AppConfig) async -> String {
        let now = now()
        if let cached = cached.withLockedValue({ $0 }), now.timeIntervalSince(cached.at) < Self.maxAge,
            now >= cached.at
        {
            return cached.text
        }
        let text = await Self.read(database: database, config: config, now: now)
        self.cached.withLockedValue { $0 = (now, text) }
        return text
    }

    /// Every gauge; a database that does not answer gives `almen_database_up 0` and the rest is
    /// left out (a scrape never fails because the database is down).
    static func read(database: any Database, config: AppConfig, now: Date) async -> String {
        var out = PrometheusText()
        let perLoop = config.postgresConnectionsPerEventLoop
        if case .postgres = config.database {
            out.gauge(
                "almen_database_pool_max_connections",
                "The most connections this process opens to PostgreSQL (per event loop times loops).",
                Double(perLoop * System.coreCount)
            )
        }
        guard let sql = database as? any SQLDatabase else { return out.text }
        let started = ContinuousClock.now
        do {
            _ = try await sql.raw("SELECT 1 AS ok").first()
        } catch {
            out.gauge("almen_database_up", "Whether the database answered this scrape.", 0)
            return out.text
        }
        let probe = ContinuousClock.now - started
        out.gauge("almen_database_up", "Whether the database answered this scrape.", 1)
        out.gauge(
            "almen_database_probe_seconds",
            "Time to get a pooled connection and run SELECT 1: grows when the pool is busy.",
            probe.seconds
        )
        do {
            try await jobs(sql, now: now, into: &out)
            try await letters(sql, into: &out)
            let freshness = try await ReceivingSystem.freshness(on: database, now: now)
            out.gauge(
                "almen_receiving_last_message_timestamp_seconds",
                "When the receiving system last stored a message from Digital Post (0: never).",
                freshness.lastReceived?.timeIntervalSince1970 ?? 0
            )
            out.gauge(
                "almen_receiving_stale",
                "1 when nothing has arrived for longer than the receiving system's warning period.",
                freshness.warning ? 1 : 0
            )
            if sql.dialect.name == "postgresql" {
                struct Row: Decodable {
                    let state: String
                    let count: Int
                }
                let rows = try await sql.raw(
                    """
                    SELECT COALESCE(state, 'unknown') AS state, COUNT(*) AS count FROM pg_stat_activity
                    WHERE datname = current_database() GROUP BY COALESCE(state, 'unknown')
                    """
                ).rows(decoding: Row.self)
                let counts = Dictionary(rows.map { ($0.state, $0.count) }, uniquingKeysWith: +)
                out.header(
                    "almen_database_connections",
                    "Connections to this database by state, from every process (pg_stat_activity)."
                )
                for state in Set(["active", "idle", "idle in transaction"]).union(counts.keys).sorted() {
                    out.sample("almen_database_connections", ["state": state], Double(counts[state] ?? 0))
                }
            }
        } catch {
            out.gauge("almen_metrics_read_error", "1 when a gauge could not be read from the database.", 1)
        }
        return out.text
    }

    /// Jobs queued, running and dead (failed for good) by kind, and the age of the oldest of each:
    /// since it was due (queued, running) or since it failed (dead).
    private static func jobs(_ sql: any SQLDatabase, now: Date, into out: inout PrometheusText) async throws {
        struct Row: Decodable {
            let kind: String
            let status: String
            let count: Int
            let oldest: Date?
        }
        let statuses = [JobStatus.queued, .running, .dead].map(\.rawValue)
        let rows = try await sql.raw(
            """
            SELECT kind, status, COUNT(*) AS count,
              MIN(CASE WHEN status = \(bind: JobStatus.dead.rawValue) THEN COALESCE(finished_at, run_at)
                       WHEN run_at <= \(bind: now) THEN run_at END) AS oldest
            FROM jobs WHERE status IN (\(binds: statuses)) GROUP BY kind, status
            """
        ).rows(decoding: Row.self)
        let byKey = Dictionary(rows.map { ("\($0.kind) \($0.status)", $0) }, uniquingKeysWith: { first, _ in first })
        out.header("almen_jobs", "Jobs by kind and status (queued includes those waiting to retry).")
        for kind in JobKind.allCases {
            for status in statuses {
                out.sample(
                    "almen_jobs",
                    ["kind": kind.rawValue, "status": status],
                    Double(byKey["\(kind.rawValue) \(status)"]?.count ?? 0)
                )
            }
        }
        out.header(
            "almen_jobs_oldest_age_seconds",
            "Age of the oldest job by kind and status: since it was due, or since it failed (dead)."
        )
        for kind in JobKind.allCases {
            for status in statuses {
                let oldest = byKey["\(kind.rawValue) \(status)"]?.oldest
                out.sample(
                    "almen_jobs_oldest_age_seconds",
                    ["kind": kind.rawValue, "status": status],
                    oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0
                )
            }
        }
    }

    /// Letters by channel and state, and the Digital Post outbox by state.
    private static func letters(_ sql: any SQLDatabase, into out: inout PrometheusText) async throws {
        struct Row: Decodable {
            let channel: String?
            let status: String
            let count: Int
        }
        let letters = try await sql.raw(
            "SELECT channel, status, COUNT(*) AS count FROM letters GROUP BY channel, status"
        ).rows(decoding: Row.self)
        var counts: [String: Int] = [:]
        for row in letters { counts["\(row.channel ?? "undecided") \(row.status)", default: 0] += row.count }
        out.header("almen_letters", "Letters by channel (undecided: waiting for the registration look-up) and state.")
        for channel in AlmenDomain.Channel.allCases.map(\.rawValue) + ["undecided"] {
            for status in LetterStatus.allCases.map(\.rawValue) {
                out.sample(
                    "almen_letters",
                    ["channel": channel, "status": status],
                    Double(counts["\(channel) \(status)"] ?? 0)
                )
            }
        }
        struct Outbox: Decodable {
            let status: String
            let count: Int
        }
        let outbox = try await sql.raw(
            "SELECT status, COUNT(*) AS count FROM digital_post_letters GROUP BY status"
        ).rows(decoding: Outbox.self)
        let byStatus = Dictionary(outbox.map { ($0.status, $0.count) }, uniquingKeysWith: +)
        out.header("almen_digital_post_outbox", "Digital Post outbox letters by state.")
        for status in DigitalPostLetterStatus.allCases.map(\.rawValue) {
            out.sample("almen_digital_post_outbox", ["status": status], Double(byStatus[status] ?? 0))
        }
    }
}

/// Prometheus's text exposition format, version 0.0.4, for gauges.
struct PrometheusText {
    private(set) var text = ""

    mutating func header(_ name: String, _ help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
    }

    mutating func sample(_ name: String, _ labels: [String: String] = [:], _ value: Double) {
        text += name
        if !labels.isEmpty {
            let pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\(Self.escape($0.value))\"" }
            text += "{" + pairs.joined(separator: ",") + "}"
        }
        text += " " + Self.number(value) + "\n"
    }

    mutating func gauge(_ name: String, _ help: String, _ value: Double) {
        header(name, help)
        sample(name, [:], value)
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension Application {
    private struct GaugesKey: StorageKey { typealias Value = OperationalGauges }

    /// The cached gauges of `/metrics`.
    var operationalGauges: OperationalGauges {
        if let gauges = storage[GaugesKey.self] { return gauges }
        let gauges = OperationalGauges(now: dependencies.now)
        storage[GaugesKey.self] = gauges
        return gauges
    }
}
