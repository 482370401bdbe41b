import Foundation

/// A process the benchmarks start from this same executable (a worker, the NgDP stand-in), with
/// its own environment and its output in a log file; stopped with SIGTERM as a process manager
/// would, or killed with SIGKILL by a fault test.
final class ChildProcess: @unchecked Sendable {
    let name: String
    let arguments: [String]
    let environment: [String: String]
    let log: URL
    /// The running process's id, until it has exited and been reaped.
    private(set) var pid: Int32?
    /// Set when the benchmark stopped or killed it, so its exit is not taken for a crash.
    private(set) var stoppedOnPurpose = false
    /// Set when it was reaped after an exit nobody asked for.
    private var exitedByItself = false

    /// Whether it exited without being stopped or killed (checked as the benchmark waits).
    var crashed: Bool {
        _ = isRunning
        return exitedByItself
    }

    init(name: String, arguments: [String], environment: [String: String], logDirectory: URL) {
        self.name = name
        self.arguments = arguments
        self.environment = environment
        self.log = logDirectory.appendingPathComponent(
            name.replacingOccurrences(of: " ", with: "-") + ".log"
        )
    }

    /// This executable, as the kernel knows it (the resources bundle sits beside it).
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Starts (or starts again) the process; its output is appended to `log`. Spawned and reaped
    /// here with `posix_spawn` and `waitpid` (Foundation's `Process` was seen to leave a child
    /// unreaped, and its wait hanging).
    func start() throws {
        pid = try Self.spawn(
            Self.executable,
            arguments: arguments,
            environment: environment,
            output: log.path
        )
        stoppedOnPurpose = false
        exitedByItself = false
    }

    static func spawn(
        _ path: String,
        arguments: [String],
        environment: [String: String],
        output: String?
    ) throws
        -> Int32
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let output {
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        // The child starts with no signal blocked and the usual dispositions, whatever the thread
        // that spawns it has (a Swift concurrency thread may block some).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: Int32 = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw CommandError("Could not start \(path): error \(result)") }
        return pid
    }

    /// Reaps the process if it has exited; true while it runs.
    var isRunning: Bool {
        guard let pid else { return false }
        var status: Int32 = 0
        let reaped = waitpid(pid, &status, WNOHANG)
        if reaped == 0 || (reaped == -1 && errno == EINTR) { return true }
        self.pid = nil
        if !stoppedOnPurpose { exitedByItself = true }
        return false
    }

    /// The peak resident set size so far, in MB (Linux's VmHWM), while the process runs.
    func peakMegabytes() -> Double? {
        guard let pid, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes / 1024
    }

    /// SIGKILL: the process gets no chance to tidy up (a fault test's crash).
    func kill9() async {
        guard let pid, isRunning else { return }
        stoppedOnPurpose = true
        kill(pid, SIGKILL)
        while isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// SIGTERM, then SIGKILL if it has not stopped within `grace`.
    func stop(grace: Duration = .seconds(30)) async {
        guard let pid, isRunning else { return }
        stoppedOnPurpose = true
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
        if isRunning { kill(pid, SIGKILL) }
        while isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// The last lines of the log, for a failure message.
    func tail(_ lines: Int = 15) -> String {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
