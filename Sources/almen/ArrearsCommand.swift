import ArgumentParser
import Foundation

/// `almen ledger import`: reads an account file into the leases' accounts, all lines or none.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Leases' accounts: import charges and payments (docs/ledger-import.md).",
        subcommands: [Import.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an account file. Prints a JSON report; exits 1 and stores nothing if any line is wrong."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "posteringer (the administration system's charges and payments) or bank (payments).")
        var format: String
        @Argument(help: "The file (UTF-8, semicolon-separated, with its header line); - reads standard input.")
        var file: String

        func run() async throws {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let read = FileManager.default.contents(atPath: file) else {
                    throw CommandError("Cannot read \(file).")
                }
                data = read
            }
            guard data.count <= 64 << 20 else { throw CommandError("The file is larger than 64 MB; split it.") }
            guard let text = String(data: data, encoding: .utf8) else {
                throw CommandError("The file is not UTF-8 text.")
            }
            let output = try await AppRunner.ledgerImport(env: environment.env, text: text, format: format)
            FileHandle.standardOutput.write(output.json + Data("\n".utf8))
            if !output.succeeded { throw ExitCode(1) }
        }
    }
}

/// `almen arrears run|fee`: the daily arrears run, and the påkravsgebyr per year.
struct ArrearsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrears",
        abstract: "Rent arrears: the daily run that makes påkrav, and the yearly påkravsgebyr.",
        subcommands: [Run.self, Fee.self]
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide every lease with unpaid rent: påkrav queued or proposed, paid cases closed. Prints JSON."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "The day to decide for (ISO date); today by default.") var date: String?
        @Flag(help: "Decide and count, but change nothing.") var dryRun = false

        func run() async throws {
            let output = try await AppRunner.arrearsRun(env: environment.env, date: date, dryRun: dryRun)
            FileHandle.standardOutput.write(output.json + Data("\n".utf8))
            if !output.succeeded { throw ExitCode(1) }
        }
    }

    struct Fee: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enter the published påkravsgebyr of a year (ALL § 90: 250 kr. at 2009 level, indexed)."
        )
        @OptionGroup var environment: EnvironmentOption
        @Option(help: "The year.") var year: Int
        @Option(help: "The amount in kroner, Danish notation: 325,00.") var amount: String
        @Option(help: "Where the amount was published.") var source: String

        func run() async throws {
            print(
                try await AppRunner.arrearsFee(env: environment.env, year: year, amount: amount, source: source)
            )
        }
    }
}
