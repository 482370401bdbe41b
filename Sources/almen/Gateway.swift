import App
import Fluent
import Foundation
import Vapor

/// The Digital Post gateway as separate processes, for `almen bench letters --end-to-end` and
/// `almen bench faults`: the NgDP stand-in (`almen sandbox`) and workers (`almen worker`) started
/// from this executable against the same PostgreSQL, while this process makes the bulk runs and
/// watches the database. Real HTTP between the workers and the stand-in, real PDFs.
final class Gateway: @unchecked Sendable {
    let app: Application
    let logs: URL
    let standInPort: Int
    let standIn: ChildProcess
    private(set) var workers: [ChildProcess]

    var standInBase: String { "http://127.0.0.1:\(standInPort)/sandbox/ngdp" }

    private init(app: Application, logs: URL, standInPort: Int, standIn: ChildProcess, workers: [ChildProcess]) {
        self.app = app
        self.logs = logs
        self.standInPort = standInPort
        self.standIn = standIn
        self.workers = workers
    }

    /// Starts the stand-in, waits until it answers, then starts `workers` workers.
    static func start(
        app: Application,
        workers count: Int,
        concurrency: Int = 1,
        timeLimit: Int? = nil,
        standInPort: Int,
        leaseSeconds: Int
    ) async throws
        -> Gateway
    {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent(
            "almen-gateway-\(ProcessInfo.processInfo.processIdentifier)"
        )
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["ALMEN_ENV"] = app.environment.name
        environment["ALMEN_NGDP_BASE_URL"] = "http://127.0.0.1:\(standInPort)/sandbox/ngdp/apis/v1/"
        environment["ALMEN_NGDP_SYSTEM_TOKEN"] = "sandbox-system-token"
        environment["LOG_LEVEL"] = environment["LOG_LEVEL"] ?? "warning"
        environment["ALMEN_EXIT_WITH_PARENT"] = "\(getpid())"
        let standIn = ChildProcess(
            name: "stand-in",
            arguments: [
                "sandbox", "--port", "\(standInPort)", "--without-messages", "--app", "http://127.0.0.1:9",
            ],
            environment: environment,
            logDirectory: logs
        )
        let workers = (1...max(1, count)).map { number in
            ChildProcess(
                name: "worker \(number)",
                arguments: ["worker", "--lease-seconds", "\(leaseSeconds)", "--concurrency", "\(concurrency)"]
                    + (timeLimit.map { ["--time-limit", "\($0)"] } ?? []),
                environment: environment,
                logDirectory: logs
            )
        }
        guard Self.portIsFree(standInPort) else {
            throw CommandError("Port \(standInPort) is taken: choose another with --stand-in-port.")
        }
        let gateway = Gateway(app: app, logs: logs, standInPort: standInPort, standIn: standIn, workers: workers)
        try standIn.start()
        let deadline = ContinuousClock.now + .seconds(60)
        while (try? await gateway.delivered()) == nil {
            guard standIn.isRunning, ContinuousClock.now < deadline else {
                await gateway.stop()
                throw CommandError("The NgDP stand-in did not start:\n\(standIn.tail())")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        for worker in workers { try worker.start() }
        return gateway
    }

    /// Whether nothing listens on the loopback port (a connection is refused).
    static func portIsFree(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return connected != 0
    }

    /// What the stand-in's mailboxes hold (`GET _control/delivered`).
    struct Delivered: Decodable {
        let sends: Int
        let deliveries: Int
        let messageUUIDs: [String]
    }

    func delivered() async throws -> Delivered {
        let response = try await app.client.get(URI(string: "\(standInBase)/_control/delivered"))
        guard response.status == .ok else { throw Abort(response.status) }
        return try response.content.decode(Delivered.self)
    }

    /// Sends per messageUUID, retries included.
    func attempts() async throws -> [String: Int] {
        let response = try await app.client.get(URI(string: "\(standInBase)/_control/attempts"))
        guard response.status == .ok else { throw Abort(response.status) }
        return try response.content.decode([String: Int].self)
    }

    /// Switches the stand-in's faults (`NgDPFaults` as JSON; `{}` turns them off).
    func setFaults(_ json: String) async throws {
        let response = try await app.client.post(URI(string: "\(standInBase)/_control/faults")) { request in
            request.headers.contentType = .json
            request.body = ByteBuffer(string: json)
        }
        guard response.status == .noContent else { throw CommandError("The stand-in refused the faults \(json).") }
    }

    /// The stand-in's faults still switched on (counted ones go down as they happen).
    func faultsLeft() async throws -> [String: JSONValue] {
        let response = try await app.client.get(URI(string: "\(standInBase)/_control/faults"))
        guard response.status == .ok else { throw Abort(response.status) }
        return try response.content.decode([String: JSONValue].self)
    }

    /// Whether worker `index` holds a running job now (a kill then interrupts work).
    func workerHoldsAJob(_ index: Int) async throws -> Bool {
        guard let pid = workers[index].pid else { return false }
        return try await LetterRun.jobsRunning(heldBy: "\(pid)", on: app.db) > 0
    }

    /// Starts worker `index` again, as a process manager would after a crash.
    func restartWorker(_ index: Int) throws {
        try workers[index].start()
    }

    func stop() async {
        for worker in workers { await worker.stop() }
        await standIn.stop()
    }

    /// CPU seconds each process has used so far (user and system, from /proc), PostgreSQL's
    /// processes together, and the whole machine's busy and total seconds (/proc/stat).
    func cpuSeconds() -> [String: Double] {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        func used(_ pid: Int32) -> (name: String, seconds: Double)? {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")"), let open = stat.firstIndex(of: "(")
            else { return nil }
            let name = String(stat[stat.index(after: open)..<close])
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
            return (name, (user + system) / ticks)
        }
        var result: [String: Double] = [:]
        for child in [standIn] + workers {
            if let pid = child.pid, let reading = used(pid) { result[child.name] = reading.seconds }
        }
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(Int32.init) ?? []
        result["PostgreSQL"] = pids.compactMap(used).filter { $0.name == "postgres" }.map(\.seconds).reduce(0, +)
        if let line = (try? String(contentsOfFile: "/proc/stat", encoding: .utf8))?.split(separator: "\n").first {
            let values = line.split(separator: " ").dropFirst().compactMap { Double($0) }
            if values.count >= 5 {
                result["machine"] = values.reduce(0, +) / ticks
                result["machine idle"] = (values[3] + values[4]) / ticks
            }
        }
        return result
    }

    /// Peak memory of each process, in MB, while they run.
    func peakMemory() -> [(String, Double)] {
        ([standIn] + workers).compactMap { child in child.peakMegabytes().map { (child.name, $0) } }
    }

    /// Waits until every letter of `run` is sent, on paper or failed; `during` is called with each
    /// reading (a fault test acts from it). A database that does not answer (restarting) is waited
    /// for; a worker that exits by itself, a run that fails or the timeout end the wait.
    func wait(
        for run: LetterRun,
        timeout: Duration,
        every interval: Duration = .seconds(1),
        report: (LetterRun.Progress, Duration) -> Void = { _, _ in },
        during: (LetterRun.Progress, Duration) async throws -> Void = { _, _ in }
    ) async throws -> LetterRun.Progress {
        let started = ContinuousClock.now
        var last = LetterRun.Progress()
        while true {
            let elapsed = ContinuousClock.now - started
            if let progress = try? await run.progress(on: app.db) {
                last = progress
                report(progress, elapsed)
                if progress.final >= run.letters { return progress }
                if progress.runsFailed > 0 { throw CommandError("A bulk run failed:\n\(workers[0].tail())") }
            }
            try await during(last, elapsed)
            if let dead = ([standIn] + workers).first(where: { $0.crashed }) {
                throw CommandError("\(dead.name) stopped by itself:\n\(dead.tail())")
            }
            guard elapsed < timeout else {
                throw CommandError("Not done after \(timeout): \(last.final) of \(run.letters) letters.")
            }
            try await Task.sleep(for: interval)
        }
    }

    /// Whether every digital letter of `run` reached the stand-in exactly once, nothing else did,
    /// and no letter was made twice.
    struct Verdict {
        let digitalLetters: Int
        let distinctAtStandIn: Int
        let missing: Int
        let unknown: Int
        let duplicateLetters: Int
        /// Letters of the run in a mailbox more than once.
        let deliveredTwice: Int
        let sends: Int
        let resent: Int

        var exactlyOnce: Bool {
            missing == 0 && unknown == 0 && duplicateLetters == 0 && deliveredTwice == 0
                && distinctAtStandIn == digitalLetters
        }

        var line: String {
            "\(digitalLetters) digital letters, \(distinctAtStandIn) distinct messageUUIDs at the stand-in, "
                + "\(missing) missing, \(unknown) unknown, \(duplicateLetters) made twice, \(deliveredTwice) delivered twice; "
                + "\(sends) sends (\(resent) letters sent again with the same messageUUID)"
        }
    }

    func verdict(for run: LetterRun) async throws -> Verdict {
        let ours = Set(try await run.digitalMessageUUIDs(on: app.db))
        let everyOutboxLetter = Set(try await LetterRun.everyMessageUUID(on: app.db))
        let mailboxes = try await delivered().messageUUIDs.map { $0.lowercased() }
        let atStandIn = Set(mailboxes)
        let timesDelivered = Dictionary(mailboxes.map { ($0, 1) }, uniquingKeysWith: +)
        let attempts = try await attempts()
        let oursAttempts = ours.map { attempts[$0] ?? 0 }
        return Verdict(
            digitalLetters: ours.count,
            distinctAtStandIn: atStandIn.intersection(ours).count,
            missing: ours.subtracting(atStandIn).count,
            unknown: atStandIn.subtracting(everyOutboxLetter).count,
            duplicateLetters: try await run.duplicateLetters(on: app.db),
            deliveredTwice: ours.filter { (timesDelivered[$0] ?? 0) > 1 }.count,
            sends: oursAttempts.reduce(0, +),
            resent: oursAttempts.filter { $0 > 1 }.count
        )
    }
}

/// A JSON value as the stand-in's controls answer it (numbers, strings, booleans).
enum JSONValue: Decodable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }
}
