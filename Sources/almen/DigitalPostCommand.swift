import ArgumentParser
import DigitalPost
import Foundation
import MeMo

/// `almen worker`: runs the job queue (the Digital Post outbox, mail and receipts, bulk letters,
/// clean-ups) until SIGINT or SIGTERM. Run several against one PostgreSQL; they never run a job
/// at the same time or send a letter twice.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run background jobs: send the Digital Post outbox, pull mail and receipts, make bulk letters."
    )
    @OptionGroup var environment: EnvironmentOption
    @Option(
        help:
            "Seconds a claimed job stays this worker's (renewed while it runs); a killed worker's jobs return after it."
    )
    var leaseSeconds = 60
    @Option(help: "Jobs this worker runs at once (a job waiting on NgDP or the database leaves the core to another).")
    var concurrency = 1
    @Option(help: "Seconds any one job may run before it is abandoned and retried (default: each kind's own limit).")
    var timeLimit: Int?

    func run() async throws {
        guard (2...3600).contains(leaseSeconds) else { throw CommandError("--lease-seconds must be from 2 to 3600.") }
        guard (1...64).contains(concurrency) else { throw CommandError("--concurrency must be from 1 to 64.") }
        guard timeLimit.map({ (10...86_400).contains($0) }) ?? true else {
            throw CommandError("--time-limit must be from 10 to 86400 seconds.")
        }
        try await AppRunner.work(
            env: environment.env,
            leaseSeconds: leaseSeconds,
            concurrency: concurrency,
            timeLimit: timeLimit.map { .seconds($0) }
        )
    }
}

/// `almen digitalpost ...`: Digital Post tools for operators.
struct DigitalPostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digitalpost",
        abstract: "Digital Post (NgDP) tools.",
        subcommands: [Validate.self, Status.self, DemoLettersCommand.self]
    )

    /// `almen digitalpost validate FILE`: parse and validate one MeMo file. A JSON summary and exit 0
    /// when it is good; the list of problems and exit 1 when it is not; exit 2 when the file cannot
    /// be read. Hostile input is refused within the parser's limits (size before reading, depth,
    /// element count, time) and never hangs.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Parse and validate a MeMo message file.")
        @Argument(help: "The MeMo XML file.") var file: String
        @Flag(help: "Check as incoming mail to the organisation (10 MB, 10 files) instead of an outgoing letter.")
        var incoming = false

        func run() throws {
            let context: MeMoValidationContext = incoming ? .incoming : .outgoingPublicSender
            let data: Data
            do {
                let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
                guard size <= context.limits.maxBytes else {
                    try CommandOutput.json(
                        MeMoProblems.parse(.tooLarge(limit: context.limits.maxBytes)),
                        to: .standardOutput
                    )
                    throw ExitCode(1)
                }
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch let exit as ExitCode {
                throw exit
            } catch {
                try CommandOutput.json(
                    CommandOutput.Failure(error: .init(code: "unreadable_file", message: "The file cannot be read.")),
                    to: .standardError
                )
                throw ExitCode(2)
            }
            switch MeMoInspection.inspect(data: data, context: context) {
            case .success(let summary):
                try CommandOutput.json(summary, to: .standardOutput)
            case .failure(let problems):
                try CommandOutput.json(problems, to: .standardOutput)
                throw ExitCode(1)
            }
        }
    }

    /// `almen digitalpost status`: the outbox at a glance, as JSON.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Letters per status, the oldest waiting, recent failures."
        )
        @OptionGroup var environment: EnvironmentOption

        func run() async throws {
            try CommandOutput.json(try await AppRunner.digitalPostStatus(env: environment.env), to: .standardOutput)
        }
    }

    /// `almen digitalpost demo-letters`: a letter to every tenant of a demo department.
    struct DemoLettersCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo-letters",
            abstract: "Queue a demo letter to every tenant of a department (demo data only)."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "Department number in the first connected organisation.") var department = 1
        @Option(help: "The letter's subject.") var label = "Varsel om vandafbrydelse"
        @Option(help: "The letter's text.") var text = "Vandet lukkes tirsdag kl. 9-12 på grund af reparation."

        func run() async throws {
            let count = try await AppRunner.demoLetters(
                env: environment.env,
                department: department,
                label: label,
                text: text
            )
            print("Queued \(count) letters.")
        }
    }
}
