import Fluent
import Foundation
import Logging
import Testing
import VaporTesting

@testable import App

/// `GET /metrics`: scraped as Prometheus would, and every line parsed.
@Suite struct MetricsTests {
    /// One sample of the text format: name, labels, value.
    struct Sample: Equatable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    /// Parses Prometheus's text format 0.0.4 strictly: every line is a comment (HELP or TYPE of a
    /// known type) or a sample whose metric was typed first; anything else fails.
    static func parse(_ text: String) throws -> [Sample] {
        var typed: Set<String> = []
        var samples: [Sample] = []
        let sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$/
        let label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# HELP ") { continue }
            if let type = line.wholeMatch(
                of: /# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)/
            ) {
                typed.insert(String(type.1))
                continue
            }
            let match = try #require(line.wholeMatch(of: sample), "not a sample: \(line)")
            let name = String(match.1)
            let family = name.replacing(/_(bucket|sum|count)$/, with: "")
            #expect(typed.contains(name) || typed.contains(family), "\(name) has no TYPE line")
            var labels: [String: String] = [:]
            for pair in (match.3.map(String.init) ?? "").matches(of: label) { labels[String(pair.1)] = String(pair.2) }
            samples.append(Sample(name: name, labels: labels, value: try #require(Double(String(match.4)))))
        }
        return samples
    }

    static func value(_ samples: [Sample], _ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { sample in
            sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value }
        }?.value
    }

    @Test func aScrapeFromLoopbackShowsRequestsJobsLettersAndTheDatabase() async throws {
        try await withTestApp(seedHomes: 10, running: true) { app in
            let browser = TestBrowser(base: app.almenConfig.publicBaseURL)
            defer { Task { try? await browser.shutdown() } }
            for _ in 0..<3 { #expect(try await browser.get(SiteRoute.healthReady.path).status == 200) }
            try await app.jobQueue.enqueue(.purgeJobs, uniqueKey: "metrics-test", on: app.db)
            let page = try await browser.get(SiteRoute.metrics.path)
            #expect(page.status == 200)
            #expect(page.header("Content-Type").first?.hasPrefix("text/plain; version=0.0.4") == true)
            let samples = try Self.parse(page.body)
            let requests = try #require(
                Self.value(samples, "http_requests_total", ["path": "/health/ready", "method": "GET", "status": "200"])
            )
            #expect(requests >= 3)
            #expect(
                Self.value(samples, "http_request_duration_seconds_count", ["path": "/health/ready", "status": "200"])
                    ?? 0 >= 3
            )
            #expect(
                Self.value(samples, "almen_jobs", ["kind": JobKind.purgeJobs.rawValue, "status": "queued"]) ?? 0 >= 1
            )
            #expect(Self.value(samples, "almen_jobs", ["kind": JobKind.bulkLetters.rawValue, "status": "dead"]) == 0)
            #expect(Self.value(samples, "almen_jobs_oldest_age_seconds", ["kind": JobKind.purgeJobs.rawValue]) != nil)
            #expect(Self.value(samples, "almen_database_up") == 1)
            #expect(Self.value(samples, "almen_database_probe_seconds") ?? -1 >= 0)
            #expect(Self.value(samples, "almen_letters", ["channel": "digital_post", "status": "delivered"]) != nil)
            #expect(Self.value(samples, "almen_digital_post_outbox", ["status": "queued"]) != nil)
            #expect(Self.value(samples, "almen_receiving_stale") != nil)
            // The histogram's buckets are cumulative and end at +Inf.
            let buckets = samples.filter {
                $0.name == "http_request_duration_seconds_bucket" && $0.labels["path"] == "/health/ready"
                    && $0.labels["status"] == "200"
            }
            #expect(buckets.last?.labels["le"] == "+Inf")
            #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.value <= $1.value })
        }
    }

    @Test func withATokenTheScraperMustSendIt() async throws {
        let token = "metrics-token-0123456789"
        try await withTestApp(
            settings: { $0.metricsToken = token },
            { app in
                try await app.testing().test(.GET, SiteRoute.metrics.path) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers.first(name: "WWW-Authenticate") == "Bearer")
                }
                try await app.testing().test(
                    .GET,
                    SiteRoute.metrics.path,
                    headers: ["Authorization": "Bearer wrong-token-0123456789"]
                ) { response in
                    #expect(response.status == .unauthorized)
                }
                try await app.testing().test(
                    .GET,
                    SiteRoute.metrics.path,
                    headers: ["Authorization": "Bearer \(token)"]
                ) {
                    response in
                    #expect(response.status == .ok)
                    let samples = try Self.parse(response.body.string)
                    #expect(samples.contains { $0.name == "almen_database_up" })
                }
            }
        )
    }

    @Test func withoutATokenNobodyButLoopbackFindsThem() async throws {
        try await withTestApp { app in
            // In-process requests come from no address, as one from outside would through a proxy.
            try await app.testing().test(.GET, SiteRoute.metrics.path) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func theGaugesAreReadAtMostEveryTenSeconds() async throws {
        let clock = TestClock()
        try await withTestApp(clock: clock) { app in
            let gauges = app.operationalGauges
            let first = await gauges.text(database: app.db, config: app.almenConfig)
            try await app.jobQueue.enqueue(.purgeJobs, uniqueKey: "cached", on: app.db)
            #expect(await gauges.text(database: app.db, config: app.almenConfig) == first)
            clock.advance(by: 11)
            let later = try Self.parse(await gauges.text(database: app.db, config: app.almenConfig))
            #expect(Self.value(later, "almen_jobs", ["kind": JobKind.purgeJobs.rawValue, "status": "queued"]) == 1)
        }
    }

    @Test func aJSONLogLineIsOneObjectWithItsMetadata() throws {
        let lines = LinesBox()
        var logger = Logger(label: "almen.test") { label in
            JSONLogHandler(label: label, level: .info, write: { lines.append($0) })
        }
        logger[metadataKey: "worker"] = "w-1"
        logger.debug("not written")
        logger.info("Digital Post letter", metadata: ["letter": "abc", "attempts": .array(["1", "2"])])
        let written = lines.all
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.hasSuffix("\n") && !line.dropLast().contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "almen.test")
        #expect(object["message"] as? String == "Digital Post letter")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["worker"] as? String == "w-1")
        #expect(metadata["letter"] as? String == "abc")
        #expect(metadata["attempts"] as? [String] == ["1", "2"])
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
    }
}

private final class LinesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
