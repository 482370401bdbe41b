import ArgumentParser
import DigitalPost
import Foundation
import Letters
import MeMo

/// `almen bench ...`: benchmarks that print their figures (never run as timed unit tests).
/// Build in release mode for figures worth quoting: `swift build -c release`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks; they print their figures.",
        subcommands: [
            Memo.self, LettersBench.self, Faults.self, Ingest.self, Portal.self, Pages.self, Help.self, Arrears.self,
        ]
    )

    /// MeMo write and parse(+validate) throughput for messages of 10 KB, 100 KB and 1 MB.
    struct Memo: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "MeMo write and parse throughput.")
        @Option(help: "Seconds per measurement.") var seconds = 2.0
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() throws {
            let figures = MeMoBenchmark.run(seconds: seconds)
            if json {
                try CommandOutput.json(figures, to: .standardOutput)
                return
            }
            print("MeMo benchmark on \(Machine.description) (\(Machine.buildMode) build), one thread")
            print(" message  document    write/s      write MB/s   parse+validate/s   parse MB/s   without contents/s")
            for figure in figures {
                print(
                    String(
                        format: "%8d  %8d  %10.0f  %12.1f  %17.0f  %11.1f  %19.0f",
                        figure.messageBytes,
                        figure.documentBytes,
                        figure.writesPerSecond,
                        figure.writeMegabytesPerSecond,
                        figure.parsesPerSecond,
                        figure.parseMegabytesPerSecond,
                        figure.countingParsesPerSecond
                    )
                )
            }
        }
    }
}

extension BenchCommand {
    /// PDF letter rendering: letters/s, pages/s and MB for one-page påkrav letters; with
    /// `--end-to-end`, the whole gateway (`Gateway`) on PostgreSQL.
    struct LettersBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "letters",
            abstract:
                "PDF letter rendering throughput; with --end-to-end, a letter to every household through the gateway.",
            discussion: """
                --end-to-end needs DATABASE_URL (PostgreSQL) with a seeded register (almen seed --migrate --homes N). \
                It starts the NgDP stand-in and the workers as their own processes, sends a meeting notice to \
                every tenant, and prints letters/s end to end, the raw rendering rate measured in the same run, \
                their ratio, each process's peak memory, and whether every letter arrived exactly once.
                """
        )
        @Option(help: "Letters to render (raw), or to render for the raw rate (--end-to-end).") var count = 2000
        @Option(help: "Threads (one per core is the usual choice).") var threads = ProcessInfo.processInfo
            .activeProcessorCount
        @Flag(help: "Measure the whole gateway instead: compose, render, channel, MeMo, queue, send, receipts.")
        var endToEnd = false
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "The number of homes the register must have (--end-to-end).") var homes: Int?
        @Option(help: "Worker processes (--end-to-end).") var workers = 2
        @Option(help: "Jobs each worker runs at once (--end-to-end).") var concurrency = 4
        @Option(help: "Loopback port of the NgDP stand-in's process.") var standInPort = 8095
        @Option(help: "Give up after this many minutes.") var timeoutMinutes = 120

        func run() async throws {
            guard endToEnd else {
                let result = try LettersBenchmark.run(count: count, threads: threads)
                print("Letters benchmark on \(Machine.description) (\(Machine.buildMode) build)")
                for line in result.lines { print(line) }
                print("per core: \(String(format: "%.1f", result.pagesPerSecond / Double(max(1, threads)))) pages/s")
                return
            }
            guard (1...16).contains(workers), (1...64).contains(concurrency), (1...100_000).contains(count),
                (1024...65535).contains(standInPort)
            else {
                throw CommandError("--workers 1-16, --concurrency 1-64, --count 1-100000, --stand-in-port 1024-65535.")
            }
            let passed = try await AppRunner.lettersEndToEnd(
                env: environment.env,
                homes: homes,
                workers: workers,
                concurrency: concurrency,
                rawLetters: count,
                standInPort: standInPort,
                timeoutMinutes: timeoutMinutes
            )
            if !passed { throw ExitCode(1) }
        }
    }

    /// The fault tests: each breaks one part of the gateway during a bulk run and prints a verdict.
    struct Faults: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "faults",
            abstract: "Fault tests of the gateway, each with a verdict line (PostgreSQL; seed first).",
            discussion: """
                Faults: \(Fault.allCases.map(\.rawValue).joined(separator: ", ")). restart-postgres runs the command in \
                ALMEN_TEST_POSTGRES_RESTART (scripts/with-postgres.sh sets it); disk-full needs root to mount a tmpfs. \
                After each, every letter must be on its way exactly once: the distinct messageUUIDs at the stand-in \
                equal the digital letters, none missing, none made twice.
                """
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "Households per fault (the first leases of organisations connected to Digital Post).")
        var households = 150
        @Option(help: "Only these faults, comma-separated.") var only: String?
        @Option(help: "Loopback port of the NgDP stand-in's process.") var standInPort = 8096
        @Option(help: "Seconds a worker holds a job it claimed: a killed worker's jobs return after it.")
        var leaseSeconds = 10
        @Option(help: "Give up on a fault after this many minutes.") var timeoutMinutes = 10

        func run() async throws {
            let names = only.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            let faults =
                try names.map { names in
                    try names.map { name in
                        guard let fault = Fault(rawValue: name) else {
                            throw CommandError(
                                "Unknown fault \(name): \(Fault.allCases.map(\.rawValue).joined(separator: ", "))."
                            )
                        }
                        return fault
                    }
                } ?? Fault.allCases
            guard (1...10_000).contains(households), (2...600).contains(leaseSeconds) else {
                throw CommandError("--households 1-10000, --lease-seconds 2-600.")
            }
            let passed = try await AppRunner.faults(
                env: environment.env,
                households: households,
                only: faults,
                standInPort: standInPort,
                leaseSeconds: leaseSeconds,
                timeoutMinutes: timeoutMinutes
            )
            if !passed { throw ExitCode(1) }
        }
    }
}

extension BenchCommand {
    /// The receiving system's ingest rate into the configured database (DATABASE_URL for PostgreSQL).
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Receiving-system ingest: MeMo parsed, validated and stored."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "Messages to store.") var count = 2000
        @Option(help: "Message size in bytes (of XML; the main document makes up the rest).") var messageBytes =
            100 * 1024
        @Option(help: "Messages stored at once.") var concurrency = 4

        func run() async throws {
            let result = try await AppRunner.ingestBenchmark(
                env: environment.env,
                count: count,
                messageBytes: messageBytes,
                concurrency: concurrency
            )
            print("Ingest benchmark on \(Machine.description) (\(Machine.buildMode) build), \(result.database)")
            print(
                String(
                    format:
                        "%d messages of %d bytes, %d at once: %.2f s, %.0f messages/s (%.1f MB/s); %.2f CPU-s, %.0f messages per CPU-second",
                    result.messages,
                    result.messageBytes,
                    result.concurrency,
                    result.seconds,
                    result.perSecond,
                    result.megabytesPerSecond,
                    result.cpuSeconds,
                    result.perCPUSecond
                )
            )
        }
    }
}

extension BenchCommand {
    /// The signed-in "Mit hjem" page at a steady rate against the configured database (seed it
    /// first: `almen seed --migrate --homes 80000`).
    struct Portal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Portal latency: \"Mit hjem\" signed in, at a fixed request rate."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "Requests per second.") var rate = 200
        @Option(help: "Seconds measured (after 3 seconds of warm-up).") var seconds = 30
        @Option(help: "Residents signed in; requests go round them.") var sessions = 500
        @Option(help: "Loopback port the app serves on during the run.") var port = 8181

        func run() async throws {
            // Sessions are written and removed in one statement each, within PostgreSQL's 65,535 parameters.
            guard (1...5000).contains(rate), (1...3600).contains(seconds), (1...5000).contains(sessions),
                (1024...65535).contains(port)
            else {
                throw CommandError("--rate 1-5000, --seconds 1-3600, --sessions 1-5000, --port 1024-65535.")
            }
            let result = try await AppRunner.portalBenchmark(
                env: environment.env,
                port: port,
                rate: rate,
                seconds: seconds,
                sessions: sessions
            )
            print(
                "Portal benchmark on \(Machine.description) (\(Machine.buildMode) build), \(result.database), \(result.homes) homes"
            )
            print(
                String(
                    format: "\"Mit hjem\", %d residents signed in, %d requests/s for %.0f s: %d requests, %d errors",
                    result.sessions,
                    result.rate,
                    result.seconds,
                    result.requests,
                    result.errors
                )
            )
            print(
                String(
                    format:
                        "latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f; %.2f ms CPU per request (server and load generator)",
                    result.p50,
                    result.p90,
                    result.p99,
                    result.max,
                    result.cpuMillisecondsPerRequest
                )
            )
        }
    }
}

extension BenchCommand {
    /// Each main page under load from `wrk` (a separate process), with `/health/ready` as the
    /// yardstick in the same run (seed first: `almen seed --migrate --homes 80000`).
    struct Pages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pages: requests/s, p50 and p99 of each main page, and its ratio to /health/ready (needs wrk)."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "Open connections (wrk -c).") var connections = 64
        @Option(help: "Seconds measured per page (after 2 seconds of warm-up).") var seconds = 10
        @Option(help: "Residents signed in; requests go round them.") var sessions = 500
        @Option(help: "Loopback port the app serves on during the run.") var port = 8182
        @Option(help: "Measure only the pages whose name contains this (and /health/ready), e.g. \"Mit hjem\".")
        var page: String?
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            guard (1...1000).contains(connections), (1...600).contains(seconds), (1...5000).contains(sessions),
                (1024...65535).contains(port)
            else {
                throw CommandError("--connections 1-1000, --seconds 1-600, --sessions 1-5000, --port 1024-65535.")
            }
            let result = try await AppRunner.pagesBenchmark(
                env: environment.env,
                port: port,
                connections: connections,
                seconds: seconds,
                sessions: sessions,
                only: page
            )
            if json {
                try CommandOutput.json(result, to: .standardOutput)
                return
            }
            print(
                "Pages benchmark on \(Machine.description) (\(Machine.buildMode) build), \(result.database), \(result.homes) homes"
            )
            print(
                "wrk in its own process, \(result.connections) connections, \(result.seconds) s a page; server CPU per request is the app's own"
            )
            print("each ratio is to /health/ready measured just before the page (its requests/s: \"yardstick\")")
            print("page                 requests/s   p50 ms   p99 ms  yardstick   ratio  target  CPU ms/req  errors")
            for row in result.rows {
                let figures = String(
                    format: "%10.0f %8.1f %8.1f %10.0f %7.2f %7.2f %11.2f %7d",
                    row.requestsPerSecond,
                    row.p50,
                    row.p99,
                    row.yardstick,
                    row.ratio,
                    row.target,
                    row.cpuMillisecondsPerRequest,
                    row.errors
                )
                print(
                    row.page.padding(toLength: 20, withPad: " ", startingAt: 0) + figures + "  "
                        + (row.meetsTarget ? "met" : "NOT MET")
                )
            }
        }
    }
}

/// What the figures were measured on.
enum Machine {
    static var description: String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        let model =
            (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(model), \(cores) cores, \(String(format: "%.0f", memory)) GiB"
    }

    static var buildMode: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }
}

extension BenchCommand {
    /// Help search with every organisation's own articles (seed first: `almen seed --migrate
    /// --homes 600000` gives 522 organisations).
    struct Help: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Help search: each organisation gets its own articles; searches are timed against one statement."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "Articles of each organisation's own (added until it has this many).") var articles = 40
        @Option(help: "Searches timed.") var searches = 2000

        func run() async throws {
            let result = try await AppRunner.helpSearchBenchmark(
                env: environment.env,
                articles: articles,
                searches: searches
            )
            print("Help search benchmark on \(Machine.description) (\(Machine.buildMode) build), \(result.database)")
            print(
                String(
                    format:
                        "%d organisations, %d articles, %d index rows (set up in %.0f s); %d searches in a random department",
                    result.organisations,
                    result.articles,
                    result.indexRows,
                    result.setupSeconds,
                    result.searches
                )
            )
            print(
                String(
                    format:
                        "search p50 %.2f ms, p99 %.2f ms; one statement (SELECT 1) p50 %.2f ms, p99 %.2f ms; ratio of p50 %.1f",
                    result.searchP50,
                    result.searchP99,
                    result.baselineP50,
                    result.baselineP99,
                    result.searchP50 / max(result.baselineP50, 0.001)
                )
            )
        }
    }
}

extension BenchCommand {
    /// The daily arrears run's decision pass over a generated organisation of many leases.
    struct Arrears: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Arrears run: every lease decided (PostgreSQL; generates its leases and accounts first)."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "Leases to generate.") var leases = 600_000
        @Option(help: "The day the run decides for (ISO date); the 15th of this month by default.") var date: String?

        func run() async throws {
            let result = try await AppRunner.arrearsBenchmark(env: environment.env, leases: leases, date: date)
            print("Arrears benchmark on \(Machine.description) (\(Machine.buildMode) build), PostgreSQL")
            print(
                String(
                    format: "%d leases, %d account lines (generated in %.0f s)",
                    result.leases,
                    result.ledgerLines,
                    result.setupSeconds
                )
            )
            print("decisions: \(result.report)")
            print(
                String(
                    format: "decision pass %.1f s, %.0f leases/s, peak memory %.0f MB",
                    result.seconds,
                    result.leasesPerSecond,
                    result.peakMegabytes
                )
            )
        }
    }
}
